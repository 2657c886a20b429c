import { seedTask } from '../../../../fake-dastra/tasks';
import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('task delete', () => {
	it('deletes the task and returns {deleted: true}', async () => {
		const t = seedTask(fake);
		const r = await run({ resource: 'task', operation: 'delete', taskId: byId(t.id as number) });
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/Tasks/${t.id}` }]);
		expectItems(r, [{ deleted: true }]);
		expect(fake.tasks.has(t.id as number)).toBe(false);
	});

	it('names the task when it does not exist', async () => {
		const r = await run({ resource: 'task', operation: 'delete', taskId: byId(4242) });
		expect(r.error?.message).toMatch(/^Task 4242 was not found/);
	});

	it('refuses an empty ID before any call', async () => {
		const r = await run({ resource: 'task', operation: 'delete', taskId: byId('={{ "" }}') });
		expect(r.error?.message).toBe('Task ID is empty');
		expect(r.calls).toEqual([]);
	});
});
