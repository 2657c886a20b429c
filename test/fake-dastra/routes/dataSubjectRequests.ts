/** Data subject requests: list (filters, rules, sorting), create, get, replace (PUT), JSON Patch (PATCH), delete, archive, change step. */
import { PURPOSES, STATES, WRITABLE, dastraDate, parseDate, type Json } from '../data';
import { paged } from '../http';
import { matchesRule, sortListing } from '../rules';
import type { FakeDastra, LoggedRequest } from '../server';
import { emptyValue } from '../store';
import document from '../openapi/openapi-2022.json';
import { check, invalid } from '../validation';
import { noRoute, type Answer, type Route } from './route';

const notFound: Answer = [404, { message: 'Data subject request not found' }];

export const dataSubjectRequestRoutes: Route[] = [
	{ method: 'GET', path: /^\/DataSubjectRequests$/, scope: 'workspace', handle: (fake, r) => list(fake, r) },
	{ method: 'POST', path: /^\/DataSubjectRequests$/, scope: 'workspace', handle: (fake, r) => create(fake, r.body) },
	{
		method: 'POST',
		path: /^\/DataSubjectRequests\/workflow$/,
		scope: 'workspace',
		handle: (fake, r) => changeStep(fake, r.body),
	},
	{
		method: 'POST',
		path: /^\/DataSubjectRequests\/(archive|restore)\/(\d+)$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			const dsr = fake.dsrs.get(Number(m[2]));
			if (!dsr) return notFound;
			dsr.archived = m[1] === 'archive';
			dsr.archivedDate = m[1] === 'archive' ? dastraDate(fake.now()) : null;
			dsr.dateUpdate = dastraDate(fake.now());
			return [200, ''];
		},
	},
	{
		method: 'GET',
		path: /^\/DataSubjectRequests\/(\d+)$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			const dsr = fake.dsrs.get(Number(m[1]));
			return dsr ? [200, fake.view(dsr)] : notFound;
		},
	},
	{
		method: 'PUT',
		path: /^\/DataSubjectRequests\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => (fake.dsrs.has(Number(m[1])) ? replace(fake, Number(m[1]), r.body) : notFound),
	},
	{
		method: 'PATCH',
		path: /^\/DataSubjectRequests\/(\d+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			// A Dastra without the route (or behind a proxy that refuses the method), as the fake can play it.
			if (fake.patchRefusal === 405) return [405, { message: 'Method Not Allowed' }];
			if (fake.patchRefusal === 404 || !fake.dsrs.has(Number(m[1]))) return notFound;
			return patch(fake, Number(m[1]), r);
		},
	},
	{
		method: 'DELETE',
		path: /^\/DataSubjectRequests\/(\d+)$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			if (!fake.dsrs.delete(Number(m[1]))) return notFound;
			// The document: DataSubjectRequests_Delete answers 200 (no body described).
			return [200, ''];
		},
	},
	// Dastra looks the ID up before the method: another method on a missing request is a 404 "not found".
	{
		method: '*',
		path: /^\/DataSubjectRequests\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => (fake.dsrs.has(Number(m[1])) ? noRoute(r) : notFound),
	},
];

