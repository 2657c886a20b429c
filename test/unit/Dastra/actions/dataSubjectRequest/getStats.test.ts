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
		const r = await run(dsr('getStats', { options: { start: '2026-04-30', end: '2026-04-01' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('End (2026-04-01T00:00:00.000Z) is before Start (2026-04-30T00:00:00.000Z)');
	});

	it('refuses a start that is not a date before any call', async () => {
		const r = await run(dsr('getStats', { options: { start: 'last month' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Start "last month" is not a date');
	});
});
