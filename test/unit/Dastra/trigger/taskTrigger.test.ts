/** The Dastra Trigger's task events as n8n runs them: poll() in n8n-core's PollContext, static data saved between polls. */
import { seedTask, touchTask, viewTask } from '../../../fake-dastra/tasks';
import { useFakeDastra } from '../../../harness/dastra';
import { triggerHarness } from '../../../harness/n8n';

const DAY = 86_400_000;
const START = Date.parse('2026-05-04T08:00:00Z');
let clock = START;
const { fake } = useFakeDastra({ now: () => clock });
beforeEach(() => (clock = START));

const tick = (ms = 1000) => (clock += ms);
const TASK_EVENTS = ['taskCreated', 'taskCompleted', 'taskOverdue'];
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '');
const view = (id: number) => viewTask(fake, fake.tasks.get(id)!);
const calls = () => fake.log.map((c) => `${c.method} ${c.path}`);

function trigger(events = TASK_EVENTS, onWarn?: (m: string) => void, initial = {}) {
	return triggerHarness({ events, simplify: false }, { dastraApi: fake.credentials() as never }, initial, onWarn);
}

describe('Dastra Trigger, task events', () => {
	it('created (with requestId), completed and overdue, each once, the item being the task as listed', async () => {
		const request = fake.seed({ title: 'Erase Camille', purposes: ['Erasure'] });
		const old = seedTask(fake, { label: 'Already there', deadline: iso(clock - DAY) });
		const t = trigger();
		expect(await t.poll()).toBeNull();
		// Only the task list: no request is read when no request event is chosen.
		expect(fake.log.map((c) => [c.method, c.path, c.query])).toEqual([['GET', '/v1/ws/7/Tasks', { sortBy: 'id', asc: 'true', page: '1', size: '500' }]]);

		tick();
		const crm = seedTask(fake, { label: 'Erase the CRM', objectId: String(request.id), deadline: iso(clock + 2 * DAY) });
		tick();
		expect(await t.poll()).toEqual([{ ...view(crm.id as number), requestId: request.id, event: 'taskCreated' }]);
		tick();
		expect(await t.poll()).toBeNull();

		touchTask(fake, crm.id as number, { state: 'Closed' });
		tick();
		expect(await t.poll()).toEqual([{ ...view(crm.id as number), requestId: request.id, event: 'taskCompleted' }]);

		// Reopened and closed again: a second completion.
		touchTask(fake, crm.id as number, { state: 'Active' });
		tick();
		expect(await t.poll()).toBeNull();
		touchTask(fake, crm.id as number, { state: 'Closed' });
		tick();
		expect((await t.poll())?.map((i) => i.event)).toEqual(['taskCompleted']);

		// The old task was overdue at activation: no news. A new one passes its deadline: once.
		const backups = seedTask(fake, { label: 'Purge backups', objectType: 'DataBreach', objectId: '77', deadline: iso(clock + DAY) });
		tick();
		expect(await t.poll()).toEqual([{ ...view(backups.id as number), event: 'taskCreated' }]);
		clock += 2 * DAY;
		expect(await t.poll()).toEqual([{ ...view(backups.id as number), event: 'taskOverdue' }]);
		// Moving the deadline and missing it again does not fire twice.
		touchTask(fake, backups.id as number, { deadline: iso(clock + DAY) });
		clock += 2 * DAY;
		expect(await t.poll()).toBeNull();
		expect(old.id).toBe(5000);
	});

	it('a task created and closed between two polls is created and completed', async () => {
		const t = trigger();
		await t.poll();
		tick();
		const quick = seedTask(fake, { label: 'Quick' });
		touchTask(fake, quick.id as number, { state: 'Closed' });
		tick();
		expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([
			['taskCreated', quick.id],
			['taskCompleted', quick.id],
		]);
	});

	it('only the chosen events', async () => {
		const t = trigger(['taskCompleted']);
		await t.poll();
		tick();
		const a = seedTask(fake, { deadline: iso(clock - DAY) });
		tick();
		expect(await t.poll()).toBeNull();
		touchTask(fake, a.id as number, { state: 'Closed' });
		tick();
		expect((await t.poll())?.map((i) => i.event)).toEqual(['taskCompleted']);
	});

	it('a deleted or archived task is no news, and neither is its restoring', async () => {
		const a = seedTask(fake);
		const b = seedTask(fake);
		const t = trigger();
		await t.poll();
		tick();
		fake.tasks.get(a.id as number)!.archived = true;
		fake.tasks.delete(b.id as number);
		tick();
		expect(await t.poll()).toBeNull();
		fake.tasks.get(a.id as number)!.archived = false;
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('request events only: the task list is never read', async () => {
		const t = trigger(['requestCreated']);
		await t.poll();
		tick();
		fake.seed({});
		seedTask(fake);
		tick();
		expect((await t.poll())?.map((i) => i.event)).toEqual(['requestCreated']);
		expect(calls().filter((c) => c.includes('/Tasks'))).toEqual([]);
	});

	it('request and task events in one trigger; a failed request read keeps the task events for the next poll, once', async () => {
		const t = trigger(['requestCreated', ...TASK_EVENTS]);
		expect(await t.poll()).toBeNull();
		tick();
		const request = fake.seed({});
		const task = seedTask(fake, { objectId: String(request.id) });
		tick();
		const saved = t.staticData;
		fake.faults.push({ match: (c) => c.path.endsWith('/DataSubjectRequests'), status: 400, body: { message: 'broken' } });
		await expect(t.poll()).rejects.toThrow();
		expect(t.staticData).toEqual(saved);
		tick();
		expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([
			['requestCreated', request.id],
			['taskCreated', task.id],
		]);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('edited while active: task events dropped, then chosen again, start from then (no burst of what happened meanwhile)', async () => {
		const withTasks = trigger(['requestCreated', ...TASK_EVENTS]);
		await withTasks.poll();
		expect(Object.keys(withTasks.staticData['node:Dastra Trigger'] as object).sort()).toEqual(['dastra', 'dastraSeq', 'dastraTasks', 'dastraTasksSeq']);
		// The task events are taken off: the request poll alone, and the task state goes.
		const requestsOnly = trigger(['requestCreated'], undefined, withTasks.staticData);
		tick();
		const missed = seedTask(fake);
		tick();
		fake.reset();
		expect(await requestsOnly.poll()).toBeNull();
		expect(calls().filter((c) => c.includes('/Tasks'))).toEqual([]);
		expect(Object.keys(requestsOnly.staticData['node:Dastra Trigger'] as object).sort()).toEqual(['dastra', 'dastraSeq']);
		expect((requestsOnly.staticData.global as { dastraTriggerTasks?: object }).dastraTriggerTasks).toEqual({});
		// Chosen again: a new baseline, not the task created while they were off.
		const again = trigger(['requestCreated', ...TASK_EVENTS], undefined, requestsOnly.staticData);
		tick();
		expect(await again.poll()).toBeNull();
		tick();
		touchTask(fake, missed.id as number, { state: 'Closed' });
		tick();
		expect((await again.poll())?.map((i) => [i.event, i.id])).toEqual([['taskCompleted', missed.id]]);
	});

	it('an HTML page instead of the task list fails the poll and changes nothing', async () => {
		const t = trigger();
		await t.poll();
		tick();
		seedTask(fake);
		const saved = t.staticData;
		fake.htmlListings = true;
		await expect(t.poll()).rejects.toThrow("Dastra's answer is not JSON (text/html)");
		expect(t.staticData).toEqual(saved);
		fake.htmlListings = false;
		expect((await t.poll())?.map((i) => i.event)).toEqual(['taskCreated']);
	});

	it('pages of 500: 1,201 tasks take 3 calls a poll, and the events are exact', async () => {
		for (let k = 0; k < 1201; k++) seedTask(fake, {}, clock - DAY);
		const t = trigger();
		await t.poll();
		expect(fake.log.map((c) => c.query.page)).toEqual(['1', '2', '3']);
		tick();
		touchTask(fake, 5600, { state: 'Closed' });
		const added = seedTask(fake);
		tick();
		fake.log = [];
		expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([
			['taskCompleted', 5600],
			['taskCreated', added.id],
		]);
		expect(fake.log).toHaveLength(3);
	});

	it('a task deleted while the list is read skips another: the skipped one is reported at the next poll, once', async () => {
		fake.pageCap = 3;
		for (let k = 0; k < 7; k++) seedTask(fake, {}, clock - DAY);
		const t = trigger();
		await t.poll();
		tick();
		// Task 5003 sits first on page 2; deleting 5000 after page 1 shifts it onto page 1, unread.
		touchTask(fake, 5003, { state: 'Closed' });
		const added = seedTask(fake);
		fake.afterTaskListPage = (page) => {
			if (page === 1 && fake.tasks.has(5000)) fake.tasks.delete(5000);
		};
		tick();
		const first = ((await t.poll()) ?? []).map((i) => [i.event, i.id]);
		fake.afterTaskListPage = undefined;
		tick();
		const second = ((await t.poll()) ?? []).map((i) => [i.event, i.id]);
		expect([...first, ...second].sort()).toEqual(
			[
				['taskCompleted', 5003],
				['taskCreated', added.id],
			].sort(),
		);
		expect(first).not.toContainEqual(['taskCompleted', 5003]);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('overdue by Dastra\'s clock (its Date header), not n8n\'s', async () => {
		const a = seedTask(fake, { deadline: iso(clock + 60_000) });
		const t = trigger();
		await t.poll();
		// Dastra's clock is 2 minutes ahead of its own dates here: the deadline has passed for it.
		fake.dateHeader = 120_000;
		expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([['taskOverdue', a.id]]);
	});

	it('Fetch Test Event with a task event first: the newest task, marked sample, state untouched', async () => {
		seedTask(fake, { label: 'older' }, clock - DAY);
		const newest = seedTask(fake, { label: 'newest', objectId: '1234' });
		const t = trigger(['taskCompleted', 'requestCreated']);
		expect(await t.poll('manual')).toEqual([{ ...view(newest.id as number), requestId: 1234, event: 'taskCompleted', sample: true }]);
		expect(fake.log.map((c) => c.query)).toEqual([{ sortBy: 'dateCreation', asc: 'false', page: '1', size: '1' }]);
		expect(t.staticData).toEqual({});
	});

	it('Fetch Test Event with a task event first and no task in the workspace: no sample (null), one call, state untouched', async () => {
		const t = trigger(['taskCreated', 'requestCreated']);
		expect(await t.poll('manual')).toBeNull();
		expect(calls()).toEqual(['GET /v1/ws/7/Tasks']);
		expect(t.staticData).toEqual({});
	});

	it('Fetch Test Event with a request event first: the request sample, the task list never read', async () => {
		const request = fake.seed({ title: 'Sample me' }, clock - DAY);
		const t = trigger(['requestCreated', 'taskCreated']);
		expect(await t.poll('manual')).toEqual([{ ...fake.view(fake.dsrs.get(request.id)!), event: 'requestCreated', sample: true }]);
		expect(calls()).toEqual(['GET /v1/ws/7/DataSubjectRequests']);
		expect(t.staticData).toEqual({});
	});

	it('a first poll whose task list moved while read saves no baseline; the next, steady, does (and emits nothing)', async () => {
		fake.pageCap = 3;
		for (let k = 0; k < 7; k++) seedTask(fake, {}, clock - DAY);
		fake.afterTaskListPage = (page) => {
			if (page === 1 && fake.tasks.has(5000)) fake.tasks.delete(5000);
		};
		const t = trigger();
		expect(await t.poll()).toBeNull();
		expect(t.staticData).toEqual({});
		fake.afterTaskListPage = undefined;
		tick();
		const added = seedTask(fake);
		tick();
		expect(await t.poll()).toBeNull();
		const saved = (t.staticData['node:Dastra Trigger'] as { dastraTasks: { known: Record<string, string> } }).dastraTasks;
		expect(Object.keys(saved.known).map(Number)).toEqual([5001, 5002, 5003, 5004, 5005, 5006, added.id]);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('a saved task state that does not hold together is dropped with a warning, and the trigger starts again', async () => {
		const warnings: string[] = [];
		seedTask(fake);
		const t = trigger(TASK_EVENTS, (m) => warnings.push(m), { 'node:Dastra Trigger': { dastraTasks: { v: 1, since: 'x', known: {} } } });
		expect(await t.poll()).toBeNull();
		expect(warnings).toEqual([
			'Dastra Trigger: the saved task state was invalid (since is not a date); it was dropped and task events start again from now, emitting nothing for this poll',
		]);
		expect((t.staticData['node:Dastra Trigger'] as { dastraTasks: unknown }).dastraTasks).toEqual({ v: 1, since: Date.parse('2026-05-04T08:00:00Z'), known: { 5000: 'O' } });
	});
});
