/**
 * The loop: one call to Dastra, its retries, redirects, timeout and answer check. Errors come
 * from errors.ts (already redacted); anything else thrown here is scrubbed before it leaves.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { fileFormatProblem } from '../helpers/fileFormat';
import { renewAfter401, throwIfTokenRefused } from './auth';
import type { AnswerShape, CallInfo } from './errors';
import {
	budgetError,
	dastraError,
	networkError,
	notJsonError,
	redirectError,
	retryAfterError,
	secretInFileError,
	shapeError,
	timeoutError,
	waitPastDeadlineError,
	wrongFileError,
} from './errors';
import { callDeadline } from './deadline';
import { rateSlot } from './limiter';
import { redactAnswer, redactDeep, scrubError } from './redact';
import { decide, isIdempotent, mayWait, newBudget, backoff, retryAfterMs } from './retry';

export type DastraContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface Target extends Omit<CallInfo, 'node'> {
	url: string;
	body?: IDataObject | IDataObject[] | Buffer | FormData;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Binary answers (downloads) come back as a Buffer and skip the JSON check. */
	encoding?: 'arraybuffer';
	/** Return the whole response (status, headers, body) instead of the body. */
	full?: boolean;
	/** Keep `signatureKey` fields in the answer (the webhook registration calls, which need them). */
	keepSignatureKeys?: boolean;
	/** The JSON the caller reads: any other answer fails, saying what came back. */
	shape?: AnswerShape;
	/** A download's format (export): bytes of another kind fail (fileFormatProblem). */
	format?: string;
	timeoutMs: number;
	/** The credential n8n signs a 'private' call with (auth.ts); dastraApi when not said. */
	credentialType?: string;
	/** What the rate limit is counted by (auth.ts SignIn.rateIdentity); the secrets when not said. */
	rateIdentity?: string;
}

const MAX_REDIRECTS = 5;

export async function send(ctx: DastraContext, target: Target): Promise<unknown> {
	const call: CallInfo = { ...target, node: ctx.getNode() };
	try {
		return await loop(ctx, target, call);
	} catch (error) {
		throw scrubError(error as Error, target.secrets);
	}
}

async function loop(ctx: DastraContext, target: Target, call: CallInfo): Promise<unknown> {
	const { qs, headers, encoding } = target;
	// A 303 turns the call into a GET of where it points (the POST was done: never sent again).
	let { method, body } = target;
	const budget = newBudget(target.timeoutMs);
	// A poll's budget (deadline.ts) bounds the call too: no try or wait goes past it.
	const outer = callDeadline(ctx);
	if (outer !== undefined && outer < budget.deadline) budget.deadline = outer;
	const origin = new URL(target.baseUrl).origin;
	let url = target.url;
	let redirects = 0;
	/** A try went out and its answer never came: the call may have been done already. */
	let lostAnswer = false;

	for (let attempt = 1; ; attempt++) {
		// One limiter per key: counted by the key, not by tokens or signature keys that come and go.
		await rateSlot({ ...call, secrets: target.rateIdentity ? [target.rateIdentity] : call.secrets }, budget.deadline);
		const remaining = budget.deadline - Date.now();
		if (remaining <= 0) throw budgetError(call, budget.totalMs, attempt - 1);
		const timeout = Math.min(target.timeoutMs, remaining);
		// A hard deadline for this try: `timeout` alone is a socket-idle timeout, which a server
		// sending a byte every few seconds never trips. The try is aborted at the timeout or at
		// what is left of the call's bound, whichever comes first, however the bytes arrive.
		const tryDeadline = AbortSignal.timeout(timeout);
		const request: IHttpRequestOptions = {
			method,
			url,
			qs,
			headers: { Accept: 'application/json', ...headers },
			// Dastra reads arrays as repeated keys: states=Open&states=Closed.
			arrayFormat: 'repeat',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Redirects are followed here, same origin only, so no key ever goes to another host.
			disableFollowRedirect: true,
			timeout,
		};
		withDeadline(request, tryDeadline, cancelSignal(ctx));
		if (body !== undefined) request.body = body;
		if (encoding) request.encoding = encoding;
		// A Buffer body (multipart) goes as it is; JSON is for everything else.
		else if (!Buffer.isBuffer(body)) request.json = true;

		let res: IN8nHttpFullResponse;
		try {
			res = (target.auth === 'private'
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, target.credentialType ?? 'dastraApi', request)
				: await ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse;
		} catch (error) {
			// The execution was cancelled: no retry.
			if (cancelSignal(ctx)?.aborted) throw networkError(call, error as Error, 'ECANCELED', !isIdempotent(method));
			throwIfTokenRefused(target, call, error);
			const code = tryDeadline.aborted ? 'ETIMEDOUT' : errorCode(error);
			const timedOut = isTimeout(error, code);
			// Refused before sending cannot have changed anything; anything else may have.
			if (code !== 'ECONNREFUSED') lostAnswer = true;
			// Only a call that cannot have changed anything twice may be sent again.
			if (isIdempotent(method)) {
				const next = mayWait(attempt, backoff(attempt), budget);
				if (next.retry) {
					budget.slept += next.wait;
					await sleep(next.wait);
					continue;
				}
				if (next.reason === 'budget' && Date.now() >= budget.deadline - 1) {
					throw budgetError(call, budget.totalMs, attempt);
				}
			}
			if (timedOut) throw timeoutError(call, target.timeoutMs, attempt);
			throw networkError(call, error as Error, code, code !== 'ECONNREFUSED');
		}

		const status = res.statusCode;
		// OAuth2: an expired token is renewed and the call sent once more (auth.ts).
		if (status === 401 && (await renewAfter401(ctx, target, call, request))) {
			attempt--;
			continue;
		}
		if (status >= 300 && status < 400 && res.headers?.location) {
			const next = new URL(String(res.headers.location), url);
			if (next.origin !== origin) throw redirectError(call, next.href, status);
			if (++redirects > MAX_REDIRECTS) throw dastraError(call, res, attempt, 'It redirected too many times: check the Base URL.');
			url = next.href;
			if (status === 303 && method !== 'GET' && method !== 'HEAD') {
				method = 'GET';
				body = undefined;
			}
			attempt--;
			continue;
		}
		if (status < 300) {
			// A 200 may echo the keys as much as an error: every answer is redacted (a file's bytes
			// are the user's document and go as they are; its headers are redacted).
			const answerHeaders = redactDeep(res.headers ?? {}, target.secrets) as IN8nHttpFullResponse['headers'];
			if (encoding) {
				if (carriesSecret(res.body, target.secrets)) throw secretInFileError(call, res);
				const problem = target.format ? fileFormatProblem(target.format, Buffer.from(res.body as Buffer)) : undefined;
				if (problem) throw wrongFileError(call, target.format!, problem, Buffer.from(res.body as Buffer));
				return target.full ? { ...res, headers: answerHeaders } : res.body;
			}
			const json = redactAnswer(readJson(call, res), target.secrets, target.keepSignatureKeys);
			if (target.shape && !hasShape(json, target.shape)) throw shapeError(call, json, target.shape);
			return target.full ? { ...res, headers: answerHeaders, body: json } : json;
		}
		// A DELETE retried after a lost answer: the first try did the work.
		if (status === 404 && method === 'DELETE' && lostAnswer) return { deleted: true };
		if (status === 429 && outer !== undefined) {
			const asked = retryAfterMs(res.headers?.['retry-after']);
			if (asked !== undefined && Date.now() + asked >= outer) throw waitPastDeadlineError(call, asked, outer - Date.now());
		}
		const decision = decide(method, res, attempt, budget);
		if (decision.retry) {
			budget.slept += decision.wait;
			await sleep(decision.wait);
			continue;
		}
		if (decision.reason === 'retryAfter') throw retryAfterError(call, decision.asked ?? 0);
		const note =
			decision.reason === 'budget'
				? `Gave up at the bound of one call (${Math.round(budget.totalMs / 1000)} s, at most 90 s of waiting).`
				: '';
		const error = dastraError(call, res, attempt, note);
		// The work may have been done by a try whose answer was lost: callers that can check say so.
		if (lostAnswer) error.context.afterLostAnswer = true;
		throw error;
	}
}

