/**
 * A fake of Dastra's identity server (account.dastra.eu, docs "Authentification"), on its own
 * loopback origin as the real one is: GET /connect/authorize approves at once and redirects to the
 * redirect URL with a code; POST /connect/token serves client_credentials (the key pair as HTTP
 * Basic auth, scope api1), authorization_code and refresh_token (refresh tokens are one-use: each
 * refresh gives a new one, as IdentityServer does by default). The API fake (server.ts) accepts its
 * Bearer tokens through `accepts()`.
 *
 * Switches for tests: `tokenLifetimeS` (2 makes tokens expire during a test), `elapse()` (the
 * server's clock moves on: tokens expire without the test waiting), `refuseRefresh`,
 * `redirectUris` (the redirect URLs registered on the key; empty = any). Every call is logged.
 * Control routes (for a fake in another process): POST /__fake/settings {tokenLifetimeS,
 * refuseRefresh}, GET /__fake/log.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Json } from './data';
import { closeServer, listenLoopback, readBody, send } from './http';

export interface OAuthCall {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The form body of a token call. */
	form: Record<string, string>;
	authorization?: string;
	/** The status answered. */
	status?: number;
}

interface Issued {
	expires: number;
	scope: string;
	grant: string;
}

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

export class FakeOAuth {
	readonly clientId: string;
	readonly clientSecret: string;
	log: OAuthCall[] = [];
	/** Lifetime of the access tokens issued from now on, in seconds (Dastra's: 3600). */
	tokenLifetimeS = 3600;
	/** Refuse every refresh (a revoked consent, a refresh token past its life). */
	refuseRefresh = false;
	/** The key was revoked: the token endpoint refuses the client (invalid_client). */
	revoked = false;
	/** Redirect URLs registered on the key in Dastra; empty accepts any. */
	redirectUris: string[] = [];

	/** How far this server's clock runs ahead of the process's (`elapse()`). */
	private aheadMs = 0;
	private readonly accessTokens = new Map<string, Issued>();
	private readonly refreshTokens = new Map<string, string>();
	private readonly codes = new Map<string, { redirectUri: string; scope: string }>();
	private server?: Server;

	constructor(options: { clientId?: string; clientSecret?: string } = {}) {
		// An API key's pair: the OAuth2 client is the key, as in Dastra.
		this.clientId = options.clientId ?? 'test-public-key-9876543210';
		this.clientSecret = options.clientSecret ?? 'test-private-key-0123456789';
	}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('FakeOAuth is not started');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(port = 0): Promise<this> {
		this.server = await listenLoopback((req, res) => this.handle(req, res), port);
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		await closeServer(server);
	}

	reset(): void {
		this.log = [];
		this.tokenLifetimeS = 3600;
		this.refuseRefresh = false;
		this.revoked = false;
		this.redirectUris = [];
		this.aheadMs = 0;
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
	}

	/**
	 * This server's clock moves `seconds` on: the tokens it issued expire as if that time had
	 * passed. n8n keeps no clock of its own on a token (it learns of expiry from the API's 401).
	 */
	elapse(seconds: number): void {
		this.aheadMs += seconds * 1000;
	}

	private now(): number {
		return Date.now() + this.aheadMs;
	}

	/** Whether an Authorization header carries a live token of this server (the API's check). */
	accepts(authorization: string | undefined): boolean {
		const m = /^Bearer (\S+)$/.exec(authorization ?? '');
		const issued = m ? this.accessTokens.get(m[1]) : undefined;
		return issued !== undefined && issued.expires > this.now() && issued.scope.split(' ').includes('api1');
	}

	/** Token grants seen, in order: 'client_credentials', 'authorization_code', 'refresh_token'. */
	grants(): string[] {
		return this.log.filter((c) => c.path === '/connect/token').map((c) => c.form.grant_type);
	}

	/** Issues a token pair as an authorization-code sign-in would (for tests that skip the browser). */
	signIn(scope = 'api1 offline_access'): Json {
		return this.issue('authorization_code', scope);
	}

	/** What a user types into a `dastraOAuth2Api` credential for this server and an API fake (n8n derives the rest). */
	typed(api: { baseUrl: string; workspaceId: number }, grantType = 'authorizationCode'): Json {
		return {
			grantType,
			clientId: this.clientId,
			clientSecret: this.clientSecret,
			workspaceId: api.workspaceId,
			baseUrl: api.baseUrl,
			accountUrl: this.baseUrl,
		};
	}

	/** The credential data of `dastraOAuth2Api` for this server and an API fake, as n8n resolves it. */
	credentials(api: { baseUrl: string; workspaceId: number }, overrides: Json = {}): Json {
		const grantType = (overrides.grantType as string | undefined) ?? 'authorizationCode';
		return {
			...this.typed(api, grantType),
			// The credential's hidden fields, resolved as n8n resolves their expressions.
			authUrl: `${this.baseUrl}/connect/authorize`,
			accessTokenUrl: `${this.baseUrl}/connect/token`,
			scope: grantType === 'clientCredentials' ? 'api1' : 'api1 offline_access',
			authQueryParameters: '',
			authentication: 'header',
			...overrides,
		};
	}

