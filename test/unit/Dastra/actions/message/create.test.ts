import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const create = (params: object) => ({ resource: 'message', operation: 'create', ...params });
const MESSAGES = '/v1/ws/7/DataSubjectMessages';

/** A file already uploaded to a request, as Attachment > Upload leaves it in the fake. */
function seedAttachment(dsrId: number, id: string, fileName: string) {
	const dto = {
		id,
		fileName,
		extension: 'pdf',
		size: 5,
		nbDownload: 0,
		transmitted: false,
		userRequestId: dsrId,
		userRequestMessageId: null,
		dateCreation: '2026-01-01T00:00:00',
		dateUpdate: null,
	};
	fake.attachments.set(id, { dto, bytes: Buffer.from('proof'), mimeType: 'application/pdf' });
	return dto;
}

const sentMessage = (dsrId: number, message: string, attachments: object[] = []) => ({
	id: expect.any(String),
	message,
	dateCreation: expect.any(String),
	dateSend: expect.any(String),
	dateUpdate: null,
	dateViewed: null,
	userRequestId: dsrId,
	user: { id: 301, displayName: 'Alice Martin' },
	attachments,
});

describe('message create', () => {
	it('POSTs the message for the request and returns the message Dastra created', async () => {
		const dsr = fake.seed();
		const r = await run(create({ requestId: byId(dsr.id), message: 'Your data has been erased.' }));
		expectCalls(r, [{ method: 'POST', path: MESSAGES, body: { message: 'Your data has been erased.', dataSubjectRequestId: dsr.id } }]);
		expectItems(r, [sentMessage(dsr.id, 'Your data has been erased.')]);
	});

	it('sends the files uploaded to the request with the message: IDs trimmed, lower-cased, empty entries skipped', async () => {
		const dsr = fake.seed();
		const a = seedAttachment(dsr.id, '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'erasure-certificate.pdf');
		const b = seedAttachment(dsr.id, '0b1d2e3f-4a5b-4c8e-9a7f-3f1c2a9e5d4b', 'export.pdf');
		const r = await run(
			create({ requestId: byId(dsr.id), message: 'Proof attached.', options: { attachmentIds: ` ${a.id.toUpperCase()} ,, ${b.id}` } }),
		);
		expectCalls(r, [
			{
				method: 'POST',
				path: MESSAGES,
				body: { message: 'Proof attached.', dataSubjectRequestId: dsr.id, attachments: [{ id: a.id }, { id: b.id }] },
			},
		]);
		const id = r.json[0]?.id;
		expectItems(r, [
			sentMessage(dsr.id, 'Proof attached.', [
				{ ...a, userRequestMessageId: id },
				{ ...b, userRequestMessageId: id },
			]),
		]);
	});

	it('says so when Dastra refuses an attachment of another request', async () => {
		const dsr = fake.seed();
		const other = fake.seed();
		const a = seedAttachment(other.id, '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'other.pdf');
		const r = await run(create({ requestId: byId(dsr.id), message: 'Hi', options: { attachmentIds: a.id } }));
		expectCalls(r, [
			{ method: 'POST', path: MESSAGES, body: { message: 'Hi', dataSubjectRequestId: dsr.id, attachments: [{ id: a.id }] } },
		]);
		expect(r.error?.message).toBe(
			'Dastra refused the request: One or more validation errors occurred. attachments: An attachment does not belong to this request.',
		);
		expect(fake.messages.size).toBe(0);
	});

	it('when Dastra answers only "Success" (as documented), returns what was sent', async () => {
		const dsr = fake.seed();
		fake.faults.push({ status: 200, body: '"Success"', headers: { 'content-type': 'application/json' } });
		const r = await run(create({ requestId: byId(dsr.id), message: 'Hello' }));
		expectCalls(r, [{ method: 'POST', path: MESSAGES, body: { message: 'Hello', dataSubjectRequestId: dsr.id } }]);
		expectItems(r, [{ sent: true, message: 'Hello', dataSubjectRequestId: dsr.id }]);
	});

	it.each([
		['an over-long message', { message: 'x'.repeat(3001) }, 'Message is 3001 characters long; Dastra accepts at most 3000'],
		['an empty message from an expression', { message: '={{ "  " }}' }, 'Message is empty'],
		['an attachment ID that is not a UUID', { message: 'Hi', options: { attachmentIds: 'abc' } }, 'Attachment ID "abc" is not a valid ID'],
	])('refuses %s before any call', async (_, params, message) => {
		const r = await run(create({ requestId: byId(1000), ...params }));
		expectCalls(r, []);
		expect(r.error?.message).toBe(message);
	});
});
