import {
	DSR_EVENTS,
	dataOf,
	eventFields,
	judgeExisting,
	parsePayload,
	requestIdOf,
	sameEvents,
	type WebHookUrl,
} from '../../../../nodes/Dastra/webhook/payload';
import { NOTIFICATION_CHANNELS } from '../../../fake-dastra/routes/webhooks';

const payload = {
	webhookId: 500,
	signatureUrl: null,
	userId: 301,
	date: '2024-05-02T10:00:00.000Z',
	eventType: 'DataSubjectCreation',
	eventName: 'Data Subject Creation',
	data: { id: 1000, title: 'Access' },
};

describe('DSR_EVENTS', () => {
	it("are NODE-INTERFACE.md's names, all in Dastra's NotificationChannel enum (the fake's copy of the OpenAPI one)", () => {
		expect([...DSR_EVENTS]).toEqual([
			'DataSubjectCreation',
			'DataSubjectUpdate',
			'DataSubjectStateChange',
			'DataSubjectArchived',
			'DataSubjectWidgetCreation',
			'DataSubjectMessage',
			'DataSubjectIdentityValidated',
			'DataSubjectRequestProcessed',
			'DataSubjectMessageAssigned',
		]);
		for (const e of DSR_EVENTS) expect(NOTIFICATION_CHANNELS).toContain(e);
	});
});

describe('parsePayload', () => {
	it('reads a WebhookPayload from the raw bytes', () => {
		expect(parsePayload(Buffer.from(JSON.stringify(payload)))).toEqual(payload);
	});

	it.each([
		['not JSON', 'webhookId=500'],
		['an array', '[]'],
		['null', 'null'],
		['no eventType', JSON.stringify({ ...payload, eventType: undefined })],
		['no webhookId', JSON.stringify({ ...payload, webhookId: undefined })],
		['a string webhookId', JSON.stringify({ ...payload, webhookId: '500' })],
	])('refuses %s', (_what, text) => {
		expect(parsePayload(Buffer.from(text))).toBeUndefined();
	});
});

describe('item fields', () => {
	it('names the event, its date and the webhook', () => {
		expect(eventFields(payload)).toEqual({
			event: 'DataSubjectCreation',
			eventName: 'Data Subject Creation',
			eventDate: '2024-05-02T10:00:00.000Z',
			webhookId: 500,
		});
	});

	it("keeps an object's data as is and puts a bare value under data", () => {
		expect(dataOf(payload)).toEqual({ id: 1000, title: 'Access' });
		expect(dataOf({ ...payload, data: 42 })).toEqual({ data: 42 });
		expect(dataOf({ ...payload, data: null })).toEqual({});
	});

	it("finds the request: the data's id, or a message's request", () => {
		expect(requestIdOf(payload)).toBe(1000);
		expect(requestIdOf({ ...payload, eventType: 'DataSubjectMessage', data: { id: 'msg-1', dataSubjectRequestId: 1002 } })).toBe(1002);
		expect(requestIdOf({ ...payload, eventType: 'DataSubjectMessage', data: { id: 77 } })).toBeUndefined();
		expect(requestIdOf({ ...payload, data: { id: 'abc' } })).toBeUndefined();
		expect(requestIdOf({ ...payload, data: null })).toBeUndefined();
	});
});

describe('sameEvents', () => {
	it('ignores order and repeats, not content', () => {
		expect(sameEvents(['A', 'B'], ['B', 'A', 'A'])).toBe(true);
		expect(sameEvents(['A'], ['A', 'B'])).toBe(false);
		expect(sameEvents(null, [])).toBe(true);
	});
});

describe('judgeExisting', () => {
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const hook = (fields: Partial<WebHookUrl>): WebHookUrl => ({
		id: 500,
		url,
		subscribedEvents: ['DataSubjectCreation'],
		signatureKey: 'k1',
		inError: false,
		...fields,
	});
	const known = { id: 500, signatureKey: 'k1' };

	it('re-uses only the known webhook, unblocked, with the same events and key', () => {
		const mine = hook({});
		expect(judgeExisting([hook({ id: 1, url: 'https://other' }), mine], url, ['DataSubjectCreation'], known)).toEqual({
			reuse: true,
			webhook: mine,
		});
	});

	it.each([
		['other events', [hook({ subscribedEvents: ['DataSubjectUpdate'] })], known, false],
		['a blocked webhook', [hook({ inError: true })], known, true],
		['no key known', [hook({})], { id: 500 }, false],
		['another key listed', [hook({ signatureKey: 'k2' })], known, false],
		['an unknown webhook at this URL', [hook({ id: 501 })], known, false],
	])('drops %s', (_what, list, k, blocked) => {
		expect(judgeExisting(list, url, ['DataSubjectCreation'], k)).toEqual({ reuse: false, stale: list, blocked });
	});

	it('leaves webhooks at other URLs alone', () => {
		expect(judgeExisting([hook({ url: 'https://other' })], url, ['DataSubjectCreation'], known)).toEqual({
			reuse: false,
			stale: [],
			blocked: false,
		});
	});
});