/** The list as GET answers it; export (routes/dsrExtras.ts) filters with it too. */
export function list(fake: FakeDastra, r: LoggedRequest): Answer {
	if (fake.htmlListings) return [200, '<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' }];
	const q = r.query;
	const many = (key: string) => ([] as string[]).concat(q[key] ?? []);
	for (const s of many('states')) if (!STATES.includes(s)) return [400, { message: `Unknown state ${s}` }];
	for (const p of many('purposes')) if (!PURPOSES.includes(p)) return [400, { message: `Unknown purpose ${p}` }];
	let rule: Json | undefined;
	if (q.filters !== undefined) {
		try {
			rule = JSON.parse(String(q.filters));
		} catch {
			return [400, { message: 'filters is not valid JSON' }];
		}
	}
	// The benchmarks' fake keeps the last listing (filtered and sorted) and the pages it answered
	// (as JSON text) while nothing is written: Dastra answers calls side by side, this fake one at
	// a time in one thread, and its own work is not what the benchmarks measure.
	const { page: _page, size: _size, ...selection } = q;
	const key = fake.cachesListings ? JSON.stringify(selection) : undefined;
	if (key !== undefined && fake.listingCache?.key !== key) fake.listingCache = { key, items: select(fake, q, rule), pages: new Map() };
	const cache = key !== undefined ? fake.listingCache : undefined;
	const pageKey = `${String(q.page)}/${String(q.size)}`;
	const json = { 'content-type': 'application/json; charset=utf-8' };
	const known = cache?.pages.get(pageKey);
	if (known) return [200, known, json];
	const [status, page] = paged(r, cache?.items ?? select(fake, q, rule), fake.pageCap);
	if (status !== 200) return [status, page];
	const p = page as { items: Json[]; page: number };
	p.items = p.items.map((d) => fake.view(d));
	if (cache) {
		const text = JSON.stringify(p);
		cache.pages.set(pageKey, text);
		return [200, text, json];
	}
	// The page is computed: what the hook changes shows in the next page read, not this one.
	fake.afterListPage?.(p.page, r);
	return [200, p];
}

/** The requests a listing query selects, in its order (before paging). */
function select(fake: FakeDastra, q: LoggedRequest['query'], rule: Json | undefined): Json[] {
	const many = (key: string) => ([] as string[]).concat(q[key] ?? []);
	const archived = q.archived === 'true';
	const now = fake.now();
	// List filters, read once per call (the benchmarks list 100,000 requests).
	const states = many('states');
	const purposes = many('purposes');
	const numbers = (key: string) => new Set(many(key).map(Number));
	const [workflows, users, ids, tags] = ['workflows', 'users', 'ids', 'tags'].map(numbers);
	const text = q.q ? String(q.q).toLowerCase() : undefined;
	const items = [...fake.dsrs.values()].filter((d) => {
		if (Boolean(d.archived) !== archived) return false;
		if (q.overtaking === 'true' && !(parseDate(fake.view(d).expiryTime) < now && d.state !== 'Closed')) return false;
		if (text && !String(d.title).toLowerCase().includes(text)) return false;
		if (q.widgetId && d.widgetId !== Number(q.widgetId)) return false;
		if (q.areaId && d.areaId !== Number(q.areaId)) return false;
		if (workflows.size && !workflows.has(Number(d.workFlowStepId))) return false;
		if (users.size && !users.has(Number(d.operatorId))) return false;
		if (ids.size && !ids.has(Number(d.id))) return false;
		if (states.length && !states.includes(String(d.state))) return false;
		if (purposes.length && !(d.purposes as string[]).some((p) => purposes.includes(p))) return false;
		if (tags.size && !(d.tags as Json[]).some((t) => tags.has(Number(t.id)))) return false;
		if (rule && fake.honoursRules && !matchesRule(d, rule)) return false;
		return true;
	});
	sortListing(items, q, fake.honoursSort);
	return items;
}

function create(fake: FakeDastra, body: unknown): [number, unknown] {
	const { errors, dsr } = check(fake, body);
	if (Object.keys(errors).length) return invalid(errors);
	const fields: Json = { channel: 'Internal' };
	for (const key of WRITABLE) fields[key] = dsr[key] === undefined ? emptyValue(key) : dsr[key];
	if (Array.isArray(fields.tags)) fields.tags = (fields.tags as Json[]).map((t) => ({ id: t.id }));
	// A new request starts at the process's initial step unless the body names one.
	fields.workFlowStepId ??= fake.steps.find((s) => s.initialStep)?.id ?? null;
	return [200, light(fake.seed(fields))];
}

/** The document's answer to a create: DataSubjectRequestLightDto, without area, tags, operator or attachments. */
const LIGHT_KEYS = Object.keys(document.components.schemas.DataSubjectRequestLightDto.properties);
function light(dsr: Json): Json {
	return Object.fromEntries(LIGHT_KEYS.filter((k) => k in dsr).map((k) => [k, dsr[k]]));
}

