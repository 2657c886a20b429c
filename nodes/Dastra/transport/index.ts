import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { InputError } from '../helpers/validate';
import type { DastraCredentials } from '../types';

export type DastraContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const DEFAULT_BASE_URL = 'https://api.dastra.eu';

/** Dastra's largest page (`size` is capped at 500). */
export const MAX_PAGE_SIZE = 500;

/** Tries per call, the first included, for 429s and (idempotent calls only) 5xx and network errors. */
export const MAX_ATTEMPTS = 5;

const MAX_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 250;

interface Target {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject | IDataObject[] | Buffer | FormData;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Binary answers (downloads) come back as a Buffer. */
	encoding?: 'arraybuffer';
	/** Says what `url` names, for the 404 message: "Data subject request 42". */
	what?: string;
	workspaceId?: number;
	baseUrl: string;
	/** Return the whole response (status, headers, body) instead of the body. */
	full?: boolean;
}

async function credentials(ctx: DastraContext) {
	const creds = await ctx.getCredentials<DastraCredentials>('dastraApi');
	const baseUrl = String(creds.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const workspaceId = Number(creds.workspaceId);
	if (!Number.isSafeInteger(workspaceId) || workspaceId <= 0) {
		throw new InputError(
			'The Dastra credential has no workspace ID',
			'Open the Dastra API credential and set Workspace ID: the number after /workspace/ in the address bar of the Dastra app.',
		);
	}
	return { creds, baseUrl, workspaceId };
}

/**
 * A call in the credential's workspace: `path` is relative to /v1/ws/{workspaceId}.
 * `what` names the target for a 404 ("Data subject request 42").
 */
export async function dastraRequest(
	this: DastraContext,
	method: IHttpRequestMethods,
	path: string,
	options: {
		body?: Target['body'];
		qs?: IDataObject;
		what?: string;
		headers?: IDataObject;
	} = {},
): Promise<IDataObject> {
	const { baseUrl, workspaceId } = await credentials(this);
	return (await send(this, {
		...options,
		method,
		url: `${baseUrl}/v1/ws/${workspaceId}${path}`,
		baseUrl,
		workspaceId,
	})) as IDataObject;
}

/** A binary download: the bytes and the headers that name them. */
export async function dastraDownload(
	this: DastraContext,
	path: string,
	what: string,
): Promise<{ body: Buffer; headers: IDataObject }> {
	const { baseUrl, workspaceId } = await credentials(this);
	const res = (await send(this, {
		method: 'GET',
		url: `${baseUrl}/v1/ws/${workspaceId}${path}`,
		baseUrl,
		workspaceId,
		what,
		encoding: 'arraybuffer',
		headers: { Accept: '*/*' },
		full: true,
	})) as IN8nHttpFullResponse;
	return { body: Buffer.from(res.body as Buffer), headers: (res.headers ?? {}) as IDataObject };
}

/**
 * Like `dastraRequest`, also returning Dastra's clock (the answer's `Date` header, epoch ms; NaN
 * when absent): the trigger reasons in Dastra's time, not n8n's.
 */
export async function dastraRequestWithTime(
	this: DastraContext,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject } = {},
): Promise<{ body: IDataObject; serverTime: number }> {
	const { baseUrl, workspaceId } = await credentials(this);
	const res = (await send(this, {
		...options,
		method,
		url: `${baseUrl}/v1/ws/${workspaceId}${path}`,
		baseUrl,
		workspaceId,
		full: true,
	})) as IN8nHttpFullResponse;
	return { body: res.body as IDataObject, serverTime: dateHeader(res.headers) };
}

/** An answer's `Date` header as epoch ms; NaN when absent or not a date. */
export function dateHeader(headers: IDataObject | undefined): number {
	return Date.parse(String(headers?.date ?? ''));
}

/** A call outside the workspace path (e.g. /v1/TenantUsers), still checked against the workspace. */
export async function dastraTenantRequest(
	this: DastraContext,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const { baseUrl, workspaceId } = await credentials(this);
	return (await send(this, {
		method,
		url: `${baseUrl}${path}`,
		qs: { workspaceId, ...qs },
		baseUrl,
		workspaceId,
	})) as IDataObject;
}

/**
 * The public widget endpoint authenticates with the PUBLIC key (`Authorization: ApiKey ...`),
 * not the workspace. It goes through the same retry loop; the private-key header the
 * credential adds is harmless there and keeps every call on one authenticated path.
 */
