/**
 * Dastra's rate limit on n8n's side (transport/limiter.ts): the sliding windows, the key hash,
 * and that every call of every node of the process goes through the one limiter.
 */
import { dsr, useFakeDastra } from '../../../harness/dastra';
import { triggerHarness } from '../../../harness/n8n';
import { DASTRA_RATE_LIMITS, RATE_MARGIN_MS, RateLimiter, dastraLimiter, rateKey, rateSlot } from '../../../../nodes/Dastra/transport/limiter';

const { fake, run } = useFakeDastra();
const T0 = Date.parse('2026-03-01T10:00:00Z');
const node = { id: 'n', name: 'Dastra', type: 'n8n-nodes-dastra.dastra', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

describe('RateLimiter', () => {
	it('lets 500 calls go at once, then holds the 501st until the first is a minute (and the margin) old', () => {
		const limiter = new RateLimiter();
		for (let k = 0; k < 500; k++) expect(limiter.reserve('a', T0 + k)).toBe(T0 + k);
		expect(limiter.reserve('a', T0 + 600)).toBe(T0 + 60_000 + RATE_MARGIN_MS);
		// The next one waits for the second call's minute, and slots never go back in time.
		expect(limiter.reserve('a', T0 + 700)).toBe(T0 + 1 + 60_000 + RATE_MARGIN_MS);
		expect(limiter.count('a', 60_000, T0 + 1000)).toBe(502);
		// Another key has its own windows.
		expect(limiter.reserve('b', T0 + 800)).toBe(T0 + 800);
	});

	it('holds every window: 10,000 per 10 minutes', () => {
		expect(DASTRA_RATE_LIMITS).toEqual([
			{ calls: 500, windowMs: 60_000 },
			{ calls: 10_000, windowMs: 600_000 },
		]);
		const limiter = new RateLimiter([
			{ calls: 3, windowMs: 1_000 },
			{ calls: 5, windowMs: 10_000 },
		], 0);
		const slots = Array.from({ length: 7 }, () => limiter.reserve('k', T0) - T0);
		expect(slots).toEqual([0, 0, 0, 1_000, 1_000, 10_000, 10_000]);
	});

	it('forgets calls older than the longest window', () => {
		const limiter = new RateLimiter();
		for (let k = 0; k < 500; k++) limiter.reserve('a', T0);
		expect(limiter.reserve('a', T0 + 601_000 + 1)).toBe(T0 + 601_001);
		expect(limiter.count('a', 600_000, T0 + 601_001)).toBe(1);
	});

	it('does not take a slot later than the call\'s deadline', () => {
		const limiter = new RateLimiter([{ calls: 1, windowMs: 60_000 }], 0);
		limiter.reserve('a', T0);
		expect(limiter.reserve('a', T0, T0 + 30_000)).toBe(T0 + 60_000);
		expect(limiter.count('a', 60_000, T0)).toBe(1);
	});

	it('rateSlot sleeps until the slot, and fails at once (naming the wait) when it is past the deadline', async () => {
		const limiter = new RateLimiter([{ calls: 1, windowMs: 400 }], 0);
		const target = { baseUrl: 'https://api.dastra.eu', secrets: ['k'], node };
		const started = Date.now();
		await rateSlot(target, started + 60_000, limiter);
		await rateSlot(target, started + 60_000, limiter);
		expect(Date.now() - started).toBeGreaterThanOrEqual(390);
		const slow = new RateLimiter([{ calls: 1, windowMs: 120_000 }], 0);
		await rateSlot(target, Date.now() + 60_000, slow);
		await expect(rateSlot(target, Date.now() + 60_000, slow)).rejects.toThrow(/Dastra's rate limit for this API key is used up for the next 1[12]\d s/);
	});
});

describe('rateKey', () => {
	it('is a hash of the origin and the keys: never the key itself', () => {
		const key = rateKey('https://api.dastra.eu/', ['private-secret-123', 'public-456']);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('private-secret-123');
		expect(rateKey('https://api.dastra.eu', ['private-secret-123', 'public-456'])).toBe(key);
		expect(rateKey('https://api.dastra.eu', ['other-key', 'public-456'])).not.toBe(key);
		expect(rateKey('https://sandbox.dastra.eu', ['private-secret-123', 'public-456'])).not.toBe(key);
	});
});

describe('the process-wide limiter', () => {
	it('counts every call of the Dastra node and of the trigger under one key hash, the key nowhere in it', async () => {
		for (let k = 0; k < 1200; k++) fake.seed({ title: `Request ${k}` });
		const key = rateKey(fake.baseUrl, [fake.privateKey]);
		const r = await run(dsr('getAll', { returnAll: true }));
		expect(r.calls).toHaveLength(3);
		expect(dastraLimiter.count(key, 60_000)).toBe(3);
		const t = triggerHarness({ events: ['requestCreated'] }, { dastraApi: fake.credentials() as never });
		await t.poll();
		const calls = fake.log.length;
		expect(calls).toBeGreaterThan(3);
		expect(dastraLimiter.count(key, 60_000)).toBe(calls);
		expect(dastraLimiter.keys()).toEqual([key]);
		expect(JSON.stringify(dastraLimiter)).not.toContain(fake.privateKey);
	});
});

describe('against a Dastra that enforces 500 calls a minute', () => {
	afterEach(() => {
		fake.rateLimit = undefined;
		fake.rateArrivals = [];
		fake.rateLimited = 0;
	});

	it('spaces the calls that would overrun the minute instead of drawing a 429', async () => {
		for (let k = 0; k < 1200; k++) fake.seed({ title: `Request ${k}` });
		fake.rateLimit = { calls: 500, windowMs: 60_000 };
		// 499 calls of this process 58.5 s ago: one more fits now, the next ones in 1.5 s (2.5 s with the margin).
		const past = Date.now() - 58_500;
		const key = rateKey(fake.baseUrl, [fake.privateKey]);
		for (let k = 0; k < 499; k++) {
			dastraLimiter.reserve(key, past);
			fake.rateArrivals.push(past);
		}
		const started = Date.now();
		const r = await run(dsr('getAll', { returnAll: true }));
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(1200);
		expect(r.calls).toHaveLength(3);
		expect(fake.rateLimited).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
	});
});
