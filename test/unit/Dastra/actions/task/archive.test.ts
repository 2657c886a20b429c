import { seedTask } from '../../../../fake-dastra/tasks';
import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('task archive', () => {
	it('archives the task; Dastra answers nothing, so the item is {archived: true}', async () => {
		const t = seedTask(fake);
		const r = await run({ resource: 'task', operation: 'archive', taskId: byId(t.id as number) });
		expectCalls(r, [{ method: 'POST', path: `/v1/ws/7/Tasks/${t.id}/archive`, body: { archived: true } }]);
		expectItems(r, [{ archived: true }]);
		expect(fake.tasks.get(t.id as number)!.archived).toBe(true);
	});

	it('returns the task when Dastra answers with it', async () => {
		const t = seedTask(fake);
		fake.faults.push({ match: (c) => c.path.endsWith('/archive'), status: 200, body: { id: t.id, label: t.label, archived: true } });
		const r = await run({ resource: 'task', operation: 'archive', taskId: byId(t.id as number) });
		expectItems(r, [{ id: t.id, label: t.label, archived: true }]);
	});

	it('names the task when it does not exist', async () => {
		const r = await run({ resource: 'task', operation: 'archive', taskId: byId(4242) });
		expect(r.error?.message).toMatch(/^Task 4242 was not found/);
	});
});
