import { byId, dsr, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest restore', () => {
	it('POSTs to /restore/{id} without a body and returns the request, no longer archived', async () => {
		fake.seed({ archived: true, archivedDate: '2024-05-01T10:00:00' });
		const r = await run(dsr('restore', { requestId: byId(1000), simplify: false }));
		expectCalls(r, [
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/restore/1000' },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/1000' },
		]);
		const now = fake.view(fake.dsrs.get(1000)!);
		expect(now).toMatchObject({ archived: false });
		expectItems(r, [now]);
	});

	it('restoring a missing request names it', async () => {
		const r = await run(dsr('restore', { requestId: byId(5) }));
		expectCalls(r, [{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/restore/5' }]);
		expect(r.error?.message).toBe('Data subject request 5 was not found in workspace 7');
	});
});
