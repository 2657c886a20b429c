/**
 * Which credential a call signs with, and OAuth2's renewal. The node's Authentication parameter
 * picks the credential: `dastraApi` (X-API-Key) or `dastraOAuth2Api` (Bearer token; n8n's OAuth2
 * helper signs each call and stores the tokens).
 *
 * Renewal: n8n's helper renews a token only when the request throws a 401, and the transport reads
 * statuses itself (ignoreHttpStatusErrors), so the helper never sees one. Here, a 401 on an OAuth2
 * call gets the token renewed through n8n (`helpers.refreshOAuth2Token`: the refresh token, or a new
 * client-credentials token; n8n saves it in the credential) and the call is sent once more. Calls of
 * one credential that meet the same expired token share one renewal, since a refresh token may be
 * good for one use only.
 */
import type { IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CallInfo } from './errors';
import { redactDeep, redactText, secretList } from './redact';
import type { DastraContext } from './send';

export const API_KEY_CREDENTIAL = 'dastraApi';
export const OAUTH2_CREDENTIAL = 'dastraOAuth2Api';

interface TokenData extends IDataObject {
	access_token?: string;
	refresh_token?: string;
}

/** The fields of either credential the transport reads, under one shape. */
export interface SignIn {
	credentialType: typeof API_KEY_CREDENTIAL | typeof OAUTH2_CREDENTIAL;
	/** The credential's display name, for messages: "Dastra API", "Dastra OAuth2 API". */
	label: string;
	workspaceId: unknown;
	baseUrl?: string;
	/** The public key, for the widget submission: the API key's Public Key or OAuth2's Client ID. */
	publicKey?: string;
	/** Every secret value the credential holds, for redaction. */
	secrets: string[];
	/**
	 * What Dastra's rate limit is counted by (limiter.ts): the API key's private half, whichever
	 * credential carries it. Never the tokens or signature keys, which change over time.
	 */
	rateIdentity: string;
}

/** The credential the node's Authentication parameter names (API key unless it says OAuth2). */
export function credentialTypeOf(ctx: DastraContext): SignIn['credentialType'] {
	return ctx.getNode().parameters?.authentication === 'oAuth2' ? OAUTH2_CREDENTIAL : API_KEY_CREDENTIAL;
}

const tokensOf = (data: unknown) => {
	const t = (data ?? {}) as TokenData;
	return [t.access_token, t.refresh_token];
};

export async function readSignIn(ctx: DastraContext): Promise<SignIn> {
	const type = credentialTypeOf(ctx);
	if (type === API_KEY_CREDENTIAL) {
		const c = await ctx.getCredentials<IDataObject>(type);
		return {
			credentialType: type,
			label: 'Dastra API',
			workspaceId: c.workspaceId,
			baseUrl: c.baseUrl as string | undefined,
			publicKey: c.publicKey as string | undefined,
			secrets: secretList(c.privateKey, c.publicKey),
			rateIdentity: String(c.privateKey ?? ''),
		};
	}
	const c = await ctx.getCredentials<IDataObject>(type);
	const basic = Buffer.from(`${String(c.clientId ?? '')}:${String(c.clientSecret ?? '')}`).toString('base64');
	const signIn: SignIn = {
		credentialType: type,
		label: 'Dastra OAuth2 API',
		workspaceId: c.workspaceId,
		baseUrl: c.baseUrl as string | undefined,
		publicKey: c.clientId as string | undefined,
		secrets: secretList(c.clientSecret, c.clientId, basic, ...tokensOf(c.oauthTokenData)),
		rateIdentity: String(c.clientSecret ?? ''),
	};
	const token = (c.oauthTokenData ?? {}) as TokenData;
	if (c.grantType !== 'clientCredentials' && !token.access_token) {
		throw new NodeApiError(ctx.getNode(), { message: 'not connected' } as JsonObject, {
			message: 'The Dastra OAuth2 API credential is not connected to Dastra yet',
			description:
				'Open the Dastra OAuth2 API credential and click "Connect my account" (sign in with Dastra), then run again.',
		});
	}
	return signIn;
}

const RECONNECT =
	'Open the Dastra OAuth2 API credential and reconnect it ("Connect my account", signing in with Dastra again). With Client Credentials, check the Client ID (public key) and Client Secret (private key): the API key may have been revoked.';

function authError(call: CallInfo, said: unknown, message: string, description: string, httpCode?: string) {
	const s = call.secrets;
	const error = new NodeApiError(call.node, redactDeep({ message: said }, s) as JsonObject, {
		message: redactText(message, s),
		description: redactText(description, s),
		...(httpCode ? { httpCode } : {}),
	});
	error.message = redactText(message, s);
	return error;
}

