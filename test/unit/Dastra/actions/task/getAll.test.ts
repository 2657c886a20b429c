import { seedTask } from '../../../../fake-dastra/tasks';
import { summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';
import { viewTask } from '../../../../fake-dastra/tasks';

const { fake, run } = useFakeDastra();

const getAll = (params: Record<string, unknown> = {}) => ({ resource: 'task', operation: 'getAll', ...params });

describe('task getAll', () => {
	it('with a limit asks for one page of that size', async () => {
		for (let k = 0; k < 30; k++) seedTask(fake);
		const r = await run(getAll({ limit: 7 }));
		expectCalls(r, [{ method: 'GET', path: '/v1/ws/7/Tasks', query: { page: '1', size: '7' } }]);
		expectItems(r, [...fake.tasks.values()].slice(0, 7).map((t) => viewTask(fake, t)));
	});

	it('with Return All walks 500-task pages and stops at the total: 1,201 tasks take 3 calls', async () => {
		for (let k = 0; k < 1201; k++) seedTask(fake);
		const r = await run(getAll({ returnAll: true }));
		expect(summary(r.calls)).toEqual(
			[1, 2, 3].map((page) => ({ method: 'GET', path: '/v1/ws/7/Tasks', query: { page: String(page), size: '500' } })),
		);
		expect(new Set(r.json.map((t) => t.id)).size).toBe(1201);
	});

	it("sends each filter as Dastra's parameter and returns exactly the matching tasks", async () => {
		const a = fake.seed({});
		const b = fake.seed({});
		const t0 = Date.parse('2026-01-01T00:00:00Z');
		const mine = seedTask(fake, { objectId: String(a.id), assignedToUserId: 302, state: 'Open', label: 'Erase CRM' }, t0);
		seedTask(fake, { objectId: String(a.id), assignedToUserId: 301, state: 'Open', label: 'Erase backups' }, t0);
		seedTask(fake, { objectId: String(a.id), assignedToUserId: 302, state: 'Closed', label: 'Erase mail' }, t0);
		seedTask(fake, { objectId: String(b.id), assignedToUserId: 302, state: 'Open', label: 'Erase CRM' }, t0);
		const r = await run(getAll({ returnAll: true, filters: { requestId: a.id, states: ['Open', 'Active'], assignedToUserIds: [302], q: 'Erase', archived: false } }));
		expectCalls(r, [
			{
				method: 'GET',
				path: '/v1/ws/7/Tasks',
				query: {
					objectType: 'DataSubject',
					objectIds: String(a.id),
					states: ['Open', 'Active'],
					users: '302',
					q: 'Erase',
					archived: 'false',
					page: '1',
					size: '500',
				},
			},
		]);
		expect(r.json.map((t) => t.id)).toEqual([mine.id]);
	});

	it("keeps only tasks assigned to the users asked for: Dastra's users filter also matches the owner", async () => {
		const assigned = seedTask(fake, { assignedToUserId: 302, ownerId: 301 });
		seedTask(fake, { assignedToUserId: null, ownerId: 302 });
		const r = await run(getAll({ returnAll: true, filters: { assignedToUserIds: [302] } }));
		expect(r.calls).toHaveLength(1);
		expect(r.json.map((t) => t.id)).toEqual([assigned.id]);
	});

	it('keeps only the tasks of the request asked for, though Dastra ignored the parameter', async () => {
		const a = fake.seed({});
		const ofA = seedTask(fake, { objectId: String(a.id) });
		seedTask(fake, { objectId: '999999' });
		seedTask(fake, { objectType: 'DataBreach', objectId: String(a.id) });
		fake.faults.push({ match: (c) => c.path.endsWith('/Tasks'), status: 200, body: { items: [...fake.tasks.values()].map((t) => viewTask(fake, t)), total: 3 } });
		const r = await run(getAll({ returnAll: true, filters: { requestId: a.id } }));
		expect(r.json.map((t) => t.id)).toEqual([ofA.id]);
	});

	it('overdue: only open tasks past their deadline (Dastra judges it)', async () => {
		const now = fake.now();
		const late = seedTask(fake, { deadline: new Date(now - 86_400_000).toISOString().replace('Z', '') });
		seedTask(fake, { deadline: new Date(now - 86_400_000).toISOString().replace('Z', ''), state: 'Closed' });
		seedTask(fake, { deadline: new Date(now + 86_400_000).toISOString().replace('Z', '') });
		const r = await run(getAll({ returnAll: true, filters: { overdue: true } }));
		expect(r.calls[0].query).toEqual({ overtaking: 'true', page: '1', size: '500' });
		expect(r.json.map((t) => t.id)).toEqual([late.id]);
	});

	it('states given by an expression as one comma-separated text ("Open, Active") are each sent and kept', async () => {
		const open = seedTask(fake, { state: 'Open' });
		const active = seedTask(fake, { state: 'Active' });
		seedTask(fake, { state: 'Closed' });
		const r = await run(getAll({ returnAll: true, filters: { states: 'Open, Active,' } }));
		expectCalls(r, [{ method: 'GET', path: '/v1/ws/7/Tasks', query: { states: ['Open', 'Active'], page: '1', size: '500' } }]);
		expect(r.json.map((t) => t.id)).toEqual([open.id, active.id]);
	});

	it('a comma-separated text of states with one unknown is refused before any call', async () => {
		const r = await run(getAll({ filters: { states: 'Open, Done' } }));
		expect(r.error?.message).toBe('State "Done" is not one Dastra knows');
		expect(r.calls).toEqual([]);
	});

	it.each([
		['a state outside the enum', { states: ['Done'] }, 'State "Done" is not one Dastra knows'],
		['an assignee that is no ID', { assignedToUserIds: 'bob' }, 'Assignee ID "bob" is not a valid ID'],
		['a request ID that is no ID', { requestId: 'abc' }, 'Request ID "abc" is not a valid ID'],
	])('refuses %s before any call', async (_, filters, message) => {
		const r = await run(getAll({ filters }));
		expect(r.error?.message).toBe(message);
		expect(r.calls).toEqual([]);
	});

	it('refuses a limit of 0 before any call', async () => {
		const r = await run(getAll({ limit: 0 }));
		expect(r.error?.message).toBe('Limit 0 is not a positive whole number');
		expect(r.calls).toEqual([]);
	});
});
