/**
 * Issue 10: Dastra's OpenAPI document is the contract. Every (method, path) the pack can call is
 * in the document or on the fake's commented allowlist; the fake refuses what the document
 * refuses; the node's length limits are generated from the document and up to date.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { ALLOWLIST, contract } from '../../fake-dastra/openapi/contract';
import { useFakeDastra } from '../../harness/dastra';

const root = join(__dirname, '..', '..', '..');

/**
 * Every call the pack makes: method and path, relative to /v1/ws/{workspaceId} unless it starts
 * with /v1/ or is /me. A new call site must be added here (the source scan below fails otherwise).
 */
const CALLS: Array<[method: string, path: string]> = [
	['GET', '/DataSubjectRequests'],
	['POST', '/DataSubjectRequests'],
	['GET', '/DataSubjectRequests/{}'],
	['PUT', '/DataSubjectRequests/{}'],
	['PATCH', '/DataSubjectRequests/{}'],
	['DELETE', '/DataSubjectRequests/{}'],
	['POST', '/DataSubjectRequests/workflow'],
	['POST', '/DataSubjectRequests/archive/{}'],
	['POST', '/DataSubjectRequests/restore/{}'],
	['PUT', '/DataSubjectRequests/set-identity-validation/{}'],
	['POST', '/DataSubjectRequests/export/{}'],
	['GET', '/DataSubjectRequests/stats'],
	['GET', '/DataSubjectRequestProcessings/{}'],
	['POST', '/DataSubjectRequestProcessings/{}/{}'],
	['POST', '/DataSubjectRequestProcessings/notification/{}'],
	['DELETE', '/DataSubjectRequestProcessings/{}'],
	['GET', '/DataSubjectMessages'],
	['POST', '/DataSubjectMessages'],
	['GET', '/DataSubjectMessages/{}'],
	['DELETE', '/DataSubjectMessages/{}'],
	['POST', '/DataSubjectAttachments/{}'],
	['GET', '/DataSubjectAttachments/{}/download/{}'],
	['DELETE', '/DataSubjectAttachments/{}/{}'],
	['GET', '/Tasks'],
	['POST', '/Tasks'],
	['GET', '/Tasks/{}'],
	['PATCH', '/Tasks/{}'],
	['DELETE', '/Tasks/{}'],
	['POST', '/Tasks/{}/archive'],
	['GET', '/Areas'],
	['GET', '/Tags'],
	['GET', '/Workflows/DataSubject'],
	['GET', '/v1/TenantUsers'],
	['GET', '/v1/WebHookUrls'],
	['POST', '/v1/WebHookUrls'],
	['DELETE', '/v1/WebHookUrls/{}'],
	['POST', '/v1/client/save-request/{}'],
	['GET', '/me'],
];

const absolute = (path: string) => (path.startsWith('/v1/') || path === '/me' ? path : `/v1/ws/{}${path}`);
const shape = (template: string) => template.replace(/\{\w*\}/g, '{}').toLowerCase();

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) return sources(full);
		return full.endsWith('.ts') && !full.endsWith('.generated.ts') ? [full] : [];
	});
}

/** API path literals in nodes/ and credentials/ ('/Tags', `/DataSubjectRequests/${id}`, ...), as shapes. */
function pathsInSource(): Set<string> {
	const found = new Set<string>();
	const literal = /(['`])((?:\$\{[\w.]+\})*\/(?:v1\/|[A-Z]|me(?=['`]))[^'`]*)\1/g;
	for (const file of [...sources(join(root, 'nodes')), ...sources(join(root, 'credentials'))]) {
		for (const m of readFileSync(file, 'utf8').matchAll(literal)) {
			const path = m[2].replace(/^\$\{baseUrl\}/, '');
			if (path.includes('${path}')) continue; // the transport's prefixing of relative paths
			found.add(path.replace(/\$\{[\w.]+\}/g, '{}'));
		}
	}
	return found;
}

describe("the contract: Dastra's OpenAPI document", () => {
	it('every (method, path) the pack calls is in the document or on the allowlist', () => {
		const documented = new Map(contract().templates().map((t) => [`${t.method} ${shape(t.template)}`, t.source]));
		const missing = CALLS.filter(([method, path]) => !documented.has(`${method} ${shape(absolute(path))}`));
		expect(missing).toEqual([]);
		// The two allowlisted ones, each with where it is documented.
		const allowed = CALLS.filter(([method, path]) => documented.get(`${method} ${shape(absolute(path))}`));
		expect(allowed).toEqual([
			['GET', '/Workflows/DataSubject'],
			['POST', '/v1/client/save-request/{}'],
		]);
	});

	it('the call list matches the API paths written in the source, both ways', () => {
		const inSource = pathsInSource();
		const listed = new Set(CALLS.map(([, path]) => path));
		expect([...inSource].filter((p) => !listed.has(p)).sort()).toEqual([]);
		expect([...listed].filter((p) => !inSource.has(p)).sort()).toEqual([]);
	});

	it('the allowlist is short and says where each entry is documented', () => {
		expect(ALLOWLIST.length).toBeLessThanOrEqual(3);
		for (const entry of ALLOWLIST) expect(entry.source).toEqual(expect.stringMatching(/Dastra/));
	});

	it('fields/limits.generated.ts is what `npm run gen:limits` makes from the document', () => {
		const generated = execFileSync(process.execPath, [join(root, 'scripts/gen-limits.mjs'), '--stdout'], { encoding: 'utf8' });
		expect(readFileSync(join(root, 'nodes/Dastra/fields/limits.generated.ts'), 'utf8')).toBe(generated);
		expect(generated).toContain('zipCode: { maxLength: 8 }');
		expect(generated).toContain('refId: { maxLength: 355 }');
	});
});

