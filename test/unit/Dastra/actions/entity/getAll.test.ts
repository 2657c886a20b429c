import { summary, useFakeDastra } from '../../../../harness/dastra';

const { run } = useFakeDastra();

describe('entity get many', () => {
	it('entities come from GET /Areas?type=Entity, paged', async () => {
		const r = await run({ resource: 'entity', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/Areas', query: { type: 'Entity', page: '1', size: '500' } },
		]);
		expect(r.json.map((e) => e.label)).toEqual(['Moulinsart SA', 'Moulinsart France SAS', 'Moulinsart GmbH']);
	});

	it('entities with a limit ask for a page of that size', async () => {
		const r = await run({ resource: 'entity', operation: 'getAll', limit: 2 });
		expect(r.calls[0].query).toEqual({ type: 'Entity', page: '1', size: '2' });
		expect(r.json).toHaveLength(2);
	});
});
