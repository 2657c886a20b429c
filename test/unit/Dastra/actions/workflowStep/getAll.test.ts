import { summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

describe('workflowStep get many', () => {
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
});
