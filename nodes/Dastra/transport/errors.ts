/**
 * The transport's message catalogue: each error says what happened and (description) how to fix
 * it. Every error is built from redacted text and scrubbed again before it is returned.
 */
import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactDeep, redactText, scrubError } from './redact';
import { isIdempotent, seconds } from './retry';

/** What the error messages need to know about the call. */
export interface CallInfo {
	node: INode;
	method: IHttpRequestMethods;
	/** The call's address (which create a lost answer may have done). */
	url?: string;
	baseUrl: string;
	/** Names `url` for a 404: "Data subject request 42". */
	what?: string;
	workspaceId?: number;
	secrets: readonly string[];
	/**
	 * 'private': n8n adds the credential's X-API-Key. 'none': no credential header is added
	 * (the widget call sets its own public-key header).
	 */
	auth: 'private' | 'none';
}

function apiError(
	call: CallInfo,
	response: JsonObject,
	options: { message: string; description: string; httpCode?: string; failure?: IDataObject },
) {
	const s = call.secrets;
	const message = redactText(options.message, s);
	const description = redactText(options.description, s);
	const error = new NodeApiError(call.node, redactDeep(response, s) as JsonObject, {
		message,
		description,
		...(options.httpCode ? { httpCode: options.httpCode } : {}),
		// n8n-workflow 2.4x declares why a call failed (`failure`); older versions ignore the option.
		...(options.failure ? ({ failure: options.failure } as object) : {}),
	});
	// NodeApiError swaps a message naming a system code (ECONNRESET...) for a generic one: keep ours.
	error.message = message;
	error.description = description;
	return scrubError(error, s);
}

/** A configuration problem found before any call (no workspace ID, no public key). */
export function configError(node: INode, message: string, description: string) {
	return new NodeOperationError(node, message, { description });
}

/** Dastra's own words from an error body: JSON with message/title/detail/errors, or text. */
function dastraMessage(body: unknown): string {
	let data = body;
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (typeof data === 'string') {
		const text = data;
		try {
			data = JSON.parse(text);
		} catch {
			return text.trim().slice(0, 500);
		}
	}
	if (!data || typeof data !== 'object') return '';
	const obj = data as IDataObject;
	const parts: string[] = [];
	const head = obj.message ?? obj.title ?? obj.detail ?? obj.error;
	if (typeof head === 'string') parts.push(head);
	if (obj.errors && typeof obj.errors === 'object') {
		for (const [field, problems] of Object.entries(obj.errors as IDataObject)) {
			const list = Array.isArray(problems) ? problems.join(' ') : String(problems);
			parts.push(Array.isArray(obj.errors) ? list : `${field}: ${list}`);
		}
	}
	return parts.join(' ').slice(0, 1000);
}

export function dastraError(call: CallInfo, res: IN8nHttpFullResponse, attempt: number, note = ''): NodeApiError {
	const status = res.statusCode;
	const said = redactText(dastraMessage(res.body), call.secrets);
	const ws = call.workspaceId;
	const where = ws ? ` in workspace ${ws}` : '';
	let message: string;
	let description: string;
	switch (true) {
		case status === 400 || status === 422:
			message = `Dastra refused the request: ${said || 'invalid data'}`;
			description = 'Check the fields named above against what Dastra expects, then run again.';
			break;
		case status === 401:
			message = 'Dastra did not accept the API key (401 Unauthorized)';
			// The widget call carries the public key, every other call the private one.
			description =
				(call as { credentialType?: string }).credentialType === 'dastraOAuth2Api'
					? `Check the ${call.auth === 'none' ? 'Client ID (the public key)' : 'Client Secret (the private key)'} in the Dastra OAuth2 API credential: copy it again from Dastra, General settings > API. A revoked key is refused too.`
					: `Check the ${call.auth === 'none' ? 'Public' : 'Private'} Key in the Dastra API credential: copy it again from Dastra, General settings > API. A revoked key is refused too.`;
			break;
		case status === 403:
			message = `The API key may not do this${where} (403 Forbidden)`;
			description = `Check that the key is scoped to workspace ${ws ?? ''} or to the whole organisation, and that its user may manage data subject requests.`;
			break;
		case status === 404:
			message = `${call.what ?? 'The resource'} was not found${where}`;
			description =
				'Check the ID, and that it belongs to the workspace set in the credential; it may also have been deleted.';
			break;
		case status === 429:
			message = `Dastra's rate limit was still exceeded after ${attempt} tries`;
			description =
				'Dastra allows 500 requests a minute and 10,000 per 10 minutes per key. Process fewer items per run, or add a Wait node between batches.';
			break;
		case status >= 500:
			message = `Dastra could not process the request (${status})${said ? `: ${said}` : ''}`;
			description = isIdempotent(call.method)
				? `Dastra failed ${attempt} times in a row. Try again later.`
				: 'A create is never sent twice automatically, since the first one may have succeeded: check in Dastra before running again.';
			break;
		default:
			message = `Dastra answered ${status}${said ? `: ${said}` : ''}`;
			description = 'Check the parameters of this operation.';
	}
	return apiError(call, { message: said || message, status } as JsonObject, {
		message,
		description: note ? `${description} ${note}` : description,
		httpCode: String(status),
	});
}

