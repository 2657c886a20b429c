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

import type { CallInfo } from './errors';
import {
	budgetError,
	dastraError,
	networkError,
	notJsonError,
	redirectError,
	retryAfterError,
	timeoutError,
} from './errors';
import { rateSlot } from './limiter';
import { scrubError } from './redact';
import { decide, isIdempotent, mayWait, newBudget, backoff } from './retry';

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
	timeoutMs: number;
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
	const { method, body, qs, headers, encoding } = target;
	const budget = newBudget(target.timeoutMs);
	const origin = new URL(target.baseUrl).origin;
	let url = target.url;
	let redirects = 0;
	/** A try went out and its answer never came: the call may have been done already. */
	let lostAnswer = false;

	for (let attempt = 1; ; attempt++) {
		await rateSlot(call, budget.deadline);
		const remaining = budget.deadline - Date.now();
		if (remaining <= 0) throw budgetError(call, budget.totalMs, attempt - 1);
		const timeout = Math.min(target.timeoutMs, remaining);
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
		if (body !== undefined) request.body = body;
		if (encoding) request.encoding = encoding;
		// A Buffer body (multipart) goes as it is; JSON is for everything else.
		else if (!Buffer.isBuffer(body)) request.json = true;

		let res: IN8nHttpFullResponse;
		try {
			res = (target.auth === 'private'
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'dastraApi', request)
				: await ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = errorCode(error);
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
		if (status >= 300 && status < 400 && res.headers?.location) {
			const next = new URL(String(res.headers.location), url);
			if (next.origin !== origin) throw redirectError(call, next.href, status);
			if (++redirects > MAX_REDIRECTS) throw dastraError(call, res, attempt, 'It redirected too many times: check the Base URL.');
			url = next.href;
			attempt--;
			continue;
		}
		if (status < 300) {
			if (encoding) return target.full ? res : res.body;
			const json = readJson(call, res);
			return target.full ? { ...res, body: json } : json;
		}
		// A DELETE retried after a lost answer: the first try did the work.
		if (status === 404 && method === 'DELETE' && lostAnswer) return { deleted: true };
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
		throw dastraError(call, res, attempt, note);
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
