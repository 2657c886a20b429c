import { DATA_PROCESSINGS } from '../../../../fake-dastra/routes/processings';
import { byId, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra({ now: () => Date.parse('2026-04-01T10:00:00Z') });

const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });
const [crm, newsletter, support] = DATA_PROCESSINGS.map((p) => p.id);

describe('requestProcessing notifyRecipients', () => {
	it('posts the bare UUID array to /notification/{requestId} and returns the notified processings', async () => {
		const dsr = fake.seed();
		const r = await run(rp('notifyRecipients', { requestId: byId(dsr.id), processingIds: [newsletter] }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'POST', path: `/v1/ws/7/DataSubjectRequestProcessings/notification/${dsr.id}`, query: {} },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, query: {} },
		]);
		expect(r.calls[0].body).toEqual([newsletter]);
		expect(r.calls[0].headers['content-type']).toMatch(/^application\/json/);
		expect(r.json).toEqual([
			expect.objectContaining({ processingId: newsletter, dateNotificationSent: '2026-04-01T10:00:00.000Z' }),
		]);
	});

	it('with none chosen notifies for every processing of the request', async () => {
		const dsr = fake.seed();
		const r = await run(rp('notifyRecipients', { requestId: byId(dsr.id) }));
		expect(r.calls[1].body).toEqual([crm, newsletter, support]);
		expect(r.json).toHaveLength(3);
	});

	it('refuses a processing ID that is not a UUID, before any call', async () => {
		const r = await run(rp('notifyRecipients', { requestId: byId(1000), processingIds: '={{ ["42"] }}' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Processing ID "42" is not a valid ID');
	});
});