export async function widgetRequest(
	this: DastraContext,
	widgetId: number,
	body: IDataObject,
): Promise<IDataObject> {
	const creds = await this.getCredentials<DastraCredentials>('dastraApi');
	const baseUrl = String(creds.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	if (!creds.publicKey) {
		throw new InputError(
			'The Dastra credential has no public key',
			'Widget submissions authenticate with the public half of the API key: open the Dastra API credential and fill in Public Key.',
		);
	}
	return (await send(this, {
		method: 'POST',
		url: `${baseUrl}/v1/client/save-request/${widgetId}`,
		body,
		headers: { Authorization: `ApiKey ${creds.publicKey}` },
		what: `Widget ${widgetId}`,
		baseUrl,
	})) as IDataObject;
}

async function send(ctx: DastraContext, target: Target): Promise<unknown> {
	const { method, url, body, qs, headers, encoding } = target;
	const request: IHttpRequestOptions = {
		method,
		url,
		qs,
		headers: { Accept: 'application/json', ...headers },
		// Dastra reads arrays as repeated keys: states=Open&states=Closed.
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (body !== undefined) request.body = body;
	if (encoding) request.encoding = encoding;
	// A Buffer body (multipart) goes as it is; JSON is for everything else.
	else if (!Buffer.isBuffer(body)) request.json = true;

	for (let attempt = 1; ; attempt++) {
		let res: IN8nHttpFullResponse;
		try {
			res = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				'dastraApi',
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			// No answer at all (refused, reset, timed out). Only a call that cannot have
			// changed anything twice may be sent again.
			if (attempt < MAX_ATTEMPTS && isIdempotent(method)) {
				await sleep(backoff(attempt));
				continue;
			}
			throw networkError(ctx, error as Error, target);
		}
		if (res.statusCode < 400) return target.full ? res : parseIfJson(res.body);
		const wait = retryDelay(method, res, attempt);
		if (wait === undefined) throw dastraError(ctx, res, target, attempt);
		await sleep(wait);
	}
}

// Without `json: true` (multipart uploads) the answer may come back as JSON text.
function parseIfJson(body: unknown): unknown {
	if (typeof body !== 'string' || !/^\s*[[{]/.test(body)) return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function isIdempotent(method: IHttpRequestMethods) {
	return method !== 'POST' && method !== 'PATCH';
}

function backoff(attempt: number) {
	// Exponential with full jitter, so parallel executions do not retry in lockstep.
	const ceiling = BACKOFF_BASE_MS * 2 ** (attempt - 1);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * A 429 was refused before any work, so every method may retry it. A 5xx on POST may
 * already have created the request, so only idempotent methods retry those.
 */
export function retryDelay(
	method: IHttpRequestMethods,
	res: Pick<IN8nHttpFullResponse, 'statusCode' | 'headers'>,
	attempt: number,
): number | undefined {
	if (attempt >= MAX_ATTEMPTS) return undefined;
	const status = res.statusCode;
	if (status === 429) {
		const after = retryAfterMs(res.headers?.['retry-after']);
		return after ?? backoff(attempt);
	}
	if ((status === 502 || status === 503 || status === 504) && isIdempotent(method)) {
		return backoff(attempt);
	}
	return undefined;
}

function retryAfterMs(header: unknown): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, MAX_WAIT_MS);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.min(Math.max(date - Date.now(), 0), MAX_WAIT_MS);
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

function dastraError(
	ctx: DastraContext,
	res: IN8nHttpFullResponse,
	target: Target,
	attempt: number,
): NodeApiError {
	const status = res.statusCode;
	const said = dastraMessage(res.body);
	const ws = target.workspaceId;
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
			description =
				'Check the Private Key in the Dastra API credential: copy it again from Dastra, General settings > API. A revoked key is refused too.';
			break;
		case status === 403:
			message = `The API key may not do this${where} (403 Forbidden)`;
			description = `Check that the key is scoped to workspace ${ws ?? ''} or to the whole organisation, and that its user may manage data subject requests.`;
			break;
		case status === 404:
			message = `${target.what ?? 'The resource'} was not found${where}`;
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
			description = isIdempotent(target.method)
				? `Dastra failed ${attempt} times in a row. Try again later.`
				: 'A create is never sent twice automatically, since the first one may have succeeded: check in Dastra before running again.';
			break;
		default:
			message = `Dastra answered ${status}${said ? `: ${said}` : ''}`;
			description = 'Check the parameters of this operation.';
	}
	return new NodeApiError(
		ctx.getNode(),
		{ message: said || message, status } as JsonObject,
		{ message, description, httpCode: String(status) },
	);
}

function networkError(ctx: DastraContext, error: Error, target: Target): NodeApiError {
	const code = (error as Error & { code?: string }).code;
	return new NodeApiError(
		ctx.getNode(),
		{ message: error.message, code: code ?? null } as JsonObject,
		{
			message: `Could not reach Dastra at ${target.baseUrl}${code ? ` (${code})` : ''}`,
			description:
				'Check the Base URL in the Dastra API credential and the network between n8n and Dastra.',
		},
	);
}
