import { byId, dsr, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest archive', () => {
	it('POSTs to /archive/{id} without a body and returns the request as Dastra now answers it', async () => {
		fake.seed();
		const r = await run(dsr('archive', { requestId: byId(1000), simplify: false }));
		expectCalls(r, [
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/archive/1000' },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/1000' },
		]);
		const now = fake.view(fake.dsrs.get(1000)!);
		expect(now).toMatchObject({ archived: true, archivedDate: expect.any(String) });
		expectItems(r, [now]);
	});

	it('archiving a missing request names it', async () => {
		const r = await run(dsr('archive', { requestId: byId(5) }));
		expectCalls(r, [{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/archive/5' }]);
		expect(r.error?.message).toBe('Data subject request 5 was not found in workspace 7');
	});
});
