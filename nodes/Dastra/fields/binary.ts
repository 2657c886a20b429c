import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fileNameFromDisposition } from '../transport/multipart';

export const outputBinaryOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

export function readOutputBinaryField(this: IExecuteFunctions, i: number): string {
	return String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data';
}

/**
 * A file name from Dastra as a plain name: the part after the last slash or backslash (no ../ or absolute
 * path reaches a Write Binary File node), without control characters (CR/LF) or the characters
 * file systems refuse; undefined when nothing usable is left.
 */
function safeFileName(name: string | undefined): string | undefined {
	const base = String(name ?? '').split(/[/\\]/).pop() ?? '';
	const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
	const clean = printable
		.replace(/[<>:"|?*]/g, '_')
		.replace(/^[.\s]+|[.\s]+$/g, '');
	return clean === '' ? undefined : clean;
}

/** A downloaded file as n8n binary data, named by Content-Disposition and typed by Content-Type when Dastra sends them. */
export async function toBinary(
	this: IExecuteFunctions,
	bytes: Buffer,
	headers: IDataObject,
	fallback: { fileName: string; mimeType: string },
): Promise<{ data: IBinaryData; fileName: string; mimeType: string }> {
	const fileName = safeFileName(fileNameFromDisposition(headers['content-disposition'])) ?? fallback.fileName;
	const mimeType = String(headers['content-type'] ?? '').split(';')[0].trim() || fallback.mimeType;
	return { data: await this.helpers.prepareBinaryData(bytes, fileName, mimeType), fileName, mimeType };
}
