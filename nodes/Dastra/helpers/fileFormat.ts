/**
 * Whether a file's bytes are of the format asked for, by their first bytes: a PDF starts with
 * %PDF, XLSX and DOCX are zip archives (PK\x03\x04), CSV, JSON and HTML are text of that kind.
 * A sign-in page or a JSON error saved under the file's name is refused before it is stored.
 */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const looksHtml = (text: string) => /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
const isText = (bytes: Buffer) => !bytes.subarray(0, 4096).includes(0);
/** A JSON error body: an object whose keys are only an error's (message, title, status...). */
function looksJsonError(text: string): boolean {
	if (!/^\s*\{/.test(text)) return false;
	try {
		const value = JSON.parse(text) as Record<string, unknown>;
		const keys = Object.keys(value);
		return keys.length > 0 && keys.every((k) => /^(message|title|status|errors|error|detail|type|traceId)$/i.test(k));
	} catch {
		return false;
	}
}

/** What is wrong with `bytes` as `format` (csv, xlsx, json, pdf, docx, html), or undefined when it fits. */
export function fileFormatProblem(format: string, bytes: Buffer): string | undefined {
	if (bytes.length === 0) return 'the file is empty';
	const text = () => bytes.subarray(0, 65536).toString('utf8').replace(/^\uFEFF/, '');
	switch (format) {
		case 'pdf':
			return bytes.subarray(0, 1024).includes('%PDF-') ? undefined : 'it does not start with %PDF';
		case 'xlsx':
		case 'docx':
			return bytes.subarray(0, 4).equals(ZIP) ? undefined : 'it is not a zip archive (an Office file is one)';
		case 'json': {
			if (!isText(bytes)) return 'it is not text';
			try {
				JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
			} catch {
				return 'it is not valid JSON';
			}
			return looksJsonError(text()) ? 'it is an error message, not the list' : undefined;
		}
		case 'html':
			if (!isText(bytes)) return 'it is not text';
			return /^\s*</.test(text()) ? undefined : 'it is not HTML';
		case 'csv':
			if (!isText(bytes)) return 'it is not text';
			if (looksHtml(text())) return 'it is a web page, not CSV';
			return looksJsonError(text()) ? 'it is an error message, not CSV' : undefined;
		default:
			return undefined;
	}
}
