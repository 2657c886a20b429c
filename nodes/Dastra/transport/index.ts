import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { readSignIn, type SignIn } from './auth';
import { configError } from './errors';
import { secretList } from './redact';
import { DEFAULT_TIMEOUT_MS } from './retry';
import type { DastraContext, Target } from './send';
import { send } from './send';

export type { DastraContext } from './send';
export { MAX_ATTEMPTS, MAX_SLEEP_MS, CALL_BUDGET_MS } from './retry';

const DEFAULT_BASE_URL = 'https://api.dastra.eu';

/** Dastra's largest page (`size` is capped at 500). */
export const MAX_PAGE_SIZE = 500;

/**
 * Where a call goes: 'workspace' is relative to /v1/ws/{workspaceId} (private key);
 * 'tenant' is a root path checked against the workspace (?workspaceId=, private key);
 * 'root' is a root path as it is (the credential must still name a workspace; private key);
 * 'public' is the widget endpoint (public key only).
 */
export type Scope = 'workspace' | 'tenant' | 'root' | 'public';

export interface CallOptions {
	body?: Target['body'];
	qs?: IDataObject;
	/** Names the target for a 404: "Data subject request 42". */
	what?: string;
	headers?: IDataObject;
	encoding?: 'arraybuffer';
	full?: boolean;
	keepSignatureKeys?: boolean;
	/** The JSON the caller reads (object, list, page): any other answer fails, saying what came back. */
	shape?: Target['shape'];
	format?: string;
}

/** The node's Request Options > Timeout (ms), if it has one; the trigger and lookups use the default. */
function timeoutMs(ctx: DastraContext): number {
	const options = ctx.getNode().parameters?.requestOptions as IDataObject | undefined;
	if (!options || options.timeout === undefined) return DEFAULT_TIMEOUT_MS;
	const value =
		'getInputData' in ctx
			? (ctx as IExecuteFunctions).getNodeParameter('requestOptions.timeout', 0, DEFAULT_TIMEOUT_MS)
			: (ctx as IPollFunctions).getNodeParameter('requestOptions.timeout', DEFAULT_TIMEOUT_MS);
	const ms = Number(value);
	if (!Number.isFinite(ms) || ms <= 0) {
		throw configError(ctx.getNode(), `Timeout "${String(value)}" is not a number of milliseconds`, 'Set Request Options > Timeout to 1 or more (milliseconds), e.g. 60000.');
	}
	return ms;
}

async function credentials(ctx: DastraContext) {
	const creds = await readSignIn(ctx);
	// "https://api.dastra.eu/v1" is the API too: every path below starts with /v1 itself.
	const baseUrl = String(creds.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '').replace(/\/v1$/i, '');
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw configError(
			ctx.getNode(),
			`The Base URL "${baseUrl}" of the Dastra credential is not a web address`,
			`Open the ${creds.label} credential and set Base URL to https://api.dastra.eu (or your sandbox API address).`,
		);
	}
	return { creds, baseUrl, secrets: [...creds.secrets, ...secretList(storedSignatureKey(ctx))] };
}

/** The Dastra Webhook Trigger's signature key from its static data (its hook and webhook contexts). */
function storedSignatureKey(ctx: DastraContext): unknown {
	if (!('getNodeWebhookUrl' in ctx) || typeof ctx.getWorkflowStaticData !== 'function') return undefined;
	return (ctx.getWorkflowStaticData('node') as IDataObject | undefined)?.signatureKey;
}

function workspaceOf(ctx: DastraContext, creds: SignIn): number {
	const workspaceId = Number(creds.workspaceId);
	if (!Number.isSafeInteger(workspaceId) || workspaceId <= 0) {
		throw configError(
			ctx.getNode(),
			'The Dastra credential has no workspace ID',
			`Open the ${creds.label} credential and set Workspace ID: the number after /workspace/ in the address bar of the Dastra app.`,
		);
	}
	return workspaceId;
}

/**
 * The one way to call Dastra; the functions below are shorthands for it. `scope` says what `path`
 * is relative to and which key goes out (see Scope).
 */
export async function dastraCall(
	this: DastraContext,
	scope: Scope,
	method: IHttpRequestMethods,
	path: string,
	options: CallOptions = {},
): Promise<unknown> {
	const { creds, baseUrl, secrets } = await credentials(this);
	const common = { ...options, method, baseUrl, secrets, timeoutMs: timeoutMs(this), credentialType: creds.credentialType, rateIdentity: creds.rateIdentity };
	if (scope === 'public') {
		if (!creds.publicKey) {
			throw configError(
				this.getNode(),
				'The Dastra credential has no public key',
				creds.credentialType === 'dastraOAuth2Api'
					? 'Widget submissions authenticate with the public half of the API key: open the Dastra OAuth2 API credential and fill in Client ID.'
					: 'Widget submissions authenticate with the public half of the API key: open the Dastra API credential and fill in Public Key.',
			);
		}
		// The public endpoint needs only the public key. The credential's `authenticate` would add
		// the private X-API-Key, so this call goes through n8n's plain request helper with the
		// public key's header set here from the credential: nothing else secret is sent.
		return await send(this, {
			...common,
			url: `${baseUrl}${path}`,
			headers: { ...options.headers, Authorization: `ApiKey ${creds.publicKey}` },
			auth: 'none',
		});
	}
	const workspaceId = workspaceOf(this, creds);
	return await send(this, {
		...common,
		workspaceId,
		auth: 'private',
		...(scope === 'workspace'
			? { url: `${baseUrl}/v1/ws/${workspaceId}${path}` }
			: scope === 'root'
				? { url: `${baseUrl}${path}` }
				: { url: `${baseUrl}${path}`, qs: { workspaceId, ...options.qs } }),
	});
}

/** The credential's workspace ID, checked (bodies that name the workspace, e.g. webhook registration). */
export async function credentialWorkspaceId(ctx: DastraContext): Promise<number> {
	const { creds } = await credentials(ctx);
	return workspaceOf(ctx, creds);
}

/**
 * A call in the credential's workspace: `path` is relative to /v1/ws/{workspaceId}.
 * `what` names the target for a 404 ("Data subject request 42").
 */
export async function dastraRequest(
	this: DastraContext,
	method: IHttpRequestMethods,
	path: string,
	options: Pick<CallOptions, 'body' | 'qs' | 'what' | 'headers' | 'shape'> = {},
): Promise<IDataObject> {
	return (await dastraCall.call(this, 'workspace', method, path, options)) as IDataObject;
}

/**
 * A binary download: the bytes and the headers that name them. A POST (exports) sends `body` as
 * JSON. Exempt from the JSON check; with `format` (an export's), bytes of another kind fail.
 */
export async function dastraDownload(
	this: DastraContext,
	path: string,
	what: string,
	{ method = 'GET', body, format }: { method?: 'GET' | 'POST'; body?: IDataObject; format?: string } = {},
): Promise<{ body: Buffer; headers: IDataObject }> {
	const res = (await dastraCall.call(this, 'workspace', method, path, {
		what,
		body,
		format,
		encoding: 'arraybuffer',
		headers: { Accept: '*/*', ...(body ? { 'Content-Type': 'application/json' } : {}) },
		full: true,
	})) as IN8nHttpFullResponse;
	return { body: Buffer.from(res.body as Buffer), headers: (res.headers ?? {}) as IDataObject };
}
