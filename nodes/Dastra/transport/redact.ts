/**
 * Redaction in one place: every error that leaves the transport passes through `scrubError`,
 * which removes the private key, the public key and any X-API-Key / Authorization value from
 * everything the error carries (message, description, messages, Dastra's quoted text, context,
 * cause, errorResponse, stack). Dastra, a proxy or an ASP.NET error page may echo them.
 */
const REDACTED = '[redacted]';

/** `X-API-Key: abc`, `"Authorization":"ApiKey abc"`, `authorization=Bearer abc` ... */
const HEADER_VALUE =
	/\b(x-api-key|authorization)(["']?\s*[:=]\s*["']?\s*)((?:(?:apikey|bearer|basic|token)\s+)?[^\s"',;&}<>]+)/gi;

/** Keys whose value is a secret wherever they appear (headers, echoed objects). */
const SECRET_KEY = /^(x-api-key|authorization|x-echo-authorization|privatekey|publickey|apikey|api-key|token|access_?token|refresh_?token|client_?secret|id_?token)$/i;

export function secretList(...values: unknown[]): string[] {
	return values.map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v.length > 0);
}

export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join(REDACTED);
	return out.replace(HEADER_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}

/** A redacted deep copy: strings cleaned, secret-named keys blanked, Buffers read as text. */
export function redactDeep(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Buffer.isBuffer(value)) return redactText(value.toString('utf8'), secrets);
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return '[circular]';
	seen.add(value);
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, seen));
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && v !== '' ? REDACTED : redactDeep(v, secrets, seen);
	}
	return out;
}

/** Cleans an error in place (the node stays as it is: it holds parameters, not keys). */
export function scrubError<E extends Error>(error: E, secrets: readonly string[]): E {
	const record = error as unknown as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(error)) {
		if (key === 'node') continue;
		const value = record[key];
		if (value instanceof Error) {
			record[key] = redactDeep({ message: value.message, code: (value as { code?: unknown }).code }, secrets);
		} else if (value !== undefined && value !== null) {
			record[key] = redactDeep(value, secrets);
		}
	}
	return error;
}