	private issue(grant: string, scope: string): Json {
		const access = token('at');
		this.accessTokens.set(access, { expires: this.now() + this.tokenLifetimeS * 1000, scope, grant });
		const answer: Json = { access_token: access, token_type: 'Bearer', expires_in: this.tokenLifetimeS, scope };
		if (grant !== 'client_credentials' && scope.split(' ').includes('offline_access')) {
			const refresh = token('rt');
			this.refreshTokens.set(refresh, scope);
			answer.refresh_token = refresh;
		}
		return answer;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://fake');
		const raw = (await readBody(req)).toString('utf8');
		const call: OAuthCall = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			form: Object.fromEntries(new URLSearchParams(raw)),
			authorization: req.headers.authorization,
		};
		if (!call.path.startsWith('/__fake/')) this.log.push(call);
		try {
			this.route(call, raw, res);
		} catch (error) {
			send(res, 500, { error: 'server_error', error_description: (error as Error).message });
		}
		call.status = res.statusCode;
	}

	private route(call: OAuthCall, raw: string, res: ServerResponse): void {
		if (call.path === '/__fake/settings' && call.method === 'POST') {
			const body = JSON.parse(raw || '{}') as { tokenLifetimeS?: number; refuseRefresh?: boolean };
			if (body.tokenLifetimeS !== undefined) this.tokenLifetimeS = body.tokenLifetimeS;
			if (body.refuseRefresh !== undefined) this.refuseRefresh = body.refuseRefresh;
			return send(res, 204, undefined);
		}
		if (call.path === '/__fake/log' && call.method === 'GET') return send(res, 200, this.log);
		if (call.path === '/connect/authorize' && call.method === 'GET') return this.authorize(call, res);
		if (call.path === '/connect/token' && call.method === 'POST') return this.token(call, res);
		send(res, 404, { error: 'not_found' });
	}

	/** The consent screen, approved at once: back to the redirect URL with a code and the state. */
	private authorize(call: OAuthCall, res: ServerResponse): void {
		const q = call.query;
		if (q.client_id !== this.clientId) return send(res, 400, 'Unknown client');
		if (q.response_type !== 'code') return send(res, 400, 'unsupported_response_type');
		const redirect = q.redirect_uri ?? '';
		if (!/^https?:\/\//.test(redirect) || (this.redirectUris.length && !this.redirectUris.includes(redirect))) {
			// As IdentityServer: an unregistered redirect URL gets an error page, never a redirect.
			return send(res, 400, `Invalid redirect_uri: ${redirect}`);
		}
		const scope = q.scope ?? '';
		const back = new URL(redirect);
		if (!scope.split(' ').includes('api1')) {
			back.searchParams.set('error', 'invalid_scope');
		} else {
			const code = token('code');
			this.codes.set(code, { redirectUri: redirect, scope });
			back.searchParams.set('code', code);
			back.searchParams.set('scope', scope);
		}
		if (q.state !== undefined) back.searchParams.set('state', q.state);
		send(res, 302, undefined, { location: back.href });
	}

	/** The client: HTTP Basic (n8n's "header") or client_id/client_secret in the body. */
	private clientOk(call: OAuthCall): boolean {
		const basic = /^Basic (\S+)$/.exec(call.authorization ?? '');
		if (basic) {
			const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			return decodeURIComponent(id) === this.clientId && decodeURIComponent(secret ?? '') === this.clientSecret;
		}
		return call.form.client_id === this.clientId && call.form.client_secret === this.clientSecret;
	}

	private token(call: OAuthCall, res: ServerResponse): void {
		const f = call.form;
		if (this.revoked || !this.clientOk(call)) return send(res, 401, { error: 'invalid_client' });
		switch (f.grant_type) {
			case 'client_credentials': {
				const scope = f.scope || 'api1';
				if (!scope.split(' ').every((s) => s === 'api1')) return send(res, 400, { error: 'invalid_scope' });
				return send(res, 200, this.issue('client_credentials', scope));
			}
			case 'authorization_code': {
				const code = this.codes.get(f.code ?? '');
				this.codes.delete(f.code ?? '');
				if (!code || code.redirectUri !== f.redirect_uri) {
					return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
				}
				return send(res, 200, this.issue('authorization_code', code.scope));
			}
			case 'refresh_token': {
				const scope = this.refreshTokens.get(f.refresh_token ?? '');
				// One use each: the refresh token just spent is gone, whether or not it is refused.
				this.refreshTokens.delete(f.refresh_token ?? '');
				if (this.refuseRefresh || scope === undefined) {
					return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
				}
				return send(res, 200, this.issue('refresh_token', scope));
			}
			default:
				return send(res, 400, { error: 'unsupported_grant_type' });
		}
	}
}
