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
