/**
 * Around the request list: identity validation, export (deterministic bytes per format, named by
 * Content-Disposition) and statistics computed from the store. The export's real answer is
 * unconfirmed (the OpenAPI document gives it the paged JSON list's schema, which no xlsx or pdf
 * can be): the fake answers the file, as the node expects.
 */
import { dastraDate, parseDate, type Json } from '../data';
import type { FakeDastra, LoggedRequest } from '../server';
import { invalid } from '../validation';
import { list } from './dataSubjectRequests';
import type { Answer, Route } from './route';

const DAY = 86_400_000;
const notFound: Answer = [404, { message: 'Data subject request not found' }];

const EXPORT_QUERY_KEYS = [
	'useNativeColumn', 'cols', 'overtaking', 'archived', 'q', 'widgetId', 'workflows', 'states', 'purposes', 'areaId',
	'users', 'ids', 'tags', 'select', 'page', 'size', 'skip', 'sortBy', 'asc', 'filters',
];

export const FORMAT_TYPES: Record<string, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html; charset=utf-8',
};

export const dsrExtraRoutes: Route[] = [
	{
		method: 'PUT',
		path: /^\/DataSubjectRequests\/set-identity-validation\/(\d+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const dsr = fake.dsrs.get(Number(m[1]));
			if (!dsr) return notFound;
			const b = (r.body ?? {}) as Json;
			if (typeof b.validation !== 'boolean' || Object.keys(b).some((k) => k !== 'validation')) {
				return invalid({ validation: ['A body {validation: true|false} is required.'] });
			}
			dsr.identityValidated = b.validation;
			dsr.dateUpdate = dastraDate(fake.now());
			return [200, ''];
		},
	},
	{
		method: 'POST',
		path: /^\/DataSubjectRequests\/export\/([^/]+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => exportFile(fake, r, m[1]),
	},
	{ method: 'GET', path: /^\/DataSubjectRequests\/stats$/, scope: 'workspace', handle: (fake, r) => stats(fake, r) },
];

/** The rows an export holds: the list's filters read from the JSON body, every page. */
function exportRows(fake: FakeDastra, r: LoggedRequest, body: Json): { rows: Json[] } | { error: Answer } {
	const query: LoggedRequest['query'] = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === null || value === undefined || key === 'page' || key === 'size') continue;
		query[key] = Array.isArray(value) ? value.map(String) : String(value);
	}
	const rows: Json[] = [];
	for (let page = 1; ; page++) {
		const [status, answer] = list(fake, { ...r, query: { ...query, page: String(page), size: '500' } });
		if (status !== 200) return { error: [status, answer] };
		const { items, total } = answer as { items: Json[]; total: number };
		rows.push(...items);
		if (rows.length >= total || items.length === 0) return { rows };
	}
}

function exportFile(fake: FakeDastra, r: LoggedRequest, format: string): Answer {
	if (!FORMAT_TYPES[format]) return [400, { message: `The value '${format}' is not valid for format.` }];
	const body = r.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid({ '': ['A JSON body (DataSubjectExportQuery) is required.'] });
	const unknown = Object.keys(body).filter((k) => !EXPORT_QUERY_KEYS.includes(k));
	if (unknown.length) return invalid(Object.fromEntries(unknown.map((k) => [k, [`Unknown field ${k}.`]])));
	const found = exportRows(fake, r, body as Json);
	if ('error' in found) return found.error;
	const table = found.rows.map((d) => ({
		id: d.id,
		title: d.title,
		state: d.state,
		purposes: (d.purposes as string[]).join('|'),
		email: d.email,
		dateCreation: d.dateCreation,
	}));
	return [200, exportBytes(format, table), {
		'content-type': FORMAT_TYPES[format],
		'content-disposition': `attachment; filename="DataSubjectRequests-export.${format}"`,
	}];
}

/** The same rows always give the same bytes; binary formats carry their real magic numbers. */
export function exportBytes(format: string, table: Json[]): Buffer {
	const columns = ['id', 'title', 'state', 'purposes', 'email', 'dateCreation'];
	const csv = [columns.join(','), ...table.map((row) => columns.map((c) => `"${String(row[c] ?? '').replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n';
	switch (format) {
		case 'csv':
			return Buffer.from(csv, 'utf8');
		case 'json':
			return Buffer.from(JSON.stringify(table), 'utf8');
		case 'html':
			return Buffer.from(`<table>${table.map((row) => `<tr>${columns.map((c) => `<td>${String(row[c] ?? '')}</td>`).join('')}</tr>`).join('')}</table>`, 'utf8');
		case 'pdf':
			return Buffer.concat([Buffer.from('%PDF-1.4\n% fake Dastra export\n'), Buffer.from(csv), Buffer.from('%%EOF\n')]);
		default: // xlsx, docx: zip containers
			return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`fake Dastra ${format} export\n${csv}`)]);
	}
}

function stats(fake: FakeDastra, r: LoggedRequest): Answer {
	const q = r.query;
	const now = fake.now();
	const start = q.start ? Date.parse(String(q.start)) : now - 365 * DAY;
	const end = q.end ? Date.parse(String(q.end)) : now;
	if (Number.isNaN(start) || Number.isNaN(end)) return [400, { message: 'start and end must be dates' }];
	const areaId = q.areaId ? Number(q.areaId) : undefined;
	const dsrs = [...fake.dsrs.values()]
		.filter((d) => areaId === undefined || d.areaId === areaId)
		.filter((d) => parseDate(d.dateCreation) >= start && parseDate(d.dateCreation) <= end)
		.map((d) => fake.view(d))
		.sort((a, b) => Number(a.id) - Number(b.id));
	const open = dsrs.filter((d) => d.state !== 'Closed');
	const closed = dsrs.filter((d) => d.state === 'Closed' && d.dateClosed);
	const daysToClose = (d: Json) => Math.round((parseDate(d.dateClosed) - parseDate(d.dateCreation)) / DAY);
	const purposes = new Map<string, number>();
	for (const d of dsrs) for (const p of d.purposes as string[]) purposes.set(p, (purposes.get(p) ?? 0) + 1);
	const days = new Map<number, number>();
	for (const d of dsrs) {
		const day = Math.floor(parseDate(d.dateCreation) / DAY) * DAY;
		days.set(day, (days.get(day) ?? 0) + 1);
	}
	return [200, {
		nbCustomerRequests: dsrs.length,
		nbOpenedOrActiveCustomerRequests: open.length,
		nbOverTaken: open.filter((d) => parseDate(d.expiryTime) < now).length,
		averageTimeToClose: closed.length ? closed.reduce((sum, d) => sum + daysToClose(d), 0) / closed.length : null,
		purposeTypes: [...purposes].map(([name, y]) => ({ color: null, y, x: null, name })),
		timeSerie: [...days].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ color: null, y, x, name: null })),
		stats: dsrs.map((d) => ({
			id: d.id,
			title: d.title,
			state: d.state,
			workFlowStep: d.workFlowStep,
			complex: d.complex,
			dateCreation: d.dateCreation,
			expiryTime: d.expiryTime,
			dateClosed: d.dateClosed,
			purposes: d.purposes,
			remainingDays: d.remainingDays,
			daysToClose: d.dateClosed ? daysToClose(d) : null,
		})),
		startDate: dastraDate(start),
		endDate: dastraDate(end),
	}];
}