/**
 * The body of a JSON call. axios parses JSON whatever the content type; what is left as text
 * is not JSON (an HTML page from a wrong Base URL, a proxy's notice) and is refused. An empty
 * body (204, or Dastra's empty 200 on some actions) is fine.
 */
function readJson(call: CallInfo, res: IN8nHttpFullResponse): unknown {
	let body = res.body as unknown;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return body;
	try {
		return JSON.parse(text);
	} catch {
		// A JSON string answer that axios already unwrapped: fine when Dastra said it was JSON.
		const type = String(res.headers?.['content-type'] ?? '');
		if (/json/i.test(type) && !text.startsWith('<')) return body;
		throw notJsonError(call, res, text);
	}
}

/** n8n's signal for a cancelled execution, where the context has one. */
function cancelSignal(ctx: DastraContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/**
 * Gives `request` the try's deadline as its abort signal. n8n's authenticated request helper
 * overwrites `abortSignal` with the execution's cancel signal: that one is then combined with
 * the deadline, not put in its place, so either ends the try.
 */
function withDeadline(request: IHttpRequestOptions, deadline: AbortSignal, cancel: AbortSignal | undefined) {
	let outer = cancel;
	Object.defineProperty(request, 'abortSignal', {
		enumerable: true,
		configurable: true,
		get: () => (outer ? AbortSignal.any([deadline, outer]) : deadline),
		set: (signal: AbortSignal | undefined) => {
			outer = signal ?? cancel;
		},
	});
}

/** Dastra's lists come as a bare array or `{items}`; a page is `{items, total}`; an object is neither text nor a list. */
function hasShape(json: unknown, shape: AnswerShape): boolean {
	const isObject = json !== null && typeof json === 'object' && !Array.isArray(json);
	const items = isObject && Array.isArray((json as IDataObject).items);
	if (shape === 'object') return isObject;
	if (shape === 'list') return Array.isArray(json) || items;
	return items && typeof (json as IDataObject).total === 'number';
}

/** Whether a file's bytes hold a key: such a "file" is an echo of the call, never the user's document. */
function carriesSecret(body: unknown, secrets: readonly string[]): boolean {
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''));
	return secrets.some((secret) => bytes.includes(secret));
}

/** The system error code, whether axios threw it or n8n wrapped it in a NodeApiError (as httpCode). */
function errorCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; httpCode?: unknown; cause?: { code?: unknown }; errorResponse?: { code?: unknown } };
	for (const code of [e?.code, e?.cause?.code, e?.errorResponse?.code, e?.httpCode]) {
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

function isTimeout(error: unknown, code: string | undefined): boolean {
	if (code === 'ETIMEDOUT') return true;
	const e = error as { message?: unknown; messages?: unknown; cause?: { message?: unknown } };
	const text = `${String(e?.message)} ${String(e?.cause?.message)} ${JSON.stringify(e?.messages ?? [])}`;
	return /timeout of \d+ms exceeded/i.test(text);
}
