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

	it('when GET /Workflows/DataSubject answers 404 (it is not in the OpenAPI document), lists the steps seen on the requests in one call', async () => {
		fake.stepsShape = 'missing';
		fake.seed({ workFlowStepId: 103 });
		fake.seed({ workFlowStepId: 101 });
		fake.seed({ workFlowStepId: 103 });
		fake.seed({ workFlowStepId: 105 });
		const r = await run({ resource: 'workflowStep', operation: 'getAll', returnAll: true });
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/Workflows/DataSubject', query: {} },
			{
				method: 'GET',
				path: '/v1/ws/7/DataSubjectRequests',
				query: { page: '1', size: '500', sortBy: 'dateUpdate', asc: 'false' },
			},
		]);
		// Distinct, full step objects, in process order.
		expect(r.json.map((s) => [s.id, s.label])).toEqual([
			[101, 'New'],
			[103, 'In progress'],
			[105, 'Closed'],
		]);
	});

	it('still reports other errors of the step list', async () => {
		fake.faults.push({ match: (c) => c.path.endsWith('/Workflows/DataSubject'), status: 403 });
		const r = await run({ resource: 'workflowStep', operation: 'getAll', returnAll: true });
		expect(r.error?.httpCode).toBe('403');
		expect(r.calls).toHaveLength(1);
	});
});
