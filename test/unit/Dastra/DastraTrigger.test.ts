/** The trigger as n8n runs it: poll() in n8n-core's PollContext, static data saved between polls. */
import { useFakeDastra } from '../../harness/dastra';
import { triggerHarness } from '../../harness/n8n';

const DAY = 86_400_000;
const START = Date.parse('2026-05-04T08:00:00Z');
let clock = START;
const { fake } = useFakeDastra({ now: () => clock });
beforeEach(() => (clock = START));

const tick = (ms = 1000) => (clock += ms);
const listCalls = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests');

function trigger(params: Record<string, unknown> = {}) {
	return triggerHarness(
		{ events: ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed'], simplify: false, ...params },
		{ dastraApi: fake.credentials() as never },
	);
}

describe('Dastra Trigger in n8n-core', () => {
	it('first activation emits nothing and records where it stands', async () => {
		fake.seed({ title: 'Existing open' });
		fake.seed({ title: 'Existing closed', workFlowStepId: 105 });
		const t = trigger();
		expect(await t.poll()).toBeNull();
		expect(listCalls()[0].query).toMatchObject({ states: ['Open', 'IdentityValidation', 'Processing', 'Active'] });
		// And what changed in the activation second, closed or not, so none of it is news later.
		expect(listCalls()[1].query).toMatchObject({ sortBy: 'dateUpdate', asc: 'false' });
		const state = t.staticData['node:Dastra Trigger'] as { dastra: { cursor: string; known: object } };
		expect(state.dastra.cursor).toBe('2026-05-04T08:00:00.000Z');
		expect(Object.keys(state.dastra.known)).toEqual(['1000', '1001']);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('emits created, then updated with transitions, each once, with the request and the event', async () => {
		const t = trigger();
		await t.poll();
		tick();
		const created = fake.seed({ title: 'New erasure', purposes: ['Erasure'] });
		tick();
		const first = await t.poll();
		expect(first).toEqual([{ ...fake.view(fake.dsrs.get(created.id)!), event: 'requestCreated' }]);
		tick();
		fake.touch(created.id, { workFlowStepId: 103 });
		tick();
		const second = await t.poll();
		expect(second?.map((i) => [i.event, i.previousState, i.previousStepId])).toEqual([
			['requestUpdated', undefined, undefined],
			['stateChanged', 'Open', undefined],
			['stepChanged', undefined, 101],
		]);
		tick();
		fake.touch(created.id, { workFlowStepId: 105 });
		tick();
		const third = await t.poll();
		expect(third?.map((i) => i.event)).toEqual(['requestUpdated', 'stateChanged', 'requestClosed', 'stepChanged']);
		// The cursor follows the newest change read (one page: consistent), and only it stays at the cursor.
		const saved = t.staticData['node:Dastra Trigger'] as { dastra: { cursor: string; atCursor: object } };
		expect(saved.dastra.cursor).toBe(new Date(clock - 1000).toISOString());
		expect(Object.keys(saved.dastra.atCursor)).toEqual([String(created.id)]);
		expect(third?.[2]).toMatchObject({ previousState: 'Processing', state: 'Closed' });
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('simplifies items by default', async () => {
		const t = triggerHarness({ events: ['requestCreated'] }, { dastraApi: fake.credentials() as never });
		await t.poll();
		tick();
		const created = fake.seed({ title: 'Simple' });
		tick();
		expect(await t.poll()).toEqual([expect.objectContaining({ id: created.id, title: 'Simple', step: 'New', event: 'requestCreated' })]);
	});

	it('an idle poll costs 1 call when Dastra honours the filters rule, 2 when it ignores it', async () => {
		for (let k = 0; k < 1200; k++) {
			const dsr = fake.seed({}, clock - (k + 1) * 60_000);
			if (k % 3 === 0) fake.touch(dsr.id, { description: 'seen' }, clock - k * 1000);
		}
		const t = trigger();
		await t.poll();
		tick();
		fake.reset();
		expect(await t.poll()).toBeNull();
		expect(listCalls()).toHaveLength(1);
		expect(JSON.parse(listCalls()[0].query.filters as string)).toEqual({
			separator: 'Or',
			rules: [
				{ field: 'DateCreation', operator: 'greaterThanInclusive', value: '2026-05-04T08:00:00.000' },
				{ field: 'DateUpdate', operator: 'greaterThanInclusive', value: '2026-05-04T08:00:00.000' },
			],
		});
		expect(listCalls()[0].query).toMatchObject({ sortBy: 'dateUpdate', asc: 'false', page: '1', size: '500' });

		fake.honoursRules = false;
		fake.reset();
		tick();
		expect(await t.poll()).toBeNull();
		// Whether Dastra honours the sort was asked at activation (a listing has no rule then) and is known.
		expect(listCalls().map((c) => `${c.query.sortBy} ${c.query.asc}`)).toEqual(['dateUpdate false', 'dateCreation false']);
		fake.reset();
		tick();
		expect(await t.poll()).toBeNull();
		expect(listCalls().map((c) => c.query.sortBy)).toEqual(['dateUpdate', 'dateCreation']);
	});

	it('still emits exactly once when Dastra ignores both the rule and the sort (reads everything)', async () => {
		fake.honoursRules = false;
		fake.honoursSort = false;
		for (let k = 0; k < 700; k++) fake.seed({}, clock - (k + 1) * 60_000);
		const t = trigger();
		await t.poll();
		tick();
		fake.touch(1005, { description: 'changed' });
		const created = fake.seed({});
		tick();
		fake.reset();
		const items = await t.poll();
		expect(items?.map((i) => [i.event, i.id])).toEqual([
			['requestUpdated', 1005],
			['requestCreated', created.id],
		]);
		// The sort was found ignored at activation: pages 1 and 2, everything is read.
		expect(listCalls().map((c) => [c.query.page, c.query.asc])).toEqual([
			['1', 'false'],
			['2', 'false'],
		]);
		expect(t.staticData['node:Dastra Trigger']).toHaveProperty('dastra.sort.honoured', false);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('a fault mid-pagination leaves the state as it was; the next poll catches up, nothing lost or repeated', async () => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		const before = t.staticData;
		tick();
		for (let k = 0; k < 600; k++) fake.seed({ title: `Batch ${k}` });
		tick();
		fake.faults.push({ status: 503, times: 99, match: (c) => c.path.endsWith('/DataSubjectRequests') && c.query.page === '2' });
		await expect(t.poll()).rejects.toThrow('Dastra could not process the request (503)');
		expect(t.staticData).toEqual(before);
		fake.faults = [];
		const items = await t.poll();
		expect(items).toHaveLength(600);
		expect(new Set(items!.map((i) => i.id)).size).toBe(600);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('filters are read with the request list\'s own checks: an unknown state stops the poll before any call', async () => {
		const t = trigger({ filters: { states: ['Opened'] } });
		await expect(t.poll()).rejects.toThrow('State "Opened"');
		expect(fake.log).toEqual([]);
		expect(t.staticData).toEqual({});
	});

	it('"Fetch test event" returns the newest matching request and leaves the state alone', async () => {
		const older = fake.seed({ title: 'Older', purposes: ['Erasure'] }, clock - 3 * DAY);
		fake.seed({ title: 'Newest access' }, clock - DAY);
		const t = trigger({ events: ['stateChanged', 'requestCreated'], filters: { purposes: ['Erasure'] } });
		const sample = await t.poll('manual');
		// A sample, not an event: the request as listed, labelled with the first event selected, shaped
		// like that event's items (previousState carries the current state) and marked sample: true.
		expect(sample).toEqual([{ ...fake.view(fake.dsrs.get(older.id)!), event: 'stateChanged', previousState: 'Open', sample: true }]);
		expect(listCalls().map((c) => c.query)).toEqual([{ sortBy: 'dateCreation', asc: 'false', page: '1', size: '50' }]);
		expect(t.staticData).toEqual({});
	});

	it('filters are checked on the request as Dastra returns it: tags, entity, widget, purposes, states', async () => {
		const t = trigger({
			events: ['requestUpdated'],
			filters: { tagIds: [201, 202], entityId: 11, widgetId: 401, purposes: ['Erasure'], states: ['Open'] },
		});
		const match = fake.seed({ purposes: ['Erasure', 'Access'], widgetId: 401, tags: [{ id: 202 }] });
		const noTag = fake.seed({ purposes: ['Erasure'], widgetId: 401, tags: [{ id: 203 }] });
		const otherWidget = fake.seed({ purposes: ['Erasure'], widgetId: 402, tags: [{ id: 201 }] });
		const noPurpose = fake.seed({ purposes: ['Access'], widgetId: 401, tags: [{ id: 201 }] });
		const otherState = fake.seed({ purposes: ['Erasure'], widgetId: 401, tags: [{ id: 201 }], workFlowStepId: 103 });
		await t.poll();
		tick();
		for (const dsr of [match, noTag, otherWidget, noPurpose, otherState]) fake.touch(dsr.id, { description: 'seen' });
		tick();
		expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([['requestUpdated', match.id]]);
	});

	it('refuses a state filter Dastra does not know, before any call', async () => {
		await expect(trigger({ filters: { states: ['Pending'] } }).poll()).rejects.toThrow(/State "Pending"/);
		expect(fake.log).toEqual([]);
	});

	it('deadline events use Dastra\'s clock (skewed from n8n\'s), once each', async () => {
		// Dastra's clock is two years behind this machine's: only Dastra's matters.
		clock = Date.now() - 730 * DAY;
		const dsr = fake.seed({ title: 'Due soon' }, clock - 20 * DAY); // expires in ~10 days
		const t = trigger({ events: ['deadlineApproaching', 'requestOverdue'], daysBeforeDeadline: 5 });
		await t.poll();
		tick(4 * DAY);
		expect(await t.poll()).toBeNull();
		tick(2 * DAY);
		const warned = await t.poll();
		expect(warned?.map((i) => [i.event, i.id])).toEqual([['deadlineApproaching', dsr.id]]);
		expect(fake.log.some((c) => c.query.ids === String(dsr.id))).toBe(true);
		tick(DAY);
		expect(await t.poll()).toBeNull();
		tick(10 * DAY);
		expect((await t.poll())?.map((i) => i.event)).toEqual(['requestOverdue']);
		tick(DAY);
		expect(await t.poll()).toBeNull();
	});

	it('an archived request nearing its deadline is re-read, found gone, and not warned about', async () => {
		const dsr = fake.seed({}, clock - 28 * DAY);
		const t = trigger({ events: ['deadlineApproaching'], daysBeforeDeadline: 1 });
		await t.poll();
		fake.dsrs.get(dsr.id)!.archived = true;
		tick(2 * DAY);
		expect(await t.poll()).toBeNull();
		expect(t.staticData['node:Dastra Trigger']).not.toHaveProperty(`dastra.known.${dsr.id}`);
	});

	it('refuses to poll with no event selected', async () => {
		await expect(trigger({ events: [] }).poll()).rejects.toThrow('No event is selected');
	});
});

describe('Dastra Trigger on an API that shifts, skips and answers wrong (issue 8)', () => {
	const ids = (items: Array<{ event?: unknown; id?: unknown }> | null) => (items ?? []).map((i) => `${String(i.event)} ${String(i.id)}`);

	it('a delete on an already-read page while the listing is read skips nothing', async () => {
		fake.honoursRules = false;
		fake.honoursSort = false;
		for (let k = 0; k < 1200; k++) fake.seed({}, clock - (k + 1) * 60_000);
		const t = trigger({ events: ['requestUpdated'] });
		await t.poll();
		tick();
		// Request 1500 sits first on page 2 (the listing is in ID order when the sort is ignored).
		fake.touch(1500, { description: 'changed' });
		tick();
		fake.touch(2100, { description: 'changed later' });
		tick();
		let once = true;
		fake.afterListPage = (page) => {
			if (page === 1 && once) {
				once = false;
				fake.dsrs.delete(1001);
			}
		};
		const first = await t.poll();
		fake.afterListPage = undefined;
		tick();
		const second = await t.poll();
		expect([...ids(first), ...ids(second)].sort()).toEqual(['requestUpdated 1500', 'requestUpdated 2100']);
	});

	it('detects an ignored sort against the listing\'s first item, not the current page\'s', async () => {
		fake.honoursRules = false;
		fake.honoursSort = false;
		for (let k = 0; k < 1200; k++) fake.seed({}, clock - (1200 - k) * 60_000);
		// Page 1 (in ID order) holds no updated request; page 2 holds one updated long ago.
		fake.touch(1600, { description: 'old change' }, clock - 1000);
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		const created = fake.seed({ title: 'New one' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${created.id}`]);
		expect(t.staticData['node:Dastra Trigger']).not.toHaveProperty('dastra.sort.honoured', true);
		tick();
		const later = fake.seed({ title: 'Later one' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${later.id}`]);
	});

	it.each([
		['missing', 'missing' as const],
		['garbage', 'garbage' as const],
		['an hour behind', -3_600_000],
		['an hour ahead', 3_600_000],
	])('a request filed just before the poll is created, not updated, with a %s Date header', async (_, header) => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		fake.dateHeader = header;
		await t.poll();
		tick();
		const created = fake.seed({ title: 'Filed' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${created.id}`]);
	});

	it('a short page is not the end of the listing when total says more', async () => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		for (let k = 0; k < 250; k++) fake.seed({ title: `Batch ${k}` });
		tick();
		fake.pageCap = 100;
		const items = await t.poll();
		expect(items).toHaveLength(250);
	});

	it('pages that run dry before total fail the poll and leave the state untouched', async () => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		for (let k = 0; k < 700; k++) fake.seed({ title: `Batch ${k}` });
		tick();
		const before = t.staticData;
		fake.faults.push({ status: 200, times: 99, body: { items: [], total: 700 }, match: (c) => c.path.endsWith('/DataSubjectRequests') && c.query.page === '2' });
		await expect(t.poll()).rejects.toThrow(/ran dry/);
		expect(t.staticData).toEqual(before);
	});

	it('a 200 answer that is not JSON fails the poll, says what came back, and leaves the state untouched', async () => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		fake.seed({ title: 'Waiting' });
		tick();
		const before = t.staticData;
		fake.htmlListings = true;
		await expect(t.poll()).rejects.toThrow(/not JSON|HTML/i);
		expect(t.staticData).toEqual(before);
		fake.htmlListings = false;
		expect(await t.poll()).toHaveLength(1);
	});

	it('corrupt static data with the right version is dropped and re-baselined with a warning', async () => {
		const t = trigger({ events: ['requestCreated'] });
		await t.poll();
		tick();
		const data = t.staticData['node:Dastra Trigger'] as { dastra: Record<string, unknown> };
		const corrupt = { ...data.dastra, known: 'garbage', cursor: 42 };
		const warnings: string[] = [];
		const c = triggerHarness({ events: ['requestCreated'] }, { dastraApi: fake.credentials() as never }, { 'node:Dastra Trigger': { dastra: corrupt } }, (m: string) => warnings.push(m));
		expect(await c.poll()).toBeNull();
		expect(warnings.join(' ')).toMatch(/re-baselin|invalid|dropped/i);
		tick();
		const created = fake.seed({});
		tick();
		expect(ids(await c.poll())).toEqual([`requestCreated ${created.id}`]);
	});
});
