import { summary, useFakeDastra } from '../../../harness/dastra';

const { fake, run } = useFakeDastra();

describe('lookups: entity, workflowStep, tag, user get many', () => {
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

	it('process steps come from GET /Workflows/DataSubject, in process order', async () => {
		fake.steps = [...fake.steps].reverse();
		const r = await run({ resource: 'workflowStep', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/Workflows/DataSubject', query: {} }]);
		expect(r.json.map((s) => s.id)).toEqual([101, 102, 103, 104, 105]);
		fake.steps = [...fake.steps].reverse();
	});

	it.each(['items', 'steps'] as const)('process steps wrapped in {%s} are read too, and Limit cuts the list', async (shape) => {
		fake.stepsShape = shape;
		const r = await run({ resource: 'workflowStep', operation: 'getAll', limit: 2 });
		expect(r.json.map((s) => s.label)).toEqual(['New', 'Identity check']);
	});

	it('tags come from GET /Tags?type=DataSubject', async () => {
		const r = await run({ resource: 'tag', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } }]);
		expect(r.json.map((t) => t.label)).toEqual(['VIP', 'Helpdesk', 'Legal review']);
	});

	it('users come from GET /v1/TenantUsers for the workspace', async () => {
		const r = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/TenantUsers', query: { workspaceId: '7', page: '1', size: '500' } },
		]);
		expect(r.json.map((u) => u.email)).toEqual(['alice@moulinsart.example', 'bob@moulinsart.example']);
	});
});
