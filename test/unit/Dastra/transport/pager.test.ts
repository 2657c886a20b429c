/**
 * The one pager (transport/pager.ts) through Get Many, Return All: pages after the first read in
 * parallel, assembled in order, and a listing that moves while it is read is read again or fails,
 * never returned with a gap.
 */
import { dsr, useFakeDastra } from '../../../harness/dastra';
import { loadOptionsContext, triggerHarness } from '../../../harness/n8n';
import { dastraListing, LISTING_READS, PAGES_IN_FLIGHT, steadyListing } from '../../../../nodes/Dastra/transport/pager';

const { fake, run } = useFakeDastra();

const pagesOf = (calls: Array<{ path: string; query: Record<string, unknown> }>) =>
	calls.filter((c) => c.path.endsWith('/DataSubjectRequests')).map((c) => Number(c.query.page));

function seed(n: number) {
	const t0 = Date.parse('2026-01-01T00:00:00Z');
	for (let k = 0; k < n; k++) fake.seed({ title: `Request ${k}` }, t0 + k * 1000);
}

afterEach(() => {
	fake.afterListPage = undefined;
	fake.pageCap = undefined;
	fake.latencyMs = 0;
});

describe('the pager, through Get Many with Return All', () => {
	it('reads the pages after the first in parallel, at most PAGES_IN_FLIGHT at once, and returns them in order', async () => {
		seed(3001);
		// Each answer 300 ms late: calls sent together are answered together.
		fake.latencyMs = 300;
		fake.peakInFlight = 0;
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }));
		expect(r.error).toBeUndefined();
		expect(pagesOf(r.calls).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		// Page 1 first (it tells the total), alone.
		expect(pagesOf(r.calls)[0]).toBe(1);
		expect(fake.peakInFlight).toBeGreaterThan(1);
		expect(fake.peakInFlight).toBeLessThanOrEqual(PAGES_IN_FLIGHT);
		expect(r.json.map((d) => d.id)).toEqual(Array.from({ length: 3001 }, (_, k) => 1000 + k));
	});

	it('follows a server that pages by a smaller size than asked (short pages while total says more)', async () => {
		seed(450);
		fake.pageCap = 100;
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }));
		expect(pagesOf(r.calls).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
		expect(r.json.map((d) => d.id)).toEqual(Array.from({ length: 450 }, (_, k) => 1000 + k));
	});

	it('a request deleted between page 1 and page 2 is not a silent gap: the listing is read again (issue 18)', async () => {
		seed(1200);
		let once = true;
		fake.afterListPage = (page) => {
			if (page === 1 && once) {
				once = false;
				// Page 2 now starts one request later: 1500 would be skipped.
				fake.dsrs.delete(1001);
			}
		};
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }));
		expect(r.error).toBeUndefined();
		const ids = r.json.map((d) => d.id);
		expect(ids).toHaveLength(1199);
		expect(ids).toContain(1500);
		expect(ids).toEqual(Array.from({ length: 1200 }, (_, k) => 1000 + k).filter((id) => id !== 1001));
		// The walk (3 pages), then the whole listing again.
		expect(pagesOf(r.calls)).toHaveLength(6);
	});

	it('a listing that changes on every read fails after LISTING_READS reads, saying so, and returns nothing', async () => {
		seed(1200);
		let next = 2000;
		fake.afterListPage = (page) => {
			if (page === 1) fake.dsrs.delete(next++ - 999);
		};
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }), { continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(1);
		expect(String(r.json[0].error)).toMatch(/listing \/DataSubjectRequests changed while it was read, 3 times in a row: its total went 1\d{3} -> 1\d{3}/);
		expect(pagesOf(r.calls)).toHaveLength(3 * LISTING_READS);
	});

	it('a request created between two page reads (a duplicate at the page boundary) is read again too', async () => {
		seed(600);
		let once = true;
		fake.afterListPage = (page) => {
			if (page === 1 && once) {
				once = false;
				// Sorted newest first: the new request pushes the last of page 1 onto page 2.
				fake.seed({ title: 'New' }, Date.parse('2026-06-01T00:00:00Z'));
			}
		};
		const r = await run(dsr('getAll', { returnAll: true, simplify: false, options: { sortBy: 'dateCreation', ascending: false } }));
		expect(r.error).toBeUndefined();
		const ids = r.json.map((d) => d.id as number);
		expect(ids).toHaveLength(601);
		expect(new Set(ids).size).toBe(601);
		expect(pagesOf(r.calls)).toHaveLength(4);
	});

	it('with a limit, reads only the pages that hold it, in parallel', async () => {
		seed(2600);
		const r = await run(dsr('getAll', { limit: 1200, simplify: false }));
		expect(pagesOf(r.calls).sort((a, b) => a - b)).toEqual([1, 2, 3]);
		expect(r.json.map((d) => d.id)).toEqual(Array.from({ length: 1200 }, (_, k) => 1000 + k));
	});

	it('the trigger reads its full listings through the same pager: in parallel, every request once', async () => {
		seed(1600);
		fake.honoursRules = false;
		fake.honoursSort = false;
		const t = triggerHarness({ events: ['requestCreated'] }, { dastraApi: fake.credentials() as never });
		fake.latencyMs = 300;
		fake.peakInFlight = 0;
		// Activation: the open requests (4 pages), then the whole workspace (the sort is ignored).
		expect(await t.poll()).toBeNull();
		expect(fake.peakInFlight).toBeGreaterThan(1);
		expect(fake.peakInFlight).toBeLessThanOrEqual(PAGES_IN_FLIGHT);
		const created = fake.seed({ title: 'New one' });
		const items = await t.poll();
		expect((items ?? []).map((i) => [i.event, i.id])).toEqual([['requestCreated', created.id]]);
	});

	it('a walk that runs past the last page before `total` (requests moved forward under it) ends unsteady instead of failing', async () => {
		// A walk resumed at page 3 after 10 requests on 2 pages of 7 (pages came back short while
		// requests were deleted; others were filed since): 14 requests now, so page 3 lies past the
		// end. Before, it failed as "ran dry" at every poll until the listing changed.
		seed(14);
		fake.pageCap = 7;
		const ctx = loadOptionsContext({}, { dastraApi: fake.credentials() as never });
		const first = { items: [], totals: [14, 14], stopped: false, serverTime: NaN };
		const listing = await dastraListing.call(ctx, '/DataSubjectRequests', {}, { first, read: 10 });
		expect(pagesOf(fake.log)).toEqual([3]);
		expect(listing).toMatchObject({ items: [], totals: [14, 14, 14], moved: true });
		expect(steadyListing(listing, true)).toBe(false);
	});

	it('Get Many meeting such a walk reads the listing again and returns every request once', async () => {
		seed(21);
		fake.pageCap = 7;
		let step = 0;
		fake.afterListPage = () => {
			step++;
			// After page 1: the last 8 requests deleted (page 2 comes back short: 6 of a total of 13).
			if (step === 1) for (let id = 1013; id <= 1020; id++) fake.dsrs.delete(id);
			// After page 2: 8 filed (total 21 again; page 3 holds 7, one skipped): 20 read of 21, and
			// page 4 lies past the end.
			if (step === 2) for (let k = 0; k < 8; k++) fake.seed({ title: `Filed ${k}` }, Date.parse('2026-06-01T00:00:00Z') + k);
		};
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }));
		expect(r.error).toBeUndefined();
		expect(r.json.map((d) => d.id)).toEqual([...Array.from({ length: 13 }, (_, k) => 1000 + k), ...Array.from({ length: 8 }, (_, k) => 1021 + k)]);
		// The first walk: pages 1-4 (page 4 empty, past the end), then the whole listing again.
		expect(pagesOf(r.calls)).toEqual([1, 2, 3, 4, 1, 2, 3]);
	});

	it('an empty page within the listing as `total` counts it still fails: a proxy cut it short', async () => {
		seed(21);
		fake.pageCap = 7;
		// Page 2 (and its re-read alone) empty while the listing holds 21 requests on pages of 7.
		fake.faults.push({ status: 200, body: { items: [], total: 21 }, times: 2, match: (c) => c.query.page === '2' });
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }));
		expect(r.error?.message).toBe("Dastra's listing /DataSubjectRequests ran dry at page 2: total says 21, 7 read");
		expect(r.json).toEqual([]);
	});
});
