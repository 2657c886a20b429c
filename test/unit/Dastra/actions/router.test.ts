import { byId, dsr, useFakeDastra } from '../../../harness/dastra';

const { fake, run } = useFakeDastra();

describe('router: one call per item, pairedItem, continueOnFail', () => {
	it('runs the operation once per input item, each output paired with its input', async () => {
		const a = fake.seed({ title: 'A' });
		const b = fake.seed({ title: 'B' });
		const r = await run(dsr('get', { requestId: byId('={{ $json.id }}') }), { items: [{ id: a.id }, { id: b.id }] });
		expect(r.json.map((d) => d.title)).toEqual(['A', 'B']);
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('with continue-on-fail, a failing item becomes an error item in place, and the others still run', async () => {
		const a = fake.seed({ title: 'A' });
		const c = fake.seed({ title: 'C' });
		const r = await run(dsr('get', { requestId: byId('={{ $json.id }}') }), {
			items: [{ id: a.id }, { id: 'oops' }, { id: 424242 }, { id: c.id }],
			continueOnFail: true,
		});
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([
			expect.objectContaining({ title: 'A' }),
			{ error: 'Request ID "oops" is not a valid ID', description: 'Give Request ID as a positive whole number, e.g. 42.' },
			{
				error: 'Data subject request 424242 was not found in workspace 7',
				description: expect.stringContaining('Check the ID'),
			},
			expect.objectContaining({ title: 'C' }),
		]);
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		// The bad ID made no call; the three others did.
		expect(r.calls.map((c2) => c2.path)).toEqual([
			`/v1/ws/7/DataSubjectRequests/${a.id}`,
			'/v1/ws/7/DataSubjectRequests/424242',
			`/v1/ws/7/DataSubjectRequests/${c.id}`,
		]);
	});

	it('without continue-on-fail, the run stops at the failing item and says which', async () => {
		const a = fake.seed({ title: 'A' });
		const r = await run(dsr('get', { requestId: byId('={{ $json.id }}') }), {
			items: [{ id: a.id }, { id: 'x' }, { id: a.id }],
		});
		expect(r.error?.message).toBe('Request ID "x" is not a valid ID');
		expect(r.error?.context?.itemIndex).toBe(1);
		expect(r.calls).toHaveLength(1);
	});

	it('refuses an operation the resource does not have', async () => {
		const r = await run({ resource: 'tag', operation: 'delete' });
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('The operation "delete" is not supported for "tag"');
	});
});
