import { byId, dsr, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

/** Request 1000 as Simplify shows it, moved to `step`. */
const simplified = (stepId: number, step: string, state: string) => ({
	id: 1000,
	title: 'Request 1000',
	state,
	purposes: ['Access'],
	email: 'person1000@example.org',
	givenName: null,
	familyName: null,
	refId: null,
	locale: 'en',
	channel: 'Internal',
	archived: false,
	dateCreation: expect.stringMatching(/Z$/),
	dateUpdate: expect.stringMatching(/Z$/),
	expiryTime: expect.stringMatching(/Z$/),
	remainingDays: expect.any(Number),
	stepId,
	step,
	entityId: 11,
	entity: 'Moulinsart SA',
	tags: [],
});

describe('dataSubjectRequest changeStep', () => {
	it('POSTs {id, stepId} to /workflow and returns the request as it now stands', async () => {
		fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(1000), stepId: 104 }));
		expectCalls(r, [
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/workflow', body: { id: 1000, stepId: 104 } },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/1000' },
		]);
		expectItems(r, [simplified(104, 'Erasure in systems', 'Active')]);
	});

	it('takes the step ID from an expression', async () => {
		fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(1000), stepId: '={{ "105" }}' }));
		expectCalls(r, [
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/workflow', body: { id: 1000, stepId: 105 } },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/1000' },
		]);
		expectItems(r, [simplified(105, 'Closed', 'Closed')]);
	});

	it('refuses a non-numeric step before any call', async () => {
		fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(1000), stepId: '={{ "Closed" }}' }));
		expectCalls(r, []);
		expect(r.error?.message).toBe('Step ID "Closed" is not a valid ID');
	});

	it('passes on Dastra refusing an unknown step', async () => {
		fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(1000), stepId: 999 }));
		expectCalls(r, [{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/workflow', body: { id: 1000, stepId: 999 } }]);
		expect(r.error?.message).toBe('Dastra refused the request: Step 999 does not exist');
	});
});
