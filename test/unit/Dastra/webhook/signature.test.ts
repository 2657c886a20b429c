import { createHmac } from 'node:crypto';

import { isFresh, isValidSignature, MAX_AGE_MS, SeenSignatures, sign } from '../../../../nodes/Dastra/webhook/signature';

const key = '6f1e4c5a-2b3d-4e8f-9a0b-1c2d3e4f5a6b';
const body = Buffer.from('{"webhookId":500,"eventType":"DataSubjectCreation","data":{"id":1000}}');
// Computed independently of the helper under test.
const good = createHmac('sha256', key).update(body).digest('base64');

describe('sign', () => {
	it('is base64(HMAC-SHA256(raw body, key))', () => {
		expect(sign(body, key)).toBe(good);
		expect(sign(body.toString('utf8'), key)).toBe(good);
	});
});

describe('isValidSignature', () => {
	it('accepts the exact signature, with surrounding spaces trimmed', () => {
		expect(isValidSignature(body, good, key)).toBe(true);
		expect(isValidSignature(body, ` ${good} `, key)).toBe(true);
	});

	it.each([
		['a body changed by one byte', Buffer.from(body.toString().replace('1000', '1001')), good, key],
		['another key', body, good, 'another-key'],
		['a missing header', body, undefined, key],
		['an empty header', body, '', key],
		['a repeated header (array)', body, [good, good], key],
		['a truncated signature', body, good.slice(0, -2), key],
		['a hex signature of the same HMAC', body, createHmac('sha256', key).update(body).digest('hex'), key],
		['no key known', body, good, undefined],
		['an empty key', body, good, ''],
		['a parsed body instead of the raw bytes', JSON.parse(body.toString()), good, key],
	])('refuses %s', (_what, raw, header, k) => {
		expect(isValidSignature(raw, header, k)).toBe(false);
	});
});

describe('replays', () => {
	const now = Date.parse('2024-05-02T10:00:00.000Z');
	it('isFresh: 15 minutes back to 5 minutes ahead, a date required', () => {
		expect(isFresh('2024-05-02T09:45:00.000Z', now)).toBe(true);
		expect(isFresh('2024-05-02T09:44:59.999Z', now)).toBe(false);
		expect(isFresh('2024-05-02T10:05:00.000Z', now)).toBe(true);
		expect(isFresh('2024-05-02T10:05:00.001Z', now)).toBe(false);
		expect(isFresh(undefined, now)).toBe(false);
		expect(isFresh('yesterday', now)).toBe(false);
	});

	it('SeenSignatures: a second add is refused until the window has passed; bounded', () => {
		const seen = new SeenSignatures(2);
		expect(seen.add('a', now)).toBe(true);
		expect(seen.add('a', now + 1)).toBe(false);
		expect(seen.add('a', now + MAX_AGE_MS + 5 * 60_000 + 1)).toBe(true);
		expect(seen.add('b', now + 2)).toBe(true);
		expect(seen.add('c', now + 3)).toBe(true);
		// 'a' (the oldest) made room at the cap; the others are still remembered.
		expect(seen.add('c', now + 4)).toBe(false);
	});
});
