/** Attachments of a request: upload (multipart/form-data), download, delete. */
import { randomUUID } from 'node:crypto';

import { dastraDate, type Json } from '../data';
import { parseMultipart } from '../multipart';
import type { FakeDastra, LoggedRequest } from '../server';
import type { Route } from './route';

const fileNotFound = { message: 'File not found' };

export const attachmentRoutes: Route[] = [
	{
		method: 'POST',
		path: /^\/DataSubjectAttachments\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => upload(fake, Number(m[1]), r),
	},
	{
		method: 'GET',
		path: /^\/DataSubjectAttachments\/(\d+)\/download\/([0-9a-f-]{36})$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			const file = fake.attachments.get(m[2]);
			if (!fake.dsrs.has(Number(m[1])) || !file || file.dto.userRequestId !== Number(m[1])) {
				return [404, fileNotFound];
			}
			const name = String(file.dto.fileName);
			return [
				200,
				file.bytes,
				{
					'content-type': file.mimeType,
					'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
				},
			];
		},
	},
	{
		method: 'DELETE',
		path: /^\/DataSubjectAttachments\/(\d+)\/([0-9a-f-]{36})$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			const file = fake.attachments.get(m[2]);
			if (!file || file.dto.userRequestId !== Number(m[1])) return [404, fileNotFound];
			fake.attachments.delete(m[2]);
			return [200, ''];
		},
	},
];


function upload(fake: FakeDastra, dsrId: number, r: LoggedRequest): [number, unknown] {
	if (!fake.dsrs.has(dsrId)) return [404, { message: 'Data subject request not found' }];
	const boundary = /boundary=("?)([^";]+)\1/.exec(String(r.headers['content-type']))?.[2];
	if (!boundary || !Buffer.isBuffer(r.body)) return [400, { message: 'Expected multipart/form-data with a File part' }];
	const part = parseMultipart(r.body, boundary).find((p) => p.name === 'File' && p.fileName !== undefined);
	if (!part) return [400, { errors: { File: ['The File field is required.'] } }];
	const id = randomUUID();
	const dto: Json = {
		id,
		fileName: part.fileName,
		extension: /\.([^.]+)$/.exec(part.fileName!)?.[1] ?? null,
		size: part.data.length,
		nbDownload: 0,
		transmitted: false,
		userRequestId: dsrId,
		userRequestMessageId: null,
		dateCreation: dastraDate(fake.now()),
		dateUpdate: null,
	};
	fake.attachments.set(id, { dto, bytes: part.data, mimeType: part.contentType ?? 'application/octet-stream' });
	return [200, dto];
}