/** A 429 whose Retry-After is longer than the node will wait. */
export function retryAfterError(call: CallInfo, asked: number): NodeApiError {
	return apiError(call, { message: 'Retry-After too long', status: 429 } as JsonObject, {
		message: `Dastra's rate limit asks to wait ${seconds(asked)} before the next call`,
		description:
			'The node waits at most 60 s for a Retry-After. Run the workflow again after that wait, process fewer items per run, or add a Wait node between batches.',
		httpCode: '429',
	});
}

/**
 * A 429 inside a trigger's poll whose Retry-After is longer than what the poll's budget leaves:
 * the poll fails at once and, where n8n-workflow knows `failure` (2.4x), declares the wait so
 * n8n backs off instead of the node sleeping.
 */
export function waitPastDeadlineError(call: CallInfo, asked: number, left: number): NodeApiError {
	return apiError(call, { message: 'Retry-After longer than the poll may wait', status: 429 } as JsonObject, {
		message: `Dastra's rate limit asks to wait ${seconds(asked)}, longer than this poll may still take (${seconds(Math.max(left, 0))})`,
		description:
			'Nothing was lost: the trigger goes on from where it stood at the next poll after that wait. If it happens often, poll less often (Poll Times) or lower the other traffic on this Dastra key.',
		httpCode: '429',
		failure: { cause: 'rate-limited', retryAfterMs: asked },
	});
}

const LOST_CREATE =
	'The request was sent but its answer was lost, so it may already exist in Dastra: it is never sent twice automatically. Check before running again: Get Many with the Reference ID filter, or run Create again with Options > Reuse Request With Same Reference ID on (and a Reference ID set).';

const LOST_CHANGE =
	'The call was sent but its answer was lost, so Dastra may already have made this change: it is never sent twice automatically. Check the request in Dastra before running this item again.';

/** What to do after a lost answer: only a request create (or a widget submission, which creates one) risks a duplicate request. */
function lostAnswerHint(call: CallInfo): string {
	const path = call.url ? new URL(call.url).pathname : '';
	return /\/DataSubjectRequests$|\/v1\/client\/save-request\//i.test(path) ? LOST_CREATE : LOST_CHANGE;
}

/** No answer at all (refused, reset, DNS...). */
export function networkError(call: CallInfo, error: Error, code: string | undefined, sent: boolean): NodeApiError {
	const lost = sent && !isIdempotent(call.method);
	return apiError(call, { message: error.message, networkCode: code ?? null } as JsonObject, {
		message: `Could not reach Dastra at ${call.baseUrl}${code ? ` (${code})` : ''}`,
		description: lost
			? lostAnswerHint(call)
			: 'Check the Base URL in the Dastra API credential and the network between n8n and Dastra.',
	});
}

/** One try took longer than the timeout. */
export function timeoutError(call: CallInfo, timeoutMs: number, attempts: number): NodeApiError {
	return apiError(call, { message: 'timeout', networkCode: 'ETIMEDOUT' } as JsonObject, {
		message: `Dastra did not answer within the timeout of ${seconds(timeoutMs)}${attempts > 1 ? ` (${attempts} tries)` : ''}`,
		description: isIdempotent(call.method)
			? 'Check the Base URL and that Dastra is up. For long calls such as large downloads, raise Request Options > Timeout.'
			: `${lostAnswerHint(call)} For long calls, raise Request Options > Timeout.`,
	});
}

