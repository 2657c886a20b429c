/**
 * The data processings a request touches (DataSubjectRequestProcessings): list, set state,
 * notify recipients, remove. The list's answer has no schema in the OpenAPI document: the fake
 * answers a bare array of DataSubjectRequestDataProcessingDto, each with the processing's light
 * DTO under `dataProcessing` (id, label, ref) so pickers can name it (an assumption).
 */
import { dastraDate, type Json } from '../data';
import type { FakeDastra } from '../server';
import { invalid } from '../validation';
import type { Answer, Route } from './route';

/** The workspace's record of processing activities, as far as the fake needs it. */
export const DATA_PROCESSINGS = [
	{ id: '6f1c2a10-0000-4000-8000-000000000001', label: 'Customer accounts (CRM)', ref: 'T-001' },
	{ id: '6f1c2a10-0000-4000-8000-000000000002', label: 'Newsletter', ref: 'T-002' },
	{ id: '6f1c2a10-0000-4000-8000-000000000003', label: 'Support tickets', ref: 'T-003' },
];

const STATES = ['New', 'Pending', 'Done', 'NotNecessary'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound: Answer = [404, { message: 'Data subject request not found' }];

/** The request's processing entries; a request touches every processing of the record until told otherwise. */
export function processingsOf(fake: FakeDastra, dsrId: number): Json[] {
	let entries = fake.processings.get(dsrId);
	if (!entries) {
		const dsr = fake.dsrs.get(dsrId)!;
		entries = DATA_PROCESSINGS.map((p) => ({
			dataProcessingId: p.id,
			dataProcessing: { ...p },
			dataSubjectRequestId: dsrId,
			state: 'New',
			processor: null,
			dateCreation: dsr.dateCreation,
			dateUpdate: null,
			dateNotification: null,
			dateNotificationSent: null,
		}));
		fake.processings.set(dsrId, entries);
	}
	return entries;
}

export const processingRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/DataSubjectRequestProcessings\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, _r, m) => (fake.dsrs.has(Number(m[1])) ? [200, processingsOf(fake, Number(m[1]))] : notFound),
	},
	{
		method: 'POST',
		path: /^\/DataSubjectRequestProcessings\/notification\/(\d+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const dsrId = Number(m[1]);
			if (!fake.dsrs.has(dsrId)) return notFound;
			const { errors, entries } = pick(fake, dsrId, r.body, '');
			if (errors) return invalid(errors);
			const at = dastraDate(fake.now());
			for (const e of entries) {
				e.dateNotification = at;
				e.dateNotificationSent = at;
			}
			return [200, ''];
		},
	},
	{
		method: 'POST',
		path: /^\/DataSubjectRequestProcessings\/(\d+)\/([^/]+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const dsrId = Number(m[1]);
			if (!fake.dsrs.has(dsrId)) return notFound;
			if (!STATES.includes(m[2])) return [400, { message: `The value '${m[2]}' is not valid for state.` }];
			const checked = setStateBody(fake, dsrId, r.body);
			if ('errors' in checked) return invalid(checked.errors);
			for (const e of checked.entries) {
				e.state = m[2];
				e.dateUpdate = dastraDate(fake.now());
				e.processor = { id: 301, displayName: 'Alice Martin', email: 'alice@moulinsart.example' };
				if (checked.description !== undefined) e.description = checked.description;
			}
			return [200, ''];
		},
	},
	{
		method: 'DELETE',
		path: /^\/DataSubjectRequestProcessings\/(\d+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const dsrId = Number(m[1]);
			if (!fake.dsrs.has(dsrId)) return notFound;
			const checked = setStateBody(fake, dsrId, r.body);
			if ('errors' in checked) return invalid(checked.errors);
			const gone = new Set(checked.entries);
			fake.processings.set(dsrId, processingsOf(fake, dsrId).filter((e) => !gone.has(e)));
			return [200, ''];
		},
	},
];

/** A DataSubjectDataProcessingSetStateDto `{ids, description}` (no other key), its IDs on the request. */
function setStateBody(
	fake: FakeDastra,
	dsrId: number,
	body: unknown,
): { errors: Record<string, string[]> } | { entries: Json[]; description?: string } {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { errors: { '': ['A body {ids, description} is required.'] } };
	const b = body as Json;
	const extra = Object.keys(b).filter((k) => k !== 'ids' && k !== 'description');
	if (extra.length) return { errors: Object.fromEntries(extra.map((k) => [k, [`Unknown field ${k}.`]])) };
	if (b.description != null && typeof b.description !== 'string') return { errors: { description: ['description must be a string.'] } };
	const { errors, entries } = pick(fake, dsrId, b.ids, 'ids');
	if (errors) return { errors };
	return { entries, description: b.description ?? undefined };
}

/** The entries named by a list of UUIDs, each of which must be one of the request's processings. */
function pick(fake: FakeDastra, dsrId: number, ids: unknown, field: string): { errors?: Record<string, string[]>; entries: Json[] } {
	if (!Array.isArray(ids) || ids.length === 0) return { errors: { [field]: ['A list of processing IDs is required.'] }, entries: [] };
	const entries: Json[] = [];
	for (const id of ids) {
		if (typeof id !== 'string' || !UUID.test(id)) return { errors: { [field]: [`'${String(id)}' is not a UUID.`] }, entries: [] };
		const entry = processingsOf(fake, dsrId).find((e) => e.dataProcessingId === id.toLowerCase());
		if (!entry) return { errors: { [field]: [`Processing ${id} is not linked to request ${dsrId}.`] }, entries: [] };
		entries.push(entry);
	}
	return { entries };
}