/**
 * What the token endpoint said, from client-oauth2's errors (AuthError: code EAUTH, ResponseError:
 * ESTATUS), as thrown or as n8n wraps them (a NodeApiError keeps AuthError's code as httpCode, and
 * ResponseError's message among its messages).
 */
function tokenFailure(error: unknown): { said: string } | undefined {
	for (let e = error as IDataObject | undefined, depth = 0; e && depth < 4; e = e.cause as IDataObject | undefined, depth++) {
		const body = e.body as IDataObject | undefined;
		const code = e.code ?? e.httpCode;
		if (code === 'EAUTH') return { said: String(body?.error_description ?? body?.error ?? e.message) };
		if (code === 'ESTATUS') return { said: String(e.message) };
		// n8n wraps client-oauth2's ResponseError in a NodeApiError whose code is the HTTP status (its
		// `status` wins over `code`): the token endpoint's own words survive only among its messages.
		const words = [e.message, ...(Array.isArray(e.messages) ? e.messages : [])].map(String);
		const status = words.find((m) => /^(HTTP status \d{3}|Unsupported content type\b)/.test(m));
		if (status) return { said: status };
		if (/OAuth credentials not connected|refreshToken is required|without access token/i.test(String(e.message))) {
			return { said: String(e.message) };
		}
	}
	return undefined;
}

/**
 * An OAuth2 call that failed before reaching Dastra because the sign-in server refused a token (the
 * first client-credentials token, say): thrown as "reconnect", never retried. Anything else is left
 * to the transport's network handling.
 */
export function throwIfTokenRefused(target: { credentialType?: string }, call: CallInfo, error: unknown): void {
	if (target.credentialType !== OAUTH2_CREDENTIAL || call.auth !== 'private') return;
	const refused = tokenFailure(error);
	if (!refused) return;
	throw authError(call, refused.said, `Dastra's sign-in server refused the OAuth2 credential: ${refused.said}`, RECONNECT, '401');
}

/** Calls that already had their one renewal. */
const renewedCalls = new WeakSet<CallInfo>();
/** Renewals under way, per credential (its ID): calls that meet the same expired token wait for one. */
const renewals = new Map<string, Promise<void>>();

/**
 * After a 401 on an OAuth2 call: renews the token (once per call) and says whether to send the call
 * again. A 401 with a token just renewed, or a refused renewal, throws "reconnect". API key calls
 * and the widget call get false: their 401 is final.
 */
export async function renewAfter401(
	ctx: DastraContext,
	target: { credentialType?: string },
	call: CallInfo,
	request: IHttpRequestOptions,
): Promise<boolean> {
	// The widget call carries the public key, no token: its 401 is final too.
	if (target.credentialType !== OAUTH2_CREDENTIAL || call.auth !== 'private') return false;
	if (renewedCalls.has(call)) {
		throw authError(
			call,
			'401 with a renewed token',
			'Dastra did not accept the OAuth2 token, even renewed (401 Unauthorized)',
			`${RECONNECT} The person who connected it may also have lost access to workspace ${call.workspaceId ?? ''}.`,
			'401',
		);
	}
	renewedCalls.add(call);
	const secrets = call.secrets as string[];
	const id = String(ctx.getNode().credentials?.[OAUTH2_CREDENTIAL]?.id ?? '');
	// Another call may have renewed the token since this one was signed: then use that token.
	const sent = String((request.headers as IDataObject | undefined)?.Authorization ?? '');
	const now = await ctx.getCredentials<IDataObject>(OAUTH2_CREDENTIAL);
	const current = (now.oauthTokenData ?? {}) as TokenData;
	secrets.push(...secretList(...tokensOf(current)));
	if (sent && current.access_token && sent !== `Bearer ${current.access_token}`) return true;

	let renewal = renewals.get(id);
	if (!renewal) {
		renewal = renew(ctx).finally(() => renewals.delete(id));
		renewals.set(id, renewal);
	}
	try {
		await renewal;
	} catch (error) {
		const refused = tokenFailure(error);
		const said = refused?.said ?? String((error as Error).message);
		throw authError(call, said, `Dastra refused to renew the OAuth2 token: ${said}`, RECONNECT, '401');
	}
	const fresh = await ctx.getCredentials<IDataObject>(OAUTH2_CREDENTIAL);
	secrets.push(...secretList(...tokensOf(fresh.oauthTokenData)));
	return true;
}

async function renew(ctx: DastraContext): Promise<void> {
	const helpers = ctx.helpers as { refreshOAuth2Token?: (this: DastraContext, type: string) => Promise<unknown> };
	if (typeof helpers.refreshOAuth2Token !== 'function') {
		throw new Error('this version of n8n cannot renew OAuth2 tokens for community nodes');
	}
	await helpers.refreshOAuth2Token.call(ctx, OAUTH2_CREDENTIAL);
}
