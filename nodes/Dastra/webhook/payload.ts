import type { IDataObject } from 'n8n-workflow';

import { toUtcIso } from '../helpers/dates';
import { isMessageEvent } from './events';

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

/**
 * The fields every item carries, whatever else it holds. `eventDate` in ISO UTC with a Z (Dastra
 * writes it without an offset); `late` when the delivery was dated outside the expected window.
 */
export function eventFields(payload: WebhookPayload, late: boolean): IDataObject {
	return {
		event: payload.eventType,
		eventName: payload.eventName ?? null,
		eventDate: toUtcIso(payload.date) ?? payload.date ?? null,
		webhookId: payload.webhookId,
		late,
	};
}

/** The payload's `data` as an object (a bare value goes under `data`). */
export function dataOf(payload: WebhookPayload): IDataObject {
	const data = payload.data;
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	return data === undefined || data === null ? {} : { data: data as IDataObject };
}

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
