/** Messages on a request: list, create (with attachments already uploaded), get, delete. */
import { randomUUID } from 'node:crypto';

import { dastraDate, parseDate, type Json } from '../data';
import { paged } from '../http';
import type { FakeDastra, LoggedRequest } from '../server';
import { invalid } from '../validation';
import { noRoute, type Answer, type Route } from './route';

const UUID = '([0-9a-f-]{36})';
const notFound: Answer = [404, { message: 'Message not found' }];

export const messageRoutes: Route[] = [
	{ method: 'GET', path: /^\/DataSubjectMessages$/, scope: 'workspace', handle: (fake, r) => listMessages(fake, r) },
	{ method: 'POST', path: /^\/DataSubjectMessages$/, scope: 'workspace', handle: (fake, r) => createMessage(fake, r.body) },
	{
		method: 'GET',
		path: new RegExp(`^/DataSubjectMessages/${UUID}$`),
		scope: 'workspace',
		handle(fake, _r, m) {
			const message = fake.messages.get(m[1]);
			return message ? [200, message] : notFound;
		},
	},
	{
		method: 'DELETE',
		path: new RegExp(`^/DataSubjectMessages/${UUID}$`),
		scope: 'workspace',
		handle: (fake, _r, m) => (fake.messages.delete(m[1]) ? [200, ''] : notFound),
	},
	// As for requests: another method on a missing message is a 404 "not found".
	{
		method: '*',
		path: new RegExp(`^/DataSubjectMessages/${UUID}$`),
		scope: 'workspace',
		handle: (fake, r, m) => (fake.messages.has(m[1]) ? noRoute(r) : notFound),
	},
];


function createMessage(fake: FakeDastra, body: unknown): [number, unknown] {
	const b = (body ?? {}) as Json;
	const errors: Record<string, string[]> = {};
	if (typeof b.message !== 'string' || b.message === '') errors.message = ['The Message field is required.'];
	else if (b.message.length > 3000) errors.message = ['The field Message must be a string with a maximum length of 3000.'];
	const dsrId = Number(b.dataSubjectRequestId);
	if (!fake.dsrs.has(dsrId)) return [404, { message: 'Data subject request not found' }];
	const attachments = ((b.attachments as Json[] | undefined) ?? []).map((a) => fake.attachments.get(String(a.id)));
	if (attachments.some((a) => !a || a.dto.userRequestId !== dsrId)) {
		errors.attachments = ['An attachment does not belong to this request.'];
	}
	if (Object.keys(errors).length) return invalid(errors);
	const id = randomUUID();
	const at = dastraDate(fake.now());
	const message: Json = {
		id,
		message: b.message,
		dateCreation: at,
		dateSend: at,
		dateUpdate: null,
		dateViewed: null,
		userRequestId: dsrId,
		user: { id: 301, displayName: 'Alice Martin' },
		attachments: attachments.map((a) => ({ ...a!.dto, userRequestMessageId: id })),
	};
	fake.messages.set(id, message);
	return [200, message];
}

function listMessages(fake: FakeDastra, r: LoggedRequest): [number, unknown] {
	const q = r.query;
	const start = q.start ? Date.parse(String(q.start)) : -Infinity;
	const end = q.end ? Date.parse(String(q.end)) : Infinity;
	const items = [...fake.messages.values()]
		.filter((m) => !q.dataSubjectRequestId || m.userRequestId === Number(q.dataSubjectRequestId))
		.filter((m) => {
			const at = parseDate(m.dateCreation);
			return at >= start && at <= end;
		})
		.filter((m) => !q.q || String(m.message).toLowerCase().includes(String(q.q).toLowerCase()))
		.sort((a, b) => parseDate(b.dateCreation) - parseDate(a.dateCreation) || String(a.id).localeCompare(String(b.id)));
	return paged(r, items);
}
