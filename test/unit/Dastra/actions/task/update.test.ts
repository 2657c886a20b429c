import { seedTask, touchTask, viewTask } from '../../../../fake-dastra/tasks';
import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const update = (id: number, updateFields: Record<string, unknown>) => ({ resource: 'task', operation: 'update', taskId: byId(id), updateFields });

describe('task update', () => {
	it('sends one JSON Patch operation per field set, as application/json-patch+json, then reads the task back', async () => {
		const request = fake.seed({});
		const t = seedTask(fake, { label: 'Erase CRM', assignedToUserId: 301, descriptionHtml: 'old', priority: 'Low' });
		const r = await run(
			update(t.id as number, { label: 'Erase the CRM', state: 'Closed', priority: 'High', requestId: request.id, deadline: '2026-06-30T18:00', tagIds: [212] }),
			{ timezone: 'Europe/Paris' },
		);
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'Task' } },
			{
				method: 'PATCH',
				path: `/v1/ws/7/Tasks/${t.id}`,
				body: [
					{ op: 'replace', path: '/label', value: 'Erase the CRM' },
					{ op: 'replace', path: '/objectId', value: String(request.id) },
					{ op: 'replace', path: '/objectType', value: 'DataSubject' },
					{ op: 'replace', path: '/deadline', value: '2026-06-30T16:00:00.000Z' },
					{ op: 'replace', path: '/priority', value: 'High' },
					{ op: 'replace', path: '/state', value: 'Closed' },
					{ op: 'replace', path: '/tags', value: [{ id: 212, label: 'Backups', type: 'Task', color: '#00aaaa' }] },
				],
			},
			{ method: 'GET', path: `/v1/ws/7/Tasks/${t.id}` },
		]);
		expect(r.calls[1].headers['content-type']).toBe('application/json-patch+json');
		const stored = fake.tasks.get(t.id as number)!;
		expectItems(r, [viewTask(fake, stored)]);
		expect(stored).toMatchObject({ label: 'Erase the CRM', state: 'Closed', assignedToUserId: 301, descriptionHtml: 'old', dateClosed: expect.any(String) });
	});

	it('clears the description, assignee, deadline and tags given empty: remove operations (tags: an empty list)', async () => {
		const t = seedTask(fake, { assignedToUserId: 301, descriptionHtml: 'x', deadline: '2026-01-01T00:00:00', tags: [{ id: 211 }] });
		const r = await run(update(t.id as number, { description: '', assignedToUserId: '', deadline: '', tagIds: [] }));
		expect(r.calls[0].body).toEqual([
			{ op: 'replace', path: '/tags', value: [] },
			{ op: 'remove', path: '/descriptionHtml' },
			{ op: 'remove', path: '/assignedToUserId' },
			{ op: 'remove', path: '/deadline' },
		]);
		expect(fake.tasks.get(t.id as number)).toMatchObject({ assignedToUserId: null, descriptionHtml: null, deadline: null, tags: [] });
	});

	it("keeps a colleague's edit made in Dastra after the workflow read the task: only the changed field is written", async () => {
		const t = seedTask(fake, { label: 'Erase CRM', assignedToUserId: 301 });
		// A colleague reassigns the task in Dastra; the workflow then closes it.
		touchTask(fake, t.id as number, { assignedToUserId: 302 });
		const r = await run(update(t.id as number, { state: 'Closed' }));
		expect(r.error).toBeUndefined();
		expect(fake.tasks.get(t.id as number)).toMatchObject({ state: 'Closed', assignedToUserId: 302, label: 'Erase CRM' });
	});

	it.each([
		['no field', {}, 'No field to update'],
		['an empty label', { label: '' }, 'Label is empty'],
		['a deadline that is no date', { deadline: 'soon' }, 'Deadline "soon" is not a date'],
		['a priority outside the enum', { priority: 'Urgent' }, 'Priority "Urgent" is not one Dastra knows'],
	])('refuses %s before any call, and the task is unchanged', async (_, fields, message) => {
		const t = seedTask(fake, { label: 'Erase CRM' });
		const before = { ...fake.tasks.get(t.id as number) };
		const r = await run(update(t.id as number, fields));
		expect(r.error?.message).toBe(message);
		expect(r.calls).toEqual([]);
		expect(fake.tasks.get(t.id as number)).toEqual(before);
	});

	it('names the task when Dastra has no such task, and reads nothing back', async () => {
		const r = await run(update(4242, { state: 'Closed' }));
		expect(r.error?.message).toMatch(/^Task 4242 was not found/);
		expect(r.calls.map((c) => c.method)).toEqual(['PATCH']);
	});
});
