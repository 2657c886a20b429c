/**
 * Retry rules. A call is tried at most MAX_ATTEMPTS times; between tries it sleeps a backoff or
 * Dastra's Retry-After. Three bounds keep a call from waiting forever:
 * - each try has a timeout (DEFAULT_TIMEOUT_MS unless the node's Request Options > Timeout says otherwise);
 * - a Retry-After above MAX_RETRY_AFTER_MS fails at once, naming the wait Dastra asked for;
 * - the sleeps of one call add up to at most MAX_SLEEP_MS, and the whole call (tries and sleeps)
 *   ends by CALL_BUDGET_MS (or the timeout, if larger).
 */
import type { IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { parseHttpDate } from '../helpers/dates';

/**
 * Tries per call, the first included. Retried: a 429 (any method); for idempotent methods only
 * (not POST or PATCH), a 502, 503 or 504, a timeout or a network error. Any other answer is final.
 */
export const MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_RETRY_AFTER_MS = 60_000;
export const MAX_SLEEP_MS = 90_000;
export const CALL_BUDGET_MS = 180_000;
const BACKOFF_BASE_MS = 250;

export function isIdempotent(method: IHttpRequestMethods) {
	return method !== 'POST' && method !== 'PATCH';
}

export function backoff(attempt: number) {
	// Exponential with full jitter, so parallel executions do not retry in lockstep.
	const ceiling = BACKOFF_BASE_MS * 2 ** (attempt - 1);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After in ms (seconds or an HTTP date), uncapped; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	// Only an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") is read as one: Date.parse also takes
	// "-5" or "1" (years), which would mean "retry at once".
	if (!/[a-z]{3}/i.test(text) || !/\d{4}/.test(text)) return undefined;
	const date = parseHttpDate(text);
	if (Number.isNaN(date)) return undefined;
	// An HTTP date counts whole seconds: the fraction is only our clock's offset within one, so
	// wait until the named second has begun (and a message names "7200 s", not "7199.6 s").
	return Math.ceil(Math.max(date - now, 0) / 1000) * 1000;
}

export type Decision =
	| { retry: true; wait: number }
	| { retry: false; reason: 'final' | 'attempts' | 'retryAfter' | 'budget'; asked?: number };

/**
 * What to do after an answer. A 429 was refused before any work, so every method may retry it.
 * A 502/503/504 on a POST may come after the request was created, so only idempotent methods
 * retry those; other 5xx are final.
 */
export function decide(
	method: IHttpRequestMethods,
	res: Pick<IN8nHttpFullResponse, 'statusCode' | 'headers'>,
	attempt: number,
	budget: Budget,
): Decision {
	const status = res.statusCode;
	let wait: number;
	if (status === 429) {
		const asked = retryAfterMs(res.headers?.['retry-after']);
		if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) return { retry: false, reason: 'retryAfter', asked };
		wait = asked ?? backoff(attempt);
	} else if ((status === 502 || status === 503 || status === 504) && isIdempotent(method)) {
		wait = backoff(attempt);
	} else {
		return { retry: false, reason: 'final' };
	}
	return mayWait(attempt, wait, budget);
}

/** Whether one more try fits: attempts left, total sleep and the call's deadline. */
export function mayWait(attempt: number, wait: number, budget: Budget, now = Date.now()): Decision {
	if (attempt >= MAX_ATTEMPTS) return { retry: false, reason: 'attempts' };
	if (budget.slept + wait > MAX_SLEEP_MS || now + wait >= budget.deadline) return { retry: false, reason: 'budget' };
	return { retry: true, wait };
}

export interface Budget {
	/** Epoch ms by which the whole call (tries and sleeps) ends. */
	deadline: number;
	/** Ms slept so far in this call. */
	slept: number;
	/** The bound, for messages. */
	totalMs: number;
}

export function newBudget(timeoutMs: number, now = Date.now()): Budget {
	const totalMs = Math.max(CALL_BUDGET_MS, timeoutMs);
	return { deadline: now + totalMs, slept: 0, totalMs };
}

/** `/retry-after` seconds as text for messages: "3600 s". */
export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
