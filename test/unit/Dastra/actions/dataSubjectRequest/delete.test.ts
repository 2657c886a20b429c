import { byId, dsr, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest delete', () => {
	it('DELETEs the request and returns {deleted: true}', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('delete', { requestId: byId(seeded.id as number) }));
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}` }]);
		expectItems(r, [{ deleted: true }]);
		expect(fake.dsrs.has(seeded.id as number)).toBe(false);
	});

	it('says which request was missing', async () => {
		const r = await run(dsr('delete', { requestId: byId(77) }));
		expectCalls(r, [{ method: 'DELETE', path: '/v1/ws/7/DataSubjectRequests/77' }]);
		expect(r.error?.message).toBe('Data subject request 77 was not found in workspace 7');
	});
});
