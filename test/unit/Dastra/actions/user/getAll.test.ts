import { summary, useFakeDastra } from '../../../../harness/dastra';

const { run } = useFakeDastra();

describe('user get many', () => {
	it('users come from GET /v1/TenantUsers for the workspace', async () => {
		const r = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/TenantUsers', query: { workspaceId: '7', page: '1', size: '500' } },
		]);
		expect(r.json.map((u) => u.email)).toEqual(['alice@moulinsart.example', 'bob@moulinsart.example']);
	});
});
