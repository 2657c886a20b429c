/**
 * One file as multipart/form-data, built by hand: a community node may not depend on a form
 * library, and a Buffer body reaches Dastra byte for byte through n8n's request helper.
 */
export function multipartFile(
	field: string,
	fileName: string,
	mimeType: string,
	bytes: Buffer,
	boundary = `----n8nDastra${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`,
): { body: Buffer; contentType: string } {
	// Quotes and line breaks would end the header early; RFC 7578 escapes them.
	const safeName = fileName.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
		`Content-Type: ${mimeType}\r\n\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/** The file name from a Content-Disposition header (RFC 6266: filename* first, then filename). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const text = String(header ?? '');
	const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(text);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			// A malformed encoding: fall back to the plain filename.
		}
	}
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(text);
	return (plain?.[1] ?? plain?.[2])?.trim() || undefined;
}
