/**
 * The Dastra Trigger and clocks (issue 17), in n8n-core's PollContext against the fake: a request
 * dated in the future, a saved cursor in the future, and deadlines on the nights Europe changes
 * its clocks. The suite runs under TZ=UTC, Europe/Paris and America/Los_Angeles (npm run test:tz):
 * the events are the same in every zone.
 */
import { MAX_CLOCK_SKEW_MS } from '../../../nodes/Dastra/trigger/poller';
import { useFakeDastra } from '../../harness/dastra';
import { triggerHarness } from '../../harness/n8n';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-05-04T08:00:00Z');
let clock = START;
const { fake } = useFakeDastra({ now: () => clock });
beforeEach(() => (clock = START));

const tick = (ms = 1000) => (clock += ms);
const ids = (items: Array<{ event?: unknown; id?: unknown }> | null) => (items ?? []).map((i) => `${String(i.event)} ${String(i.id)}`);
const PARAMS = { events: ['requestCreated', 'requestUpdated'], simplify: false };
const trigger = (initial: object = {}, onWarn?: (m: string) => void) =>
	triggerHarness(PARAMS, { dastraApi: fake.credentials() as never }, initial as never, onWarn);
const savedCursor = (t: { staticData: Record<string, unknown> }) =>
	Date.parse((t.staticData['node:Dastra Trigger'] as { dastra: { cursor: string } }).dastra.cursor);

describe('a request dated in the future', () => {
	it.each([
		["Dastra's clock (its Date header)", 'real' as const],
		["n8n's clock (no Date header)", 'missing' as const],
	])('is reported once, and hides nothing filed after it: the cursor stays at %s', async (_what, header) => {
		fake.dateHeader = header;
		const t = trigger();
		await t.poll();
		tick();
		const future = fake.seed({ title: 'Imported with a date in 2099' }, Date.parse('2099-01-01T00:00:00Z'));
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${future.id}`]);
		// Bounded by the clock: Dastra's (the fake's) or, without a header, this machine's.
		expect(savedCursor(t)).toBeLessThanOrEqual(Math.max(clock, Date.now()) + MAX_CLOCK_SKEW_MS);
		tick();
		const later = fake.seed({ title: 'Filed after it' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${later.id}`]);
		tick();
		fake.touch(later.id, { title: 'Edited' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestUpdated ${later.id}`]);
		tick();
		expect(await t.poll()).toBeNull();
	});

	it('at activation: the first poll starts at the clock, not in 2099', async () => {
		fake.seed({ title: 'Imported with a date in 2099' }, Date.parse('2099-01-01T00:00:00Z'));
		const t = trigger();
		expect(await t.poll()).toBeNull();
		expect(savedCursor(t)).toBeLessThanOrEqual(clock + MAX_CLOCK_SKEW_MS);
		tick();
		const later = fake.seed({ title: 'Filed after activation' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${later.id}`]);
		tick();
		expect(await t.poll()).toBeNull();
	});
});

describe('a saved cursor in the future (saved before this bound existed)', () => {
	it("is moved back to Dastra's clock with a warning, once; what is filed after is reported", async () => {
		const first = trigger();
		await first.poll();
		const data = first.staticData['node:Dastra Trigger'] as { dastra: { cursor: string } };
		data.dastra.cursor = '2099-01-01T00:00:00.000Z';
		const warnings: string[] = [];
		const t = trigger({ 'node:Dastra Trigger': data }, (m) => warnings.push(m));
		tick(60_000);
		expect(await t.poll()).toBeNull();
		expect(warnings).toEqual([
			expect.stringMatching(/^Dastra Trigger: the saved cursor \(2099-01-01T00:00:00\.000Z\) was later than Dastra's clock \(2026-05-04T08:01:00\.000Z\); it was moved back/),
		]);
		expect(savedCursor(t)).toBe(clock);
		tick();
		const created = fake.seed({ title: 'Filed after the repair' });
		tick();
		expect(ids(await t.poll())).toEqual([`requestCreated ${created.id}`]);
		tick();
		expect(await t.poll()).toBeNull();
		expect(warnings).toHaveLength(1);
	});
});

describe("deadlines on the nights Europe changes its clocks, in every process zone (TZ=UTC, Europe/Paris, America/Los_Angeles)", () => {
	// Dastra's expiryTime is UTC without an offset. Paris: 29 March 2026 02:00 CET -> 03:00 CEST
	// (01:00Z); 25 October 2026 03:00 CEST -> 02:00 CET (01:00Z).
	it.each([
		['29 March, before the switch (01:30 CET)', '2026-03-29T00:30:00'],
		['29 March, after the switch (03:30 CEST)', '2026-03-29T01:30:00'],
		['25 October, the first 02:30 (CEST)', '2026-10-25T00:30:00'],
		['25 October, the second 02:30 (CET)', '2026-10-25T01:30:00'],
	])('a deadline on %s: Deadline Approaching 24 h before and Request Overdue at the first poll after it, once each', async (_what, expiryTime) => {
		const expiry = Date.parse(`${expiryTime}Z`);
		// Polls every 30 minutes, from a day and a half before the deadline to two hours after.
		clock = expiry - 36 * HOUR - 30 * 60_000;
		const dsr = fake.seed({ title: 'Due on a clock-change night', expiryTime }, clock - 20 * DAY);
		const t = triggerHarness(
			{ events: ['deadlineApproaching', 'requestOverdue'], daysBeforeDeadline: 1, simplify: true },
			{ dastraApi: fake.credentials() as never },
		);
		expect(await t.poll()).toBeNull();
		const fired: string[] = [];
		while (clock < expiry + 2 * HOUR) {
			tick(30 * 60_000);
			for (const item of (await t.poll()) ?? []) {
				expect(item).toMatchObject({ id: dsr.id, expiryTime: `${expiryTime}.000Z` });
				fired.push(`${String(item.event)} at ${new Date(clock).toISOString()}`);
			}
		}
		expect(fired).toEqual([
			`deadlineApproaching at ${new Date(expiry - DAY).toISOString()}`,
			`requestOverdue at ${new Date(expiry + 30 * 60_000).toISOString()}`,
		]);
	});
});
