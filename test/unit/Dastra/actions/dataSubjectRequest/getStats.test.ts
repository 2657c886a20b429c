import { dsr, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const NOW = Date.parse('2026-05-01T00:00:00Z');
const DAY = 86_400_000;
const { fake, run } = useFakeDastra({ now: () => NOW });

function seedMonth() {
	fake.seed({ purposes: ['Erasure'], areaId: 11 }, NOW - 40 * DAY); // overdue (one-month deadline), open
	fake.seed({ purposes: ['Access'], areaId: 11 }, NOW - 10 * DAY);
	fake.seed({ purposes: ['Erasure', 'Opposition'], areaId: 12 }, NOW - 5 * DAY);
	const closed = fake.seed({ purposes: ['Access'], areaId: 11 }, NOW - 20 * DAY);
	fake.touch(closed.id as number, { workFlowStepId: 105, dateClosed: new Date(NOW - 14 * DAY).toISOString() });
}

describe('dataSubjectRequest getStats', () => {
	it('GETs /stats with areaId, start and end in UTC, and returns the counts', async () => {
		seedMonth();
		const r = await run(
			dsr('getStats', { options: { entityId: 11, start: '2026-04-01T00:00:00+02:00', end: '2026-04-30T23:59:59Z' } }),
		);
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{
				method: 'GET',
				path: '/v1/ws/7/DataSubjectRequests/stats',
				query: { areaId: '11', start: '2026-03-31T22:00:00.000Z', end: '2026-04-30T23:59:59.000Z' },
			},
		]);
		expect(r.json).toEqual([
			{
				startDate: '2026-03-31T22:00:00.000Z',
				endDate: '2026-04-30T23:59:59.000Z',
				requests: 2,
				openOrActive: 1,
				overdue: 0,
				averageTimeToClose: 6,
				byPurpose: { Access: 2 },
			},
		]);
	});

	it('without options asks for the whole default period; Simplify off gives one entry per request', async () => {
		seedMonth();
		const r = await run(dsr('getStats', { simplify: false }));
		expect(r.calls[0].query).toEqual({});
		expect(r.json[0]).toMatchObject({ nbCustomerRequests: 4, nbOpenedOrActiveCustomerRequests: 3, nbOverTaken: 1 });
		expect((r.json[0].stats as unknown[]).length).toBe(4);
	});

	it('Simplify on an answer that leaves counts out gives null for each, and skips unnamed purposes', async () => {
		fake.faults.push({
			status: 200,
			body: { purposeTypes: [{ name: 'Access', y: 3 }, { name: 'Erasure' }, { y: 9 }], stats: [] },
		});
		const r = await run(dsr('getStats', {}));
		expectCalls(r, [{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/stats' }]);
		expectItems(r, [
			{
				startDate: null,
				endDate: null,
				requests: null,
				openOrActive: null,
				overdue: null,
				averageTimeToClose: null,
				byPurpose: { Access: 3, Erasure: 0 },
			},
		]);
	});

	it('Simplify on an answer without purpose series gives no purposes', async () => {
		fake.faults.push({ status: 200, body: { nbCustomerRequests: 0, purposeTypes: null } });
		const r = await run(dsr('getStats', {}));
		expectCalls(r, [{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/stats' }]);
		expectItems(r, [
			{ startDate: null, endDate: null, requests: 0, openOrActive: null, overdue: null, averageTimeToClose: null, byPurpose: {} },
		]);
	});

	it('refuses an end before the start, naming both, before any call', async () => {
		const r = await run(dsr('getStats', { options: { start: '2026-04-30', end: '2026-04-01' } }), { timezone: 'UTC' });
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('End (2026-04-01T00:00:00.000Z) is before Start (2026-04-30T00:00:00.000Z)');
	});

	describe("times typed without an offset are read in the workflow's time zone, whatever n8n's process zone", () => {
		const stats = (options: object, timezone?: string) =>
			run(dsr('getStats', { simplify: false, options }), timezone ? { timezone } : {}).then((r) => {
				expect(r.error).toBeUndefined();
				return r.calls.map((c) => c.query);
			});

		it("the date picker's value in the workflow's zone (Workflow Settings > Timezone)", async () => {
			expect(await stats({ start: '2026-01-01T00:10:00', end: '2026-07-01T00:10:00' }, 'Europe/Paris')).toEqual([
				{ start: '2025-12-31T23:10:00.000Z', end: '2026-06-30T22:10:00.000Z' },
			]);
			expect(await stats({ start: '2026-01-01T00:10:00', end: '2026-01-02' }, 'America/Los_Angeles')).toEqual([
				{ start: '2026-01-01T08:10:00.000Z', end: '2026-01-02T08:00:00.000Z' },
			]);
		});

		it("without a workflow zone, n8n's default (GENERIC_TIMEZONE, America/New_York unless set)", async () => {
			expect(await stats({ start: '2026-01-01T00:10:00' })).toEqual([{ start: '2026-01-01T05:10:00.000Z' }]);
		});

		it('with Z or an offset: as given, whatever the zone', async () => {
			expect(await stats({ start: '2026-01-01T00:10:00Z', end: '2026-01-01T00:10:00-03:00' }, 'Asia/Tokyo')).toEqual([
				{ start: '2026-01-01T00:10:00.000Z', end: '2026-01-01T03:10:00.000Z' },
			]);
		});

		it('the nights the clocks change in Paris: the hour skipped moves forward, the hour repeated is its first time', async () => {
			expect(await stats({ start: '2026-03-29T02:30:00', end: '2026-10-25T02:30:00' }, 'Europe/Paris')).toEqual([
				{ start: '2026-03-29T01:30:00.000Z', end: '2026-10-25T00:30:00.000Z' },
			]);
		});

		it('an unknown workflow zone: a clear error before any call (an offset needs no zone)', async () => {
			const r = await run(dsr('getStats', { options: { start: '2026-01-01T00:10:00' } }), { timezone: 'Mars/Olympus' });
			expect(r.calls).toEqual([]);
			expect(r.error?.message).toBe('The workflow\'s time zone "Mars/Olympus" is unknown, so Start cannot be read');
			expect(await stats({ start: '2026-01-01T00:10:00+01:00' }, 'Mars/Olympus')).toEqual([{ start: '2025-12-31T23:10:00.000Z' }]);
		});

		it("each dateTime field's hint names the zone it is read in", async () => {
			const { Dastra } = await import('../../../../../nodes/Dastra/Dastra.node');
			const dateFields = (props: Array<{ type: string; options?: unknown[]; name: string; hint?: string }>): Array<{ name: string; hint?: string }> =>
				props.flatMap((p) => [...(p.type === 'dateTime' ? [p] : []), ...dateFields([...(p.options ?? []), ...((p as { values?: unknown[] }).values ?? [])] as never)]);
			const found = dateFields(new Dastra().description.properties as never);
			expect(found.map((f) => f.name).sort()).toEqual(['deadline', 'deadline', 'end', 'end', 'start', 'start']);
			for (const f of found) expect(f.hint).toMatch(/workflow's time zone/);
		});
	});

	it('refuses a start that is not a date before any call', async () => {
		const r = await run(dsr('getStats', { options: { start: 'last month' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Start "last month" is not a date');
	});
});
