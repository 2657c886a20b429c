import { seedTask, viewTask } from '../../../../fake-dastra/tasks';
import { summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const task = (operation: string, params: Record<string, unknown> = {}) => ({ resource: 'task', operation, ...params });

describe('task create', () => {
	it('creates a task on a request with every field: assignee, deadline read in the workflow zone, priority, state, tags, entity', async () => {
		const request = fake.seed({ title: 'Erase Camille', purposes: ['Erasure'] });
		const r = await run(
			task('create', {
				label: 'Erase the CRM record',
				additionalFields: {
					requestId: request.id,
					description: 'Customer <b>4521</b>',
					assignedToUserId: 302,
					// Paris is at UTC+2 on 31 March 2026 (summer time since the 29th).
					deadline: '2026-03-31T17:00:00',
					priority: 'High',
					state: 'Active',
					tagIds: [211],
					entityId: 12,
				},
			}),
			{ timezone: 'Europe/Paris' },
		);
		const body = {
			label: 'Erase the CRM record',
			objectId: String(request.id),
			objectType: 'DataSubject',
			descriptionHtml: 'Customer <b>4521</b>',
			assignedToUserId: 302,
			deadline: '2026-03-31T15:00:00.000Z',
			priority: 'High',
			state: 'Active',
			tags: [{ id: 211, label: 'Erasure', type: 'Task', color: '#aa00aa' }],
			areaId: 12,
		};
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'Task' } },
			{ method: 'POST', path: '/v1/ws/7/Tasks', body },
		]);
		const stored = fake.tasks.get(5000)!;
		expectItems(r, [viewTask(fake, stored)]);
		expect(r.json[0]).toMatchObject({
			id: 5000,
			objectId: String(request.id),
			assignedToUser: { id: 302, displayName: 'Bob Durand' },
			descriptionPlainText: 'Customer 4521',
			tags: [{ id: 211, label: 'Erasure' }],
		});
	});

	it('with only a label sends only the label', async () => {
		const r = await run(task('create', { label: '  Purge the backups  ' }));
		expectCalls(r, [{ method: 'POST', path: '/v1/ws/7/Tasks', body: { label: 'Purge the backups' } }]);
		expect(r.json[0]).toMatchObject({ id: 5000, label: 'Purge the backups', state: 'Open', objectId: null });
	});

	it.each([
		['a date without time, in New York (n8n default zone): midnight there', '2026-01-31', undefined, '2026-01-31T05:00:00.000Z'],
		['a time in Paris in winter', '2026-01-31T17:00', 'Europe/Paris', '2026-01-31T16:00:00.000Z'],
		['an instant with an offset: that instant, whatever the zone', '2026-01-31T17:00:00+05:30', 'Europe/Paris', '2026-01-31T11:30:00.000Z'],
		['an instant in UTC', '2026-01-31T17:00:00Z', 'Asia/Tokyo', '2026-01-31T17:00:00.000Z'],
		['in Tokyo', '2026-07-01T09:00:00', 'Asia/Tokyo', '2026-07-01T00:00:00.000Z'],
	])('deadline: %s', async (_, deadline, timezone, sent) => {
		const r = await run(task('create', { label: 'x', additionalFields: { deadline } }), { timezone });
		expect(r.error).toBeUndefined();
		expect((r.calls[0].body as { deadline: string }).deadline).toBe(sent);
	});

	it.each([
		['an empty label', { label: ' ' }, 'Label is empty'],
		['a label over 120 characters', { label: 'x'.repeat(121) }, 'Label is 121 characters long; Dastra accepts at most 120'],
		['a deadline that is no date', { label: 'x', additionalFields: { deadline: 'next Friday' } }, 'Deadline "next Friday" is not a date'],
		['a deadline on 31 February', { label: 'x', additionalFields: { deadline: '2026-02-31' } }, 'Deadline "2026-02-31" is not a date'],
		['a priority outside the enum', { label: 'x', additionalFields: { priority: 'Urgent' } }, 'Priority "Urgent" is not one Dastra knows'],
		['a state outside the enum', { label: 'x', additionalFields: { state: 'Archived' } }, 'State "Archived" is not one Dastra knows'],
		['an assignee that is no ID', { label: 'x', additionalFields: { assignedToUserId: 'bob' } }, 'Assignee ID "bob" is not a valid ID'],
		['a negative request ID', { label: 'x', additionalFields: { requestId: -4 } }, 'Request ID "-4" is not a valid ID'],
	])('refuses %s before any call', async (_, params, message) => {
		const r = await run(task('create', params));
		expect(r.error?.message).toBe(message);
		expect(r.calls).toEqual([]);
		expect(fake.tasks.size).toBe(0);
	});

	it('refuses a tag that is not a task tag after reading the tags, before writing', async () => {
		const r = await run(task('create', { label: 'x', additionalFields: { tagIds: [201] } }));
		expect(r.error?.message).toBe('Tag 201 is not a task tag of this workspace');
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'Task' } }]);
	});

	it("says what Dastra refused: a request that does not exist", async () => {
		const r = await run(task('create', { label: 'x', additionalFields: { requestId: 999 } }));
		expect(r.error?.message).toBe('Dastra refused the request: One or more validation errors occurred. objectId: Data subject request 999 does not exist.');
		expect(fake.tasks.size).toBe(0);
	});

	it('one task per input item, each paired with its item', async () => {
		seedTask(fake, { label: 'existing' });
		const r = await run(task('create', { label: '={{ "Erase " + $json.system }}' }), { items: [{ system: 'CRM' }, { system: 'Backups' }] });
		expectItems(
			r,
			[5001, 5002].map((id) => viewTask(fake, fake.tasks.get(id)!)),
			[0, 1],
		);
		expect(r.json.map((t) => t.label)).toEqual(['Erase CRM', 'Erase Backups']);
	});
});
