import { summary, useFakeDastra } from '../../../../harness/dastra';

const { run } = useFakeDastra();

describe('tag get many', () => {
	it('tags come from GET /Tags?type=DataSubject', async () => {
		const r = await run({ resource: 'tag', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } }]);
		expect(r.json.map((t) => t.label)).toEqual(['VIP', 'Helpdesk', 'Legal review']);
	});
});