describe('the fake refuses what the document refuses', () => {
	const { fake } = useFakeDastra();

	const call = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${fake.baseUrl}${path}`, {
			method,
			headers: { 'x-api-key': fake.privateKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
	};
	const dsr = { title: 'T', areaId: 12, locale: 'en', purposes: ['Access'] };

	it('tags as {id} (TagDto requires label and type): 400', async () => {
		const r = await call('POST', '/v1/ws/7/DataSubjectRequests', { ...dsr, tags: [{ id: 201 }] });
		expect(r.status).toBe(400);
		expect(r.body?.errors).toEqual({
			'tags.0.label': ['The Label field is required.'],
			'tags.0.type': ['The Type field is required.'],
		});
		expect(fake.dsrs.size).toBe(0);
	});

	it.each([
		['an unknown channel', { channel: 'Fax' }, 'channel'],
		['an unknown state', { state: 'Pending' }, 'state'],
		['a 9-character zip code', { zipCode: '123456789' }, 'zipCode'],
		['a field the document does not have', { colour: 'red' }, 'colour'],
		['a string ID', { areaId: '12' }, 'areaId'],
	])('a request body with %s: 400 naming the field', async (_, extra, field) => {
		const r = await call('POST', '/v1/ws/7/DataSubjectRequests', { ...dsr, ...extra });
		expect(r.status).toBe(400);
		expect(Object.keys(r.body?.errors as object)).toEqual([field]);
	});

	it("accepts the newer request object's fields (DE page) and answers a create with the light object", async () => {
		const r = await call('POST', '/v1/ws/7/DataSubjectRequests', {
			...dsr,
			customFields: { '13_long': 'x' },
			subjectCategoryId: null,
			dateDemand: '2023-09-18T10:31:30.6882299',
			tags: [{ id: 201, label: 'VIP', type: 'DataSubject', color: '#ff0000' }],
		});
		expect(r.status).toBe(200);
		expect(r.body).not.toHaveProperty('area');
		expect(r.body).not.toHaveProperty('tags');
		expect(r.body).toMatchObject({ id: expect.any(Number), areaId: 12, title: 'T' });
	});

	it('query parameters by name and type; undocumented calls are 404; deletes answer 200', async () => {
		expect((await call('GET', '/v1/ws/7/DataSubjectRequests?page=one')).status).toBe(400);
		expect((await call('GET', '/v1/ws/7/DataSubjectRequests?states=Pending')).status).toBe(400);
		expect((await call('GET', '/v1/ws/7/DataSubjectRequests?refId=ZD-1')).status).toBe(400);
		expect((await call('GET', '/v1/ws/7/DataSubjectRequests?states=Open&states=Closed&page=1')).status).toBe(200);
		expect((await call('GET', '/v1/ws/7/Nothing')).status).toBe(404);
		expect((await call('PATCH', '/v1/ws/7/Tags')).status).toBe(404);
		const id = fake.seed({}).id as number;
		expect(await call('DELETE', `/v1/ws/7/DataSubjectRequests/${id}`)).toEqual({ status: 200, body: undefined });
		// Test-only control routes are exempt.
		expect((await call('GET', '/__fake/log')).status).toBe(200);
	});

	it("the fake's answers take the document's shapes: paged list, full request, light create answer, tags", async () => {
		const id = fake.seed({ personCategory: 'Client', tags: [{ id: 201 }], operatorId: 301 }).id as number;
		const c = contract();
		expect(c.errorsAs('DataSubjectRequestDtoPagedList', (await call('GET', '/v1/ws/7/DataSubjectRequests')).body)).toEqual({});
		const full = (await call('GET', `/v1/ws/7/DataSubjectRequests/${id}`)).body;
		expect(c.errorsAs('DataSubjectRequestDto', full)).toEqual({});
		const created = (await call('POST', '/v1/ws/7/DataSubjectRequests', { ...dsr, personCategory: 'Client' })).body;
		expect(c.errorsAs('DataSubjectRequestLightDto', created)).toEqual({});
		// ...and the light object is not the full one: it has no tags (additionalProperties: false).
		expect(c.errorsAs('DataSubjectRequestLightDto', full)).toHaveProperty('tags');
		for (const tag of (await call('GET', '/v1/ws/7/Tags')).body as unknown as unknown[]) expect(c.errorsAs('TagDto', tag)).toEqual({});
		expect(c.errorsAs('AreaDtoPagedList', (await call('GET', '/v1/ws/7/Areas?type=Entity')).body)).toEqual({});
		expect(c.errorsAs('UserDtoPagedList', (await call('GET', '/v1/TenantUsers?workspaceId=7')).body)).toEqual({});
	});

	it('is prepared once per process, not per request', () => {
		expect(contract()).toBe(contract());
	});
});
