import { createHmac } from 'node:crypto';

import { isFresh, isValidSignature, MAX_SEEN, SEEN_FOR_MS, SeenSignatures, sign } from '../../../../nodes/Dastra/webhook/signature';

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

	it("isFresh reads Dastra's offset-less date as UTC, whatever n8n's zone (TZ=Europe/Paris, America/Los_Angeles)", () => {
		// Dastra writes "2023-09-18T10:31:30.6882299": UTC. One minute old is fresh in every zone.
		expect(isFresh('2024-05-02T09:59:00.0000000', now)).toBe(true);
		expect(isFresh('2024-05-02T09:59:00', now)).toBe(true);
		// Signed five hours ago (New York's offset) is not.
		expect(isFresh('2024-05-02T05:00:00.0000000', now)).toBe(false);
	});

	const sig = (n: number) => createHmac('sha256', key).update(String(n)).digest('base64');

	it('SeenSignatures: a second add is refused for 24 hours, then forgotten', () => {
		const seen = new SeenSignatures();
		expect(seen.add(sig(1), now)).toBe(true);
		expect(seen.add(sig(1), now + 1)).toBe(false);
		expect(seen.acceptedAt(sig(1), now + SEEN_FOR_MS - 1)).toBe(now);
		expect(seen.add(sig(1), now + SEEN_FOR_MS - 1)).toBe(false);
		expect(SEEN_FOR_MS).toBeGreaterThanOrEqual(24 * 3_600_000);
		expect(seen.acceptedAt(sig(1), now + SEEN_FOR_MS)).toBeUndefined();
		expect(seen.size).toBe(0);
		expect(seen.add(sig(1), now + SEEN_FOR_MS)).toBe(true);
	});

	it('SeenSignatures: bounded; at the cap the oldest is forgotten first', () => {
		const seen = new SeenSignatures(3);
		for (let k = 1; k <= 4; k++) expect(seen.add(sig(k), now + k)).toBe(true);
		expect(seen.size).toBe(3);
		expect(seen.acceptedAt(sig(1), now + 5)).toBeUndefined();
		expect([2, 3, 4].map((k) => seen.add(sig(k), now + 5))).toEqual([false, false, false]);
		expect(MAX_SEEN).toBeGreaterThanOrEqual(100_000);
	});

	it('SeenSignatures: a header that is not a base64 HMAC is kept as written (trimmed)', () => {
		const seen = new SeenSignatures();
		expect(seen.add('short', now)).toBe(true);
		expect(seen.add('short', now)).toBe(false);
		expect(seen.add(' short ', now)).toBe(false);
	});
});
