import { byId, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const upload = (params: object) => ({ resource: 'attachment', operation: 'upload', ...params });
// Every byte value, so no encoding step can go unnoticed.
const bytes = Buffer.from(Array.from({ length: 1024 }, (_, k) => k % 256));
const file = (binary: object = {}) => ({
	$binary: { data: { base64: bytes.toString('base64'), fileName: 'erasure-certificate.pdf', mimeType: 'application/pdf', ...binary } },
});

/** The multipart body the node must send for one file (the boundary is read from the call). */
function multipart(call: { headers: Record<string, string | undefined> }, fileName: string, mimeType: string, data: Buffer) {
	const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(call.headers['content-type']!)![1];
	return Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="File"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`),
		data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
}

/** The attachment the fake creates for an upload (Dastra's DataSubjectAttachmentDto). */
const attachment = (dsrId: number, fileName: string, extension: string | null, size: number) => ({
	id: expect.any(String),
	fileName,
	extension,
	size,
	nbDownload: 0,
	transmitted: false,
	userRequestId: dsrId,
	userRequestMessageId: null,
	dateCreation: expect.any(String),
	dateUpdate: null,
});

describe('attachment upload', () => {
	it('sends the binary as the multipart field File with its file name and MIME type, and returns the attachment', async () => {
		const dsr = fake.seed();
		const r = await run(upload({ requestId: byId(dsr.id) }), { items: [file()] });
		const path = `/v1/ws/7/DataSubjectAttachments/${dsr.id}`;
		expectCalls(r, [{ method: 'POST', path, body: multipart(r.calls[0], 'erasure-certificate.pdf', 'application/pdf', bytes) }]);
		expectItems(r, [attachment(dsr.id, 'erasure-certificate.pdf', 'pdf', 1024)]);
		expect(fake.attachments.get(r.json[0].id as string)?.bytes).toEqual(bytes);
	});

	it('reads the field named in Input Binary Field, one call per item', async () => {
		const dsr = fake.seed();
		const r = await run(upload({ requestId: byId(dsr.id), binaryPropertyName: ' proof ' }), {
			items: [{ $binary: { proof: file().$binary.data } }, { $binary: { proof: file({ fileName: 'b.pdf' }).$binary.data } }],
		});
		const path = `/v1/ws/7/DataSubjectAttachments/${dsr.id}`;
		expectCalls(r, [
			{ method: 'POST', path, body: multipart(r.calls[0], 'erasure-certificate.pdf', 'application/pdf', bytes) },
			{ method: 'POST', path, body: multipart(r.calls[1], 'b.pdf', 'application/pdf', bytes) },
		]);
		expectItems(r, [attachment(dsr.id, 'erasure-certificate.pdf', 'pdf', 1024), attachment(dsr.id, 'b.pdf', 'pdf', 1024)], [0, 1]);
	});

	it('a file without a name is sent as "file" plus the extension n8n detected', async () => {
		const dsr = fake.seed();
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
		const text = Buffer.from('hello');
		const r = await run(upload({ requestId: byId(dsr.id) }), {
			items: [
				{ $binary: { data: { base64: pdf.toString('base64') } } },
				{ $binary: { data: { base64: text.toString('base64') } } },
			],
		});
		const path = `/v1/ws/7/DataSubjectAttachments/${dsr.id}`;
		expectCalls(r, [
			{ method: 'POST', path, body: multipart(r.calls[0], 'file.pdf', 'application/pdf', pdf) },
			{ method: 'POST', path, body: multipart(r.calls[1], 'file', 'text/plain', text) },
		]);
		expectItems(r, [attachment(dsr.id, 'file.pdf', 'pdf', pdf.length), attachment(dsr.id, 'file', null, text.length)], [0, 1]);
	});

	it('a file without a MIME type (as a Code node may leave it) is sent as application/octet-stream', async () => {
		const dsr = fake.seed();
		const r = await run(upload({ requestId: byId(dsr.id) }), { items: [file({ mimeType: '', asIs: true })] });
		const path = `/v1/ws/7/DataSubjectAttachments/${dsr.id}`;
		expectCalls(r, [{ method: 'POST', path, body: multipart(r.calls[0], 'erasure-certificate.pdf', 'application/octet-stream', bytes) }]);
		expectItems(r, [attachment(dsr.id, 'erasure-certificate.pdf', 'pdf', 1024)]);
	});

	it('names the missing binary field and the item, and lists the fields it has', async () => {
		const dsr = fake.seed();
		const r = await run(upload({ requestId: byId(dsr.id), binaryPropertyName: 'certificate' }), { items: [file(), file()] });
		expectCalls(r, []);
		expect(r.error?.message).toBe('Item 0 has no binary field "certificate"');
		expect(r.error?.description).toBe('Its binary fields are: data. Set Input Binary Field to the one that holds the file.');
	});

	it('an item without any file says so, and with continue-on-fail only that item fails', async () => {
		const dsr = fake.seed();
		const r = await run(upload({ requestId: byId(dsr.id) }), { items: [file(), { note: 'no file' }], continueOnFail: true });
		expectCalls(r, [
			{ method: 'POST', path: `/v1/ws/7/DataSubjectAttachments/${dsr.id}`, body: multipart(r.calls[0], 'erasure-certificate.pdf', 'application/pdf', bytes) },
		]);
		expectItems(
			r,
			[
				attachment(dsr.id, 'erasure-certificate.pdf', 'pdf', 1024),
				{
					error: 'Item 1 has no binary field "data"',
					description:
						'It has no file at all: put a node that reads or downloads the file (e.g. Read/Write Files, HTTP Request) before this one.',
				},
			],
			[0, 1],
		);
	});

	it('names the request Dastra does not know', async () => {
		const r = await run(upload({ requestId: byId(77) }), { items: [file()] });
		expectCalls(r, [{ method: 'POST', path: '/v1/ws/7/DataSubjectAttachments/77', body: multipart(r.calls[0], 'erasure-certificate.pdf', 'application/pdf', bytes) }]);
		expect(r.error?.message).toBe('Data subject request 77 was not found in workspace 7');
	});
});
