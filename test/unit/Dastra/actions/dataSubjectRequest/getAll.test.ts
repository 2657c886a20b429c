import { dsr, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

function seedMany(n: number) {
	const t0 = Date.parse('2026-01-01T00:00:00Z');
	for (let k = 0; k < n; k++) {
		fake.seed(
			{
				title: k % 2 ? `Erasure ${k}` : `Access ${k}`,
				purposes: [k % 2 ? 'Erasure' : 'Access'],
				workFlowStepId: 101 + (k % 5),
				areaId: 11 + (k % 3),
				refId: `T-${k}`,
				email: `Person${k}@Example.org`,
				tags: k % 4 === 0 ? [{ id: 201 }] : [],
				operatorId: k % 2 ? 301 : 302,
			},
			t0 + k * 1000,
		);
	}
}

describe('dataSubjectRequest getAll', () => {
	it('with a limit asks for one page of that size', async () => {
		seedMany(30);
		const r = await run(dsr('getAll', { limit: 7, simplify: false }));
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests', query: { page: '1', size: '7' } },
		]);
		expect(r.json.map((d) => d.id)).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006]);
		expect(r.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('with Return All walks 500-item pages and stops at the total: 1,201 requests take 3 calls', async () => {
		seedMany(1201);
		const r = await run(dsr('getAll', { returnAll: true }));
		// Pages 2 and 3 go out together (transport/pager.ts): they may arrive in either order.
		const byPage = summary(r.calls).sort((a, b) => Number(a.query.page) - Number(b.query.page));
		expect(byPage).toEqual(
			[1, 2, 3].map((page) => ({
				method: 'GET',
				path: '/v1/ws/7/DataSubjectRequests',
				query: { page: String(page), size: '500' },
			})),
		);
		expect(r.json).toHaveLength(1201);
		expect(new Set(r.json.map((d) => d.id)).size).toBe(1201);
		expect(r.json[0]).toHaveProperty('step');
	});

	it('a limit above 500 pages by 500 and cuts at the limit', async () => {
		seedMany(1100);
		const r = await run(dsr('getAll', { limit: 600 }));
		expect(r.calls.map((c) => c.query)).toEqual([
			{ page: '1', size: '500' },
			{ page: '2', size: '500' },
		]);
		expect(r.json).toHaveLength(600);
	});

	it('sends every filter as Dastra names it, arrays as repeated keys', async () => {
		seedMany(40);
		const r = await run(
			dsr('getAll', {
				returnAll: true,
				filters: {
					states: ['Open', 'Processing'],
					purposes: ['Erasure'],
					archived: false,
					overtaking: false,
					q: 'Erasure',
					widgetId: 401,
					entityId: 12,
					workflowStepIds: [101, 103],
					userIds: [301],
					ids: '1001, 1005,1011',
					tagIds: [201, 202],
				},
				options: { sortBy: 'dateCreation', ascending: false },
			}),
		);
		expect(r.error).toBeUndefined();
		expect(r.calls[0].query).toEqual({
			states: ['Open', 'Processing'],
			purposes: 'Erasure',
			archived: 'false',
			overtaking: 'false',
			q: 'Erasure',
			widgetId: '401',
			areaId: '12',
			workflows: ['101', '103'],
			users: '301',
			ids: ['1001', '1005', '1011'],
			tags: ['201', '202'],
			sortBy: 'dateCreation',
			asc: 'false',
			page: '1',
			size: '500',
		});
	});

	it('sends each filter as the query parameter Dastra reads, and returns the matches', async () => {
		seedMany(40);
		const r = await run(
			dsr('getAll', {
				returnAll: true,
				filters: { purposes: ['Erasure'], states: ['Processing'], userIds: [301] },
				options: { sortBy: 'id', ascending: false },
			}),
		);
		expectCalls(r, [
			{
				method: 'GET',
				path: '/v1/ws/7/DataSubjectRequests',
				query: { purposes: 'Erasure', states: 'Processing', users: '301', sortBy: 'id', asc: 'false', page: '1', size: '500' },
			},
		]);
		// Erasure = odd k; Processing = step 103 = k % 5 === 2; so k in 7, 17, 27, 37.
		expect(r.json.map((d) => d.id)).toEqual([1037, 1027, 1017, 1007]);
	});

	it('sends refId and email as a filters rule and re-checks them on every item', async () => {
		seedMany(10);
		const r = await run(
			dsr('getAll', { returnAll: true, filters: { refId: 'T-3', email: 'Person3@Example.org' }, simplify: false }),
		);
		expect(JSON.parse(r.calls[0].query.filters as string)).toEqual({
			separator: 'And',
			rules: [
				{ field: 'RefId', operator: 'equal', value: 'T-3' },
				{ field: 'Email', operator: 'equal', value: 'Person3@Example.org' },
			],
		});
		expect(r.json.map((d) => d.refId)).toEqual(['T-3']);
	});

	it('still returns only exact matches when Dastra ignores the rule', async () => {
		seedMany(1200);
		fake.honoursRules = false;
		const r = await run(dsr('getAll', { limit: 1, filters: { refId: 'T-1100' } }));
		expect(r.json.map((d) => d.refId)).toEqual(['T-1100']);
		expect(r.calls.map((c) => c.query.page)).toEqual(['1', '2', '3']);
	});

	it('returns nothing, in one call, for an empty workspace', async () => {
		const r = await run(dsr('getAll', { returnAll: true }));
		expect(r.calls).toHaveLength(1);
		expect(r.json).toEqual([]);
	});

	it.each([
		['a state outside the enum', { states: '={{ ["Pending"] }}' }, 'State "Pending" is not one Dastra knows'],
		['a purpose outside the enum', { purposes: '={{ ["Delete"] }}' }, 'Purpose "Delete" is not one Dastra knows'],
		['a non-numeric ID in the list', { ids: '12, abc' }, 'Request ID "abc" is not a valid ID'],
		['an invalid email', { email: 'nobody' }, 'Email "nobody" is not a valid email address'],
	])('refuses %s before any call', async (_, filters, message) => {
		const r = await run(dsr('getAll', { returnAll: true, filters }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
	});
});
