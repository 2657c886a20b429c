import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const remove = (params: object) => ({ resource: 'attachment', operation: 'delete', ...params });
const FILE_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

describe('attachment delete', () => {
	it('DELETEs the file and returns {deleted: true}', async () => {
		const dsr = fake.seed();
		fake.attachments.set(FILE_ID, {
			dto: { id: FILE_ID, fileName: 'a.pdf', userRequestId: dsr.id },
			bytes: Buffer.from('a'),
			mimeType: 'application/pdf',
		});
		const r = await run(remove({ requestId: byId(dsr.id), fileId: ` ${FILE_ID.toUpperCase()} ` }));
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/${FILE_ID}` }]);
		expectItems(r, [{ deleted: true }]);
		expect(fake.attachments.has(FILE_ID)).toBe(false);
	});

	it('names the missing file and its request', async () => {
		const dsr = fake.seed();
		const r = await run(remove({ requestId: byId(dsr.id), fileId: FILE_ID }));
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/${FILE_ID}` }]);
		expect(r.error?.message).toBe(`Attachment ${FILE_ID} of data subject request ${dsr.id} was not found in workspace 7`);
	});

	it('refuses a file ID that is not a UUID before any call', async () => {
		const r = await run(remove({ requestId: byId(1), fileId: 'report.pdf' }));
		expectCalls(r, []);
		expect(r.error?.message).toBe('File ID "report.pdf" is not a valid ID');
	});
});