/** PUT replaces the whole request: every writable field the body leaves out is cleared. */
function replace(fake: FakeDastra, id: number, body: unknown): [number, unknown] {
	const { errors, dsr } = check(fake, body);
	if (Object.keys(errors).length) return invalid(errors);
	const stored = fake.dsrs.get(id)!;
	for (const key of WRITABLE) stored[key] = dsr[key] === undefined ? emptyValue(key) : dsr[key];
	stored.tags = ((stored.tags as Json[]) ?? []).map((t) => ({ id: t.id }));
	const step = fake.steps.find((s) => s.id === stored.workFlowStepId);
	if (step) stored.state = step.mappedState;
	stored.dateUpdate = dastraDate(fake.now());
	return [200, fake.view(stored)];
}

/**
 * JSON Patch as ASP.NET Core applies it to the request DTO: `replace`/`add`/`remove` on a writable
 * field (names case-insensitive), `add`/`remove` on a member of customFields/additionalDatas
 * (`replace` of a member the object lacks is refused). All or nothing: the result is validated
 * like a PUT body before it is stored. The answer is the request as it now stands.
 */
function patch(fake: FakeDastra, id: number, r: LoggedRequest): [number, unknown] {
	if (!String(r.headers['content-type'] ?? '').startsWith('application/json-patch+json')) {
		return [415, { message: 'A JSON Patch is sent as application/json-patch+json' }];
	}
	if (!Array.isArray(r.body) || r.body.length === 0) return invalid({ body: ['A JSON Patch document (a non-empty list of operations) is required.'] });
	const stored = fake.dsrs.get(id)!;
	const next: Json = JSON.parse(JSON.stringify(stored));
	const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
	for (const [n, raw] of (r.body as Json[]).entries()) {
		const op = String(raw.op ?? '').toLowerCase();
		const segments = String(raw.path ?? '').split('/').slice(1).map(unescape);
		const field = WRITABLE.find((k) => k.toLowerCase() === String(segments[0] ?? '').toLowerCase());
		const fail = (msg: string) => invalid({ [`[${n}]`]: [msg] });
		if (!field) return fail(`The target location specified by path '${String(raw.path)}' was not found.`);
		if (segments.length === 1) {
			if (op === 'remove') next[field] = emptyValue(field);
			else if (op === 'replace' || op === 'add') next[field] = raw.value as Json[keyof Json];
			else return fail(`Operation '${op}' is not supported here.`);
		} else if (segments.length === 2 && (field === 'customFields' || field === 'additionalDatas')) {
			const obj = (next[field] ?? {}) as Json;
			const member = segments[1];
			if (op === 'remove' || op === 'replace') {
				if (!(member in obj)) return fail(`The target location specified by path '${String(raw.path)}' was not found.`);
			}
			if (op === 'remove') delete obj[member];
			else if (op === 'add' || op === 'replace') obj[member] = raw.value as Json[keyof Json];
			else return fail(`Operation '${op}' is not supported here.`);
			next[field] = obj;
		} else {
			return fail(`The target location specified by path '${String(raw.path)}' was not found.`);
		}
	}
	const { errors } = check(fake, next);
	if (Object.keys(errors).length) return invalid(errors);
	for (const key of WRITABLE) stored[key] = next[key];
	stored.tags = ((stored.tags as Json[]) ?? []).map((t) => ({ id: t.id }));
	const step = fake.steps.find((s) => s.id === stored.workFlowStepId);
	if (step && (r.body as Json[]).some((o) => /^\/workflowstepid$/i.test(String(o.path)))) stored.state = step.mappedState;
	stored.dateUpdate = dastraDate(fake.now());
	return [200, fake.view(stored)];
}

function changeStep(fake: FakeDastra, body: unknown): [number, unknown] {
	const b = (body ?? {}) as Json;
	const dsr = fake.dsrs.get(Number(b.id));
	if (!dsr) return [404, { message: 'Data subject request not found' }];
	const step = fake.steps.find((s) => s.id === b.stepId);
	if (!step) return [400, { message: `Step ${String(b.stepId)} does not exist` }];
	dsr.workFlowStepId = step.id;
	dsr.state = step.mappedState;
	dsr.dateUpdate = dastraDate(fake.now());
	return [200, ''];
}
