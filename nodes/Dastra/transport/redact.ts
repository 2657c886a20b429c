/**
 * Redaction in one place, for every answer: every error that leaves the transport passes through
 * `scrubError`, and every successful JSON answer through `redactDeep`, which remove the private
 * key, the public key, every webhook signature key the pack knows and any X-API-Key /
 * Authorization value from everything they carry (bodies, headers, message, description,
 * Dastra's quoted text, context, cause, stack). Dastra, a proxy or an ASP.NET error page may echo
 * them, in an error or in a 200.
 */
const REDACTED = '[redacted]';

/** `X-API-Key: abc`, `"Authorization":"ApiKey abc"`, `authorization=Bearer abc` ... */
const HEADER_VALUE =
	/\b(x-api-key|authorization)(["']?\s*[:=]\s*["']?\s*)((?:(?:apikey|bearer|basic|token)\s+)?[^\s"',;&}<>]+)/gi;

/** Keys whose value is a secret wherever they appear (headers, echoed objects). */
const SECRET_KEY = /^(x-api-key|authorization|x-echo-authorization|privatekey|publickey|apikey|api-key|token|access_?token|refresh_?token|client_?secret|id_?token)$/i;

/** A webhook's signature key: secret wherever it appears, except in the registration calls that need it. */
const SIGNATURE_KEY = /^signaturekey$/i;

/**
 * Signature keys this process has read from Dastra (webhook registrations) or static data: each is
 * redacted from every later answer and error, in whatever text it appears. Bounded; the oldest go.
 */
const knownSignatureKeys = new Set<string>();
const MAX_KNOWN_SIGNATURE_KEYS = 1000;

export function rememberSignatureKey(key: unknown) {
	if (typeof key !== 'string' || key.trim().length < 8 || knownSignatureKeys.has(key.trim())) return;
	knownSignatureKeys.add(key.trim());
	if (knownSignatureKeys.size > MAX_KNOWN_SIGNATURE_KEYS) knownSignatureKeys.delete(knownSignatureKeys.values().next().value as string);
}

/** The secrets to redact: `values` (the credential's keys), and every signature key known. */
export function secretList(...values: unknown[]): string[] {
	return [...values, ...knownSignatureKeys].map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v.length > 0);
}

const HEADER_NAME = /x-api-key|authorization/i;

export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	// Checked first: every string of every answer passes here, and almost none holds a secret.
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	if (!HEADER_NAME.test(out)) return out;
	return out.replace(HEADER_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}

/**
 * A redacted deep copy: strings cleaned, secret-named keys blanked, Buffers read as text.
 * `keepSignatureKeys`: a `signatureKey` field is kept (the webhook registration calls need it).
 */
export function redactDeep(
	value: unknown,
	secrets: readonly string[],
	{ keepSignatureKeys = false }: { keepSignatureKeys?: boolean } = {},
	seen = new WeakSet<object>(),
): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Buffer.isBuffer(value)) return redactText(value.toString('utf8'), secrets);
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return '[circular]';
	seen.add(value);
	const deeper = (v: unknown) => redactDeep(v, secrets, { keepSignatureKeys }, seen);
	if (Array.isArray(value)) return value.map(deeper);
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		const secretName = SECRET_KEY.test(key) || (!keepSignatureKeys && SIGNATURE_KEY.test(key));
		if (keepSignatureKeys && SIGNATURE_KEY.test(key) && typeof v === 'string') out[key] = v;
		else out[key] = secretName && v !== null && v !== undefined && v !== '' ? REDACTED : deeper(v);
	}
	return out;
}

/**
 * `redactDeep` for a successful answer the transport has just parsed and alone holds: cleaned in
 * place, so a 500-item page is not copied (the listings' memory figures).
 */
export function redactAnswer(value: unknown, secrets: readonly string[], keepSignatureKeys = false): unknown {
	if (typeof value === 'string' || Buffer.isBuffer(value)) return redactText(typeof value === 'string' ? value : value.toString('utf8'), secrets);
	if (value === null || typeof value !== 'object') return value;
	const walk = (node: Record<string, unknown> | unknown[]) => {
		for (const key of Object.keys(node)) {
			const record = node as Record<string, unknown>;
			const v = record[key];
			if (!Array.isArray(node) && (SECRET_KEY.test(key) || SIGNATURE_KEY.test(key))) {
				if (keepSignatureKeys && SIGNATURE_KEY.test(key) && typeof v === 'string') continue;
				if (v !== null && v !== undefined && v !== '') {
					record[key] = REDACTED;
					continue;
				}
			}
			if (typeof v === 'string') record[key] = redactText(v, secrets);
			else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) walk(v as Record<string, unknown>);
		}
	};
	walk(value as Record<string, unknown>);
	return value;
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
