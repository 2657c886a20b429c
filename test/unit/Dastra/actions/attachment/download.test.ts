import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const download = (params: object) => ({ resource: 'attachment', operation: 'download', ...params });
const FILE_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** A file already uploaded to a request, as Upload leaves it in the fake. */
function seedFile(dsrId: number, fileName: string, mimeType: string, bytes: Buffer) {
	fake.attachments.set(FILE_ID, {
		dto: { id: FILE_ID, fileName, extension: null, size: bytes.length, userRequestId: dsrId, userRequestMessageId: null },
		bytes,
		mimeType,
	});
}

describe('attachment download', () => {
	it('GETs the file and puts it in the named binary field, named and typed as Dastra sends it', async () => {
		const dsr = fake.seed();
		const data = Buffer.from('Données effacées le 23/11/2026 ✓\n', 'utf8');
		seedFile(dsr.id, 'Export été.csv', 'text/csv', data);
		const r = await run(download({ requestId: byId(dsr.id), fileId: FILE_ID, binaryPropertyName: ' proof ' }));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/download/${FILE_ID}` }]);
		expectItems(r, [{ dataSubjectRequestId: dsr.id, fileId: FILE_ID, fileName: 'Export été.csv', mimeType: 'text/csv', size: data.length }]);
		expect(Object.keys(r.items[0].binary!)).toEqual(['proof']);
		expect(r.items[0].binary!.proof).toMatchObject({ fileName: 'Export été.csv', mimeType: 'text/csv', fileExtension: 'csv' });
		expect(Buffer.from(r.items[0].binary!.proof.data, 'base64')).toEqual(data);
	});

	it('without Content-Disposition and Content-Type, names the file by its ID and types it application/octet-stream; a blank field name means "data"', async () => {
		const dsr = fake.seed();
		const data = Buffer.from([0, 1, 2, 250]);
		fake.faults.push({ status: 200, body: data });
		const r = await run(download({ requestId: byId(dsr.id), fileId: FILE_ID, binaryPropertyName: ' ' }));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/download/${FILE_ID}` }]);
		expectItems(r, [{ dataSubjectRequestId: dsr.id, fileId: FILE_ID, fileName: FILE_ID, mimeType: 'application/octet-stream', size: 4 }]);
		expect(r.items[0].binary!.data).toMatchObject({ fileName: FILE_ID, mimeType: 'application/octet-stream' });
		expect(Buffer.from(r.items[0].binary!.data.data, 'base64')).toEqual(data);
	});

	it('names the missing file and its request', async () => {
		const dsr = fake.seed();
		const r = await run(download({ requestId: byId(dsr.id), fileId: FILE_ID }));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/download/${FILE_ID}` }]);
		expect(r.error?.message).toBe(`Attachment ${FILE_ID} of data subject request ${dsr.id} was not found in workspace 7`);
	});

	it('refuses a file ID that is not a UUID before any call', async () => {
		const r = await run(download({ requestId: byId(1), fileId: 'report.pdf' }));
		expectCalls(r, []);
		expect(r.error?.message).toBe('File ID "report.pdf" is not a valid ID');
	});
});
