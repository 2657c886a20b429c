import { createHmac, timingSafeEqual } from 'crypto';

import { parseDastraDate } from '../helpers/dates';

/** Dastra's `Dastra-Signature`: base64(HMAC-SHA256(raw body, the webhook's signature key)). */
export function sign(rawBody: Buffer | string, signatureKey: string): string {
	return createHmac('sha256', signatureKey).update(rawBody).digest('base64');
}

/**
 * Whether `header` is the signature of `rawBody` under `signatureKey`, compared in constant time.
 * A missing or repeated header, a missing key or a body that is not bytes is never valid.
 */
export function isValidSignature(
	rawBody: unknown,
	header: unknown,
	signatureKey: unknown,
): boolean {
	if (!Buffer.isBuffer(rawBody) && typeof rawBody !== 'string') return false;
	if (typeof header !== 'string' || header === '') return false;
	if (typeof signatureKey !== 'string' || signatureKey === '') return false;
	const expected = Buffer.from(sign(rawBody, signatureKey), 'utf8');
	const given = Buffer.from(header.trim(), 'utf8');
	// timingSafeEqual needs equal lengths; the length of a base64 SHA-256 is public anyway.
	if (given.length !== expected.length) return false;
	return timingSafeEqual(given, expected);
}

/**
 * The window a delivery is expected in: Dastra delivers 1-2 minutes late, more with a backlog.
 * A signed delivery dated outside it still runs (Dastra never re-sends), marked `late: true`.
 */
export const MAX_AGE_MS = 15 * 60_000;
export const MAX_AHEAD_MS = 5 * 60_000;

/**
 * Whether the payload's `date` lies within [now - 15 min, now + 5 min]. Dastra writes it without
 * an offset, in UTC: read by helpers/dates.ts, whatever n8n's zone. No date: not fresh.
 */
export function isFresh(date: unknown, now: number): boolean {
	const at = parseDastraDate(date);
	return Number.isFinite(at) && at >= now - MAX_AGE_MS && at <= now + MAX_AHEAD_MS;
}

/** How long a delivery's signature is remembered: an exact replay within it runs nothing. */
export const SEEN_FOR_MS = 24 * 3_600_000;
/** How many signatures are remembered at most (8.2 MB of heap at the cap: npm run bench; a busier day forgets its oldest early). */
export const MAX_SEEN = 100_000;

/**
 * The signatures of the deliveries accepted in the last 24 hours, in this n8n process: the same
 * signed bytes sent again are a replay (Dastra itself never re-sends). A signature is an HMAC, so
 * its first 16 bytes (128 bits) identify it; they are kept, not the header. Kept in memory, not in
 * static data: writing static data on every delivery would make n8n save the whole workflow's
 * static data each time, over a polling trigger's newer cursor in the same workflow. A restart
 * forgets them; in queue mode with several webhook processes, each remembers its own.
 */
export class SeenSignatures {
	/** Key -> when it was accepted (n8n's clock), oldest first. */
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly max = MAX_SEEN,
		private readonly keepMs = SEEN_FOR_MS,
	) {}

	get size(): number {
		return this.seen.size;
	}

	/** When `signature` was accepted, if it is still remembered. */
	acceptedAt(signature: string, now: number): number | undefined {
		this.forget(now);
		return this.seen.get(keyOf(signature));
	}

	/** Records `signature`; false when it was already seen (a replay). */
	add(signature: string, now: number): boolean {
		this.forget(now);
		const key = keyOf(signature);
		if (this.seen.has(key)) return false;
		while (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value as string);
		this.seen.set(key, now);
		return true;
	}

	private forget(now: number) {
		for (const [key, at] of this.seen) {
			// In insertion order; a clock that went back forgets nothing early.
			if (at > now - this.keepMs) break;
			this.seen.delete(key);
		}
	}
}

function keyOf(signature: string): string {
	const bytes = Buffer.from(signature.trim(), 'base64');
	return bytes.length >= 16 ? bytes.subarray(0, 16).toString('latin1') : signature.trim();
}
