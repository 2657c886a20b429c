import { createHmac, timingSafeEqual } from 'crypto';

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

/** Dastra delivers 1-2 minutes late; a payload dated outside this window is refused. */
export const MAX_AGE_MS = 15 * 60_000;
export const MAX_AHEAD_MS = 5 * 60_000;

/** Whether the payload's `date` lies within [now - 15 min, now + 5 min]: older signed bytes are a replay. */
export function isFresh(date: unknown, now: number): boolean {
	const at = typeof date === 'string' ? Date.parse(date) : NaN;
	return Number.isFinite(at) && at >= now - MAX_AGE_MS && at <= now + MAX_AHEAD_MS;
}

/**
 * The signatures accepted in the last MAX_AGE_MS + MAX_AHEAD_MS, in this n8n process: the same
 * signed bytes sent again inside the window are a replay (Dastra itself never re-sends). Kept in
 * memory, not in static data: writing static data on every delivery would make n8n save the whole
 * workflow's static data each time, over a polling trigger's newer cursor in the same workflow.
 * In queue mode with several webhook processes, each remembers its own.
 */
export class SeenSignatures {
	private readonly seen = new Map<string, number>();

	constructor(private readonly max = 10_000) {}

	/** Records `signature`; false when it was already seen (a replay). */
	add(signature: string, now: number): boolean {
		for (const [sig, expires] of this.seen) {
			if (expires > now && this.seen.size < this.max) break;
			this.seen.delete(sig);
		}
		if (this.seen.has(signature)) return false;
		this.seen.set(signature, now + MAX_AGE_MS + MAX_AHEAD_MS);
		return true;
	}
}
