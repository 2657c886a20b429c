import { byId, dsr, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest setIdentityValidation', () => {
	it('PUTs {validation: true} by default and returns the request as it now stands', async () => {
		const req = fake.seed({ workFlowStepId: 102 });
		const r = await run(dsr('setIdentityValidation', { requestId: byId(req.id), simplify: false }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'PUT', path: `/v1/ws/7/DataSubjectRequests/set-identity-validation/${req.id}`, query: {} },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${req.id}`, query: {} },
		]);
		expect(r.calls[0].body).toEqual({ validation: true });
		expect(r.json).toEqual([expect.objectContaining({ id: req.id, identityValidated: true })]);
		expect(fake.dsrs.get(req.id)!.identityValidated).toBe(true);
	});

	it('withdraws a validation with validated false', async () => {
		const req = fake.seed({ identityValidated: true });
		const r = await run(dsr('setIdentityValidation', { requestId: byId(req.id), validated: false }));
		expect(r.calls[0].body).toEqual({ validation: false });
		expect(r.json).toEqual([expect.objectContaining({ id: req.id, state: 'Open' })]);
		expect(fake.dsrs.get(req.id)!.identityValidated).toBe(false);
	});

	it('refuses a value that is not a boolean before any call', async () => {
		const r = await run(dsr('setIdentityValidation', { requestId: byId(1000), validated: '={{ "yes" }}' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Identity Validated "yes" is not true or false');
	});
});
