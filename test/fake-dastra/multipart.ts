/** Multipart/form-data parsing for attachment uploads. */

/** The parts of a multipart/form-data body: enough of RFC 7578 for one or more file fields. */
export function parseMultipart(body: Buffer, boundary: string) {
	const parts: Array<{ name?: string; fileName?: string; contentType?: string; data: Buffer }> = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let at = body.indexOf(delimiter);
	while (at !== -1) {
		const start = at + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, start);
		if (next === -1) break;
		const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
		parts.push({
			name: /\bname="([^"]*)"/.exec(disposition)?.[1],
			fileName: /\bfilename="([^"]*)"/.exec(disposition)?.[1]?.replace(/%22/g, '"'),
			contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim(),
			data: Buffer.from(part.subarray(split + 4)),
		});
		at = next;
	}
	return parts;
}
