/** The trigger as n8n runs it: poll() in n8n-core's PollContext, static data saved between polls. */
import { FakeDastra } from '../../fake-dastra/server';
import { triggerHarness } from '../../harness/n8n';

const DAY = 86_400_000;
let clock = Date.parse('2026-05-04T08:00:00Z');
const fake = new FakeDastra({ now: () => clock });
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
	fake.reset();
	fake.clear();
	fake.honoursRules = true;
	fake.honoursSort = true;
	clock = Date.parse('2026-05-04T08:00:00Z');
});

const tick = (ms = 1000) => {
	clock += ms;
};
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
		expect(listCalls()[1].query).toMatchObject({ sortBy: 'dateUpdate', filters: expect.any(String) });
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
		// The first time, Dastra is asked once whether it honours the sort; then it is known.
		expect(listCalls().map((c) => `${c.query.sortBy} ${c.query.asc}`)).toEqual(['dateUpdate false', 'dateUpdate true', 'dateCreation false']);
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
		// Page 1 of the dateUpdate listing, the sort probe (same first request both ways: the sort
		// is ignored), then page 2: everything is read.
		expect(listCalls().map((c) => [c.query.page, c.query.asc])).toEqual([
			['1', 'false'],
			['1', 'true'],
			['2', 'false'],
		]);
		expect(t.staticData['node:Dastra Trigger']).toHaveProperty('dastra.sortHonoured', false);
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

	it('"Fetch test event" returns the newest matching request and leaves the state alone', async () => {
		fake.seed({ title: 'Older', purposes: ['Erasure'] }, clock - 3 * DAY);
		fake.seed({ title: 'Newest access' }, clock - DAY);
		const t = trigger({ events: ['stateChanged'], filters: { purposes: ['Erasure'] } });
		const sample = await t.poll('manual');
		expect(sample).toEqual([expect.objectContaining({ title: 'Older', event: 'stateChanged' })]);
		expect(t.staticData).toEqual({});
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
