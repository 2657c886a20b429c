/** The fake's /Tasks routes against Dastra's OpenAPI document: answers are TaskDtos, bad patches are refused whole. */
import { contract } from '../../fake-dastra/openapi/contract';
import { seedTask } from '../../fake-dastra/tasks';
import { useFakeDastra } from '../../harness/dastra';

const { fake } = useFakeDastra();

const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
	const res = await fetch(`${fake.baseUrl}/v1/ws/7${path}`, {
		method,
		headers: { 'x-api-key': fake.privateKey, ...(body === undefined ? {} : { 'content-type': type }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};

describe("the fake's tasks hold to the document", () => {
	it('answers TaskDto and TaskDtoPagedList', async () => {
		const request = fake.seed({});
		seedTask(fake, { objectId: String(request.id), assignedToUserId: 302, tags: [{ id: 211 }], deadline: '2026-01-01T00:00:00' });
		const created = await call('POST', '/Tasks', { label: 'Erase', priority: 'High' });
		expect(created.status).toBe(200);
		expect(contract().errorsAs('TaskDto', created.body)).toEqual({});
		expect(contract().errorsAs('TaskDto', (await call('GET', '/Tasks/5000')).body)).toEqual({});
		expect(contract().errorsAs('TaskDtoPagedList', (await call('GET', '/Tasks')).body)).toEqual({});
	});

	it.each([
		['a label over 120 characters', [{ op: 'replace', path: '/label', value: 'x'.repeat(121) }], 400],
		['a priority outside the enum', [{ op: 'replace', path: '/priority', value: 'Urgent' }], 400],
		['a field that is not writable', [{ op: 'replace', path: '/dateCreation', value: '2020-01-01T00:00:00' }], 400],
		['an unknown user', [{ op: 'replace', path: '/assignedToUserId', value: 999 }], 400],
		['one good operation and one bad', [{ op: 'replace', path: '/state', value: 'Closed' }, { op: 'replace', path: '/deadline', value: 'soon' }], 400],
	])('refuses a patch with %s, and changes nothing', async (_, ops, status) => {
		const t = seedTask(fake);
		const before = { ...fake.tasks.get(t.id as number) };
		const r = await call('PATCH', `/Tasks/${t.id}`, ops, 'application/json-patch+json');
		expect(r.status).toBe(status);
		expect(fake.tasks.get(t.id as number)).toEqual(before);
	});

	it('applies a patch that leaves the tags of a tagged task alone, and keeps them', async () => {
		const t = seedTask(fake, { tags: [{ id: 211 }] });
		const r = await call('PATCH', `/Tasks/${t.id}`, [{ op: 'replace', path: '/state', value: 'Closed' }], 'application/json-patch+json');
		expect(r.status).toBe(200);
		expect(fake.tasks.get(t.id as number)).toMatchObject({ state: 'Closed', tags: [{ id: 211 }] });
	});

	it('refuses a patch sent as another content type', async () => {
		const t = seedTask(fake);
		const r = await call('PATCH', `/Tasks/${t.id}`, [{ op: 'replace', path: '/state', value: 'Closed' }], 'text/json');
		expect(r.status).toBe(415);
	});
});
