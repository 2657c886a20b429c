import { DATA_PROCESSINGS } from '../../../../fake-dastra/routes/processings';
import { byId, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });
const [crm, newsletter, support] = DATA_PROCESSINGS.map((p) => p.id);

describe('requestProcessing setState', () => {
	it('posts {ids, description} to /{requestId}/{state} and returns those processings as they now stand', async () => {
		const dsr = fake.seed();
		const r = await run(
			rp('setState', { requestId: byId(dsr.id), state: 'Done', processingIds: [crm.toUpperCase()], description: 'CRM answered 200' }),
		);
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'POST', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}/Done`, query: {} },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, query: {} },
		]);
		expect(r.calls[0].body).toEqual({ ids: [crm], description: 'CRM answered 200' });
		expect(r.json).toEqual([
			expect.objectContaining({ processingId: crm, processing: 'Customer accounts (CRM)', state: 'Done', processor: 'Alice Martin' }),
		]);
		expect(fake.processings.get(dsr.id)!.map((e) => e.state)).toEqual(['Done', 'New', 'New']);
	});

	it('UUIDs by expression, comma-separated, and no description: the body has ids only', async () => {
		const dsr = fake.seed();
		const r = await run(rp('setState', { requestId: byId(dsr.id), state: 'NotNecessary', processingIds: `={{ "${newsletter}, ${support}" }}` }));
		expect(r.calls[0].body).toEqual({ ids: [newsletter, support] });
		expect(r.json.map((j) => [j.processingId, j.state])).toEqual([
			[newsletter, 'NotNecessary'],
			[support, 'NotNecessary'],
		]);
	});

	it('no processing chosen means all of them: read first, then sent as the explicit list', async () => {
		const dsr = fake.seed();
		const r = await run(rp('setState', { requestId: byId(dsr.id), state: 'Pending' }));
		expect(summary(r.calls).map((c) => `${c.method} ${c.path}`)).toEqual([
			`GET /v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`,
			`POST /v1/ws/7/DataSubjectRequestProcessings/${dsr.id}/Pending`,
			`GET /v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`,
		]);
		expect(r.calls[1].body).toEqual({ ids: [crm, newsletter, support] });
		expect(r.json.map((j) => j.state)).toEqual(['Pending', 'Pending', 'Pending']);
	});

	it('refuses a processing ID that is not a UUID, before any call', async () => {
		const r = await run(rp('setState', { requestId: byId(1000), state: 'Done', processingIds: [crm, 'CRM'] }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Processing ID "CRM" is not a valid ID');
		expect(r.error?.description).toContain('UUID');
	});

	it('refuses an unknown state, before any call', async () => {
		const r = await run(rp('setState', { requestId: byId(1000), state: '={{ "Erased" }}', processingIds: [crm] }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('State "Erased" is not one Dastra knows');
		expect(r.error?.description).toBe('Use one of: New, Pending, Done, NotNecessary.');
	});

	it('a request without processings says so instead of sending an empty list', async () => {
		const dsr = fake.seed();
		fake.processings.set(dsr.id, []);
		const r = await run(rp('setState', { requestId: byId(dsr.id), state: 'Done' }));
		expect(summary(r.calls).map((c) => c.method)).toEqual(['GET']);
		expect(r.error?.message).toBe(`Data subject request ${dsr.id} has no data processings`);
	});
});
