import { dataOf, eventFields, parsePayload, requestIdOf } from '../../../../nodes/Dastra/webhook/payload';

const payload = {
	webhookId: 500,
	signatureUrl: null,
	userId: 301,
	date: '2024-05-02T10:00:00.000Z',
	eventType: 'DataSubjectCreation',
	eventName: 'Data Subject Creation',
	data: { id: 1000, title: 'Access' },
};

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
	it('names the event, its date and the webhook, and whether it came late', () => {
		expect(eventFields(payload, false)).toEqual({
			event: 'DataSubjectCreation',
			eventName: 'Data Subject Creation',
			eventDate: '2024-05-02T10:00:00.000Z',
			webhookId: 500,
			late: false,
		});
		expect(eventFields(payload, true).late).toBe(true);
	});

	it("gives Dastra's offset-less date in UTC with a Z, whatever n8n's zone; keeps one it cannot read", () => {
		expect(eventFields({ ...payload, date: '2023-09-18T10:31:30.6882299' }, false).eventDate).toBe('2023-09-18T10:31:30.688Z');
		expect(eventFields({ ...payload, date: 'soon' }, false).eventDate).toBe('soon');
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
