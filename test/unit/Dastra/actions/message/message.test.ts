import { byId, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

const msg = (operation: string, params: object = {}) => ({ resource: 'message', operation, ...params });

describe('message create', () => {
	it('POSTs the message for the request, with already uploaded attachments', async () => {
		const dsr = fake.seed();
		const up = await run(
			{ resource: 'attachment', operation: 'upload', requestId: byId(dsr.id) },
			{ items: [{ $binary: { data: { base64: Buffer.from('proof').toString('base64'), fileName: 'proof.txt', mimeType: 'text/plain' } } }] },
		);
		const fileId = up.json[0].id as string;
		const r = await run(msg('create', { requestId: byId(dsr.id), message: 'Your data has been erased.', options: { attachmentIds: ` ${fileId.toUpperCase()} ` } }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([{ method: 'POST', path: '/v1/ws/7/DataSubjectMessages', query: {} }]);
		expect(r.calls[0].body).toEqual({ message: 'Your data has been erased.', dataSubjectRequestId: dsr.id, attachments: [{ id: fileId }] });
		expect(r.json).toEqual([
			expect.objectContaining({ message: 'Your data has been erased.', userRequestId: dsr.id, attachments: [expect.objectContaining({ id: fileId })] }),
		]);
	});

	it.each([
		['an over-long message', { message: 'x'.repeat(3001) }, 'Message is 3001 characters long; Dastra accepts at most 3000'],
		['an empty message from an expression', { message: '={{ "  " }}' }, 'Message is empty'],
		['an attachment ID that is not a UUID', { message: 'Hi', options: { attachmentIds: 'abc' } }, 'Attachment ID "abc" is not a valid ID'],
	])('refuses %s before any call', async (_, params, message) => {
		const r = await run(msg('create', { requestId: byId(1000), ...params }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
	});
});

describe('message getAll, get, delete', () => {
	function seedMessages(dsrId: number, n: number, start: number) {
		for (let k = 0; k < n; k++) {
			const id = `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
			fake.messages.set(id, {
				id,
				message: k % 10 === 0 ? `Reminder ${k}` : `Message ${k}`,
				dateCreation: new Date(start + k * 60_000).toISOString().replace('Z', ''),
				userRequestId: dsrId,
				attachments: [],
			});
		}
	}

	it('pages through a request\'s messages: 1,100 messages with Return All take 3 calls', async () => {
		const dsr = fake.seed();
		seedMessages(dsr.id, 1100, Date.parse('2026-01-01T00:00:00Z'));
		const r = await run(msg('getAll', { requestId: byId(dsr.id), returnAll: true }));
		expect(summary(r.calls)).toEqual(
			['1', '2', '3'].map((page) => ({
				method: 'GET',
				path: '/v1/ws/7/DataSubjectMessages',
				query: { dataSubjectRequestId: String(dsr.id), page, size: '500' },
			})),
		);
		expect(r.json).toHaveLength(1100);
		expect(new Set(r.json.map((m) => m.id)).size).toBe(1100);
	});

	it('sends the date range and text filters, and honours Limit', async () => {
		const dsr = fake.seed();
		seedMessages(dsr.id, 100, Date.parse('2026-01-01T00:00:00Z'));
		const r = await run(
			msg('getAll', { requestId: byId(dsr.id), limit: 3, filters: { start: '2026-01-01T00:10:00', end: '2026-01-01T01:00:00Z', q: 'reminder' } }),
		);
		expect(r.calls[0].query).toEqual({
			dataSubjectRequestId: String(dsr.id),
			start: '2026-01-01T00:10:00.000Z',
			end: '2026-01-01T01:00:00.000Z',
			q: 'reminder',
			page: '1',
			size: '3',
		});
		expect(r.json.map((m) => m.message)).toEqual(['Reminder 60', 'Reminder 50', 'Reminder 40']);
	});

	it('refuses a date that is not one', async () => {
		const r = await run(msg('getAll', { requestId: byId(1), returnAll: true, filters: { start: 'last week' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('From "last week" is not a date');
	});

	it('gets and deletes a message by ID', async () => {
		const dsr = fake.seed();
		seedMessages(dsr.id, 1, Date.parse('2026-01-01T00:00:00Z'));
		const id = '00000000-0000-4000-8000-000000000000';
		const got = await run(msg('get', { messageId: id }));
		expect(summary(got.calls)).toEqual([{ method: 'GET', path: `/v1/ws/7/DataSubjectMessages/${id}`, query: {} }]);
		expect(got.json).toEqual([fake.messages.get(id)]);
		const del = await run(msg('delete', { messageId: id }));
		expect(summary(del.calls)).toEqual([{ method: 'DELETE', path: `/v1/ws/7/DataSubjectMessages/${id}`, query: {} }]);
		expect(del.json).toEqual([{ deleted: true }]);
		const again = await run(msg('get', { messageId: id }));
		expect(again.error?.message).toBe(`Message ${id} was not found in workspace 7`);
	});

	it('refuses a message ID that is not a UUID', async () => {
		const r = await run(msg('delete', { messageId: '42' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Message ID "42" is not a valid ID');
	});
});
