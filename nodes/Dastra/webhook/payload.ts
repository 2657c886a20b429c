import type { IDataObject } from 'n8n-workflow';

/** The DSR events Dastra can push (NotificationChannel values), in NODE-INTERFACE.md's order. */
export const DSR_EVENTS = [
	'DataSubjectCreation',
	'DataSubjectUpdate',
	'DataSubjectStateChange',
	'DataSubjectArchived',
	'DataSubjectWidgetCreation',
	'DataSubjectMessage',
	'DataSubjectIdentityValidated',
	'DataSubjectRequestProcessed',
	'DataSubjectMessageAssigned',
] as const;

export type DsrEvent = (typeof DSR_EVENTS)[number];

/** Dastra's WebhookPayload. */
export interface WebhookPayload {
	webhookId: number;
	signatureUrl?: string | null;
	userId?: number;
	date: string;
	eventType: string;
	eventName?: string | null;
	data?: unknown;
}

/** Dastra's WebHookUrlDto, the fields the node reads. */
export interface WebHookUrl extends IDataObject {
	id: number;
	url: string;
	workSpaceId?: number | null;
	subscribedEvents?: string[] | null;
	signatureKey?: string;
	inError?: boolean;
}

/**
 * The payload in a raw body, or undefined when the body is not one: not JSON, not an object,
 * or without a numeric `webhookId` and a string `eventType`.
 */
export function parsePayload(rawBody: Buffer | string): WebhookPayload | undefined {
	let value: unknown;
	try {
		value = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
	} catch {
		return undefined;
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const p = value as IDataObject;
	if (typeof p.eventType !== 'string' || p.eventType === '') return undefined;
	if (typeof p.webhookId !== 'number' || !Number.isInteger(p.webhookId)) return undefined;
	return p as unknown as WebhookPayload;
}

/** The fields every item carries, whatever else it holds. */
export function eventFields(payload: WebhookPayload): IDataObject {
	return {
		event: payload.eventType,
		eventName: payload.eventName ?? null,
		eventDate: payload.date ?? null,
		webhookId: payload.webhookId,
	};
}

/** The payload's `data` as an object (a bare value goes under `data`). */
export function dataOf(payload: WebhookPayload): IDataObject {
	const data = payload.data;
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	return data === undefined || data === null ? {} : { data: data as IDataObject };
}

const MESSAGE_EVENTS: readonly string[] = ['DataSubjectMessage', 'DataSubjectMessageAssigned'];

/** Whether the event's data is a message (its request named inside) rather than a request. */
export const isMessageEvent = (eventType: string) => MESSAGE_EVENTS.includes(eventType);

/**
 * The ID of the request the event is about: a message event's data is the message (its request
 * in `dataSubjectRequestId` / `userRequestId`); any other DSR event's data is the request itself.
 */
export function requestIdOf(payload: WebhookPayload): number | undefined {
	const data = dataOf(payload);
	const candidates = isMessageEvent(payload.eventType)
		? [data.dataSubjectRequestId, data.userRequestId, data.requestId]
		: [data.id];
	for (const c of candidates) {
		const id = Number(c);
		if (c !== undefined && c !== null && c !== '' && Number.isSafeInteger(id) && id > 0) return id;
	}
	return undefined;
}

/** The same events, whatever the order or repeats. */
export function sameEvents(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) {
	const x = [...new Set(a ?? [])].sort();
	const y = [...new Set(b ?? [])].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

export type ExistingVerdict =
	/** This very webhook is registered, unblocked, for the same events: keep it. */
	| { reuse: true; webhook: WebHookUrl }
	/** None to keep; `stale` lists the webhooks at this URL to remove first, `blocked` whether one was blocked. */
	| { reuse: false; stale: WebHookUrl[]; blocked: boolean };

/**
 * What to do with the webhooks Dastra lists for this workspace, for a node that wants `url` and
 * `events` and knows the webhook `knownId` with the signature key `knownKey` (from its static
 * data). Only that webhook can be re-used: for any other, n8n cannot check the signatures.
 */
export function judgeExisting(
	list: WebHookUrl[],
	url: string,
	events: readonly string[],
	known: { id?: unknown; signatureKey?: unknown },
): ExistingVerdict {
	const atUrl = list.filter((w) => w && w.url === url);
	const mine = atUrl.find((w) => known.id !== undefined && Number(w.id) === Number(known.id));
	const keyKnown =
		typeof known.signatureKey === 'string' &&
		known.signatureKey !== '' &&
		(mine?.signatureKey === undefined || mine.signatureKey === known.signatureKey);
	if (mine && keyKnown && !mine.inError && sameEvents(mine.subscribedEvents, events)) {
		return { reuse: true, webhook: mine };
	}
	return { reuse: false, stale: atUrl, blocked: atUrl.some((w) => w.inError === true) };
}
