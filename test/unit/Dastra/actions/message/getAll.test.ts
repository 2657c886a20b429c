import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const getAll = (params: object) => ({ resource: 'message', operation: 'getAll', ...params });
const MESSAGES = '/v1/ws/7/DataSubjectMessages';

/** `n` messages one minute apart from `start`; every tenth is a reminder. */
function seedMessages(dsrId: number, n: number, start: number) {
	const seeded = [];
	for (let k = 0; k < n; k++) {
		const id = `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
		const message = {
			id,
			message: k % 10 === 0 ? `Reminder ${k}` : `Message ${k}`,
			dateCreation: new Date(start + k * 60_000).toISOString().replace('Z', ''),
			userRequestId: dsrId,
			attachments: [],
		};
		fake.messages.set(id, message);
		seeded.push(message);
	}
	return seeded;
}

describe('message getAll', () => {
	it("pages through a request's messages: 1,100 messages with Return All take 3 calls", async () => {
		const dsr = fake.seed();
		const seeded = seedMessages(dsr.id, 1100, Date.parse('2026-01-01T00:00:00Z'));
		const r = await run(getAll({ requestId: byId(dsr.id), returnAll: true }));
		expectCalls(
			r,
			['1', '2', '3'].map((page) => ({
				method: 'GET',
				path: MESSAGES,
				query: { dataSubjectRequestId: String(dsr.id), page, size: '500' },
			})),
		);
		// The fake lists newest first, as Dastra does.
		expectItems(r, [...seeded].reverse());
	});

	it('sends the date range and text filters, and honours Limit', async () => {
		const dsr = fake.seed();
		const seeded = seedMessages(dsr.id, 100, Date.parse('2026-01-01T00:00:00Z'));
		const r = await run(
			getAll({ requestId: byId(dsr.id), limit: 3, filters: { start: '2026-01-01T00:10:00', end: '2026-01-01T01:00:00Z', q: 'reminder' } }),
			// The date picker's value has no offset: it is read in the workflow's zone (Tokyo, UTC+9).
			{ timezone: 'Asia/Tokyo' },
		);
		expectCalls(r, [
			{
				method: 'GET',
				path: MESSAGES,
				query: {
					dataSubjectRequestId: String(dsr.id),
					start: '2025-12-31T15:10:00.000Z',
					end: '2026-01-01T01:00:00.000Z',
					q: 'reminder',
					page: '1',
					size: '3',
				},
			},
		]);
		expectItems(r, [seeded[60], seeded[50], seeded[40]]);
	});

	it('refuses a date that is not one, before any call', async () => {
		const r = await run(getAll({ requestId: byId(1), returnAll: true, filters: { start: 'last week' } }));
		expectCalls(r, []);
		expect(r.error?.message).toBe('From "last week" is not a date');
	});
});
