import { byId, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

const att = (operation: string, params: object = {}) => ({ resource: 'attachment', operation, ...params });
// Every byte value, so no encoding step can go unnoticed.
const bytes = Buffer.from(Array.from({ length: 1024 }, (_, k) => k % 256));
const file = (fileName = 'erasure-certificate.pdf', mimeType = 'application/pdf', data = bytes) => ({
	$binary: { data: { base64: data.toString('base64'), fileName, mimeType } },
});

describe('attachment upload', () => {
	it('sends the binary as the multipart field File with its file name and MIME type', async () => {
		const dsr = fake.seed();
		const r = await run(att('upload', { requestId: byId(dsr.id) }), { items: [file()] });
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([{ method: 'POST', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}`, query: {} }]);
		const call = r.calls[0];
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(call.headers['content-type']!)![1];
		expect(call.body).toEqual(
			Buffer.concat([
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="erasure-certificate.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
				),
				bytes,
				Buffer.from(`\r\n--${boundary}--\r\n`),
			]),
		);
		expect(r.json).toEqual([
			expect.objectContaining({ fileName: 'erasure-certificate.pdf', extension: 'pdf', size: 1024, userRequestId: dsr.id }),
		]);
	});

	it('round trip: upload then download gives back the same bytes, name and type', async () => {
		const dsr = fake.seed();
		const data = Buffer.from('Données effacées le 23/11/2026 ✓\n', 'utf8');
		const up = await run(att('upload', { requestId: byId(dsr.id) }), { items: [file('Export été.csv', 'text/csv', data)] });
		const fileId = up.json[0].id as string;
		const down = await run(att('download', { requestId: byId(dsr.id), fileId, binaryPropertyName: 'proof' }));
		expect(down.error).toBeUndefined();
		expect(summary(down.calls)).toEqual([
			{ method: 'GET', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/download/${fileId}`, query: {} },
		]);
		expect(down.json).toEqual([{ dataSubjectRequestId: dsr.id, fileId, fileName: 'Export été.csv', mimeType: 'text/csv', size: data.length }]);
		const binary = down.items[0].binary!.proof;
		expect(binary).toMatchObject({ fileName: 'Export été.csv', mimeType: 'text/csv', fileExtension: 'csv' });
		expect(Buffer.from(binary.data, 'base64')).toEqual(data);
	});

	it('names the missing binary field and the item, and lists the fields it has', async () => {
		const dsr = fake.seed();
		const r = await run(att('upload', { requestId: byId(dsr.id), binaryPropertyName: 'certificate' }), {
			items: [file(), file()],
		});
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Item 0 has no binary field "certificate"');
		expect(r.error?.description).toBe('Its binary fields are: data. Set Input Binary Field to the one that holds the file.');
	});

	it('an item without any file says so, and with continue-on-fail only that item fails', async () => {
		const dsr = fake.seed();
		const r = await run(att('upload', { requestId: byId(dsr.id) }), { items: [file(), { note: 'no file' }], continueOnFail: true });
		expect(r.json[1]).toEqual({
			error: 'Item 1 has no binary field "data"',
			description: expect.stringContaining('It has no file at all'),
		});
		expect(r.calls).toHaveLength(1);
	});
});

describe('attachment download and delete', () => {
	it('deletes a file and returns {deleted: true}; downloading it then is a clear 404', async () => {
		const dsr = fake.seed();
		const up = await run(att('upload', { requestId: byId(dsr.id) }), { items: [file()] });
		const fileId = up.json[0].id as string;
		const del = await run(att('delete', { requestId: byId(dsr.id), fileId }));
		expect(summary(del.calls)).toEqual([
			{ method: 'DELETE', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}/${fileId}`, query: {} },
		]);
		expect(del.json).toEqual([{ deleted: true }]);
		const down = await run(att('download', { requestId: byId(dsr.id), fileId }));
		expect(down.error?.message).toBe(`Attachment ${fileId} of data subject request ${dsr.id} was not found in workspace 7`);
	});

	it('refuses a file ID that is not a UUID before any call', async () => {
		const r = await run(att('download', { requestId: byId(1), fileId: 'report.pdf' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('File ID "report.pdf" is not a valid ID');
	});
});