/** The whole call, tries and waits, ran past its bound. */
export function budgetError(call: CallInfo, totalMs: number, attempts: number): NodeApiError {
	return apiError(call, { message: 'call bound reached', networkCode: 'ETIMEDOUT' } as JsonObject, {
		message: `Dastra did not answer successfully within the bound of ${seconds(totalMs)} for one call (${attempts} tries)`,
		description: 'Dastra is slow or failing. Try again later; the bound on one call and its retries is 3 minutes (or the timeout, if larger).',
	});
}

/** A redirect to another origin: the key is never sent there. */
export function redirectError(call: CallInfo, location: string, status: number): NodeApiError {
	let host = location;
	try {
		host = new URL(location, call.baseUrl).host;
	} catch {
		// Not a URL: name it as given.
	}
	return apiError(call, { message: `Redirected to ${host}`, status } as JsonObject, {
		message: `Dastra's address redirected the call to another host, ${host}; the API key was not sent there`,
		description: `Check the Base URL in the Dastra API credential: it should be Dastra's API address (https://api.dastra.eu), not an address that redirects to ${host}.`,
		httpCode: String(status),
	});
}

/** A success status whose body is not JSON: usually a Base URL pointing at a web page. */
export function notJsonError(call: CallInfo, res: IN8nHttpFullResponse, text: string): NodeApiError {
	const type = String(res.headers?.['content-type'] ?? 'no content type');
	const head = redactText(text.trim().slice(0, 80), call.secrets).replace(/\s+/g, ' ');
	return apiError(call, { message: 'not JSON', status: res.statusCode } as JsonObject, {
		message: `Dastra's answer is not JSON (${type}): "${head}"`,
		description:
			'The Base URL in the Dastra API credential probably points at a web page, not at the API: use https://api.dastra.eu (or your sandbox API address).',
		httpCode: String(res.statusCode),
	});
}

/** A download whose bytes repeat a key: not saved, so the key reaches no binary field. */
export function secretInFileError(call: CallInfo, res: IN8nHttpFullResponse): NodeApiError {
	const type = String(res.headers?.['content-type'] ?? 'no content type');
	return apiError(call, { message: 'key in file', status: res.statusCode } as JsonObject, {
		message: `The file Dastra sent (${type}) repeats an API key or webhook key, so it was not saved`,
		description:
			'A real document does not contain the key: the Base URL probably points at a server or proxy that echoes the call. Check the Base URL in the Dastra API credential.',
		httpCode: String(res.statusCode),
	});
}

/** What an answer is, for messages: its kind and its first characters (already redacted). */
function describeAnswer(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty answer';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const head = text.length > 120 ? `${text.slice(0, 120)}…` : text;
	if (typeof body === 'string') return `text: ${JSON.stringify(head)}`;
	if (Array.isArray(body)) return `a list of ${body.length}: ${head}`;
	return `${typeof body === 'object' ? 'an object' : typeof body}: ${head}`;
}

export type AnswerShape = 'object' | 'list' | 'page';

const SHAPE_NAMES: Record<AnswerShape, string> = {
	object: 'a JSON object',
	list: 'a list',
	page: 'a page of results ({items, total})',
};

/** A success whose JSON is not what the call reads: never read as nulls or an empty list. */
export function shapeError(call: CallInfo, body: unknown, shape: AnswerShape): NodeApiError {
	return apiError(call, { message: 'unexpected answer' } as JsonObject, {
		message: `Dastra's answer is not ${SHAPE_NAMES[shape]}: it sent ${describeAnswer(body)}`,
		description:
			'Nothing was read from it. Check the Base URL in the Dastra API credential (it should be the API, e.g. https://api.dastra.eu) and any proxy between n8n and Dastra; if it persists, Dastra may have changed this answer.',
	});
}

/** A download that is not the format asked for (a sign-in page or a JSON error saved as the file). */
export function wrongFileError(call: CallInfo, format: string, problem: string, body: Buffer): NodeApiError {
	const text = body.subarray(0, 200).toString('utf8').replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').trim();
	return apiError(call, { message: 'wrong file' } as JsonObject, {
		message: `Dastra's file is not ${format.toUpperCase()}: ${problem}${text ? ` ("${text.slice(0, 100)}")` : ''}`,
		description:
			'It was not saved. A sign-in page or an error instead of the file usually means the Base URL points at the app or a proxy, not the API: check the Dastra API credential, then run again.',
	});
}
