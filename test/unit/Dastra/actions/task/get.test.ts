import { seedTask, viewTask } from '../../../../fake-dastra/tasks';
import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('task get', () => {
	it.each([
		['by ID', (id: number) => byId(id)],
		['by URL', (id: number) => ({ __rl: true, mode: 'url', value: `https://app.dastra.eu/workspace/7/tasks/${id}` })],
		['by a URL with taskId in its query, from an expression By ID', (id: number) => byId(`={{ "https://app.dastra.eu/workspace/7/dsr/12?taskId=${id}" }}`)],
		['from the list', (id: number) => ({ __rl: true, mode: 'list', value: String(id) })],
	])('reads one task %s', async (_, locator) => {
		const t = seedTask(fake, { label: 'Erase the CRM', objectId: '1000' });
		const r = await run({ resource: 'task', operation: 'get', taskId: locator(t.id as number) });
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/Tasks/${t.id}` }]);
		expectItems(r, [viewTask(fake, fake.tasks.get(t.id as number)!)]);
	});

	it('refuses a URL that is no task page, before any call', async () => {
		const r = await run({ resource: 'task', operation: 'get', taskId: byId('={{ "https://app.dastra.eu/workspace/7" }}') });
		expect(r.error?.message).toBe('"https://app.dastra.eu/workspace/7" is not a Dastra task URL');
		expect(r.calls).toEqual([]);
	});

	it('refuses a Task ID expression that gives nothing (an earlier node without the field), before any call', async () => {
		const r = await run({ resource: 'task', operation: 'get', taskId: byId('={{ $json.missing ?? null }}') });
		expect(r.error?.message).toBe('Task ID is empty');
		expect(r.calls).toEqual([]);
	});

	it('names the task when Dastra has no such task', async () => {
		const r = await run({ resource: 'task', operation: 'get', taskId: byId(4242) });
		expect(r.error?.message).toMatch(/^Task 4242 was not found/);
	});
});
