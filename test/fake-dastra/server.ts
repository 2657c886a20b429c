/**
 * A local, strict fake of the Dastra API (see shared/dastra-api/README.md): real HTTP on
 * 127.0.0.1, the key and workspace checked on every call, required fields enforced, PUT
 * replacing the whole request, 1-based pages capped at 500, list filters applied, and
 * faults (429 with Retry-After, 5xx, dropped connections) injectable. Every request is logged
 * so tests can assert exactly what the node sent.
 *
 * Layout: this file is the entry (start/stop, HTTP handling, faults, auth, dispatch); the store
 * (store.ts), body validation (validation.ts), the rule engine (rules.ts), multipart parsing
 * (multipart.ts), HTTP plumbing (http.ts) and the routes (routes/, one module per resource,
 * listed in routes/index.ts) each live in their own file.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Json } from './data';
import { closeServer, listenLoopback, readBody, send } from './http';
import { contract } from './openapi/contract';
import { ROUTES, noRoute, type Answer, type Route } from './routes';
import { Store } from './store';

export { matchesRule } from './rules';
export { parseMultipart } from './multipart';

export interface LoggedRequest {
	method: string;
	path: string;
	/** Query parameters; a repeated key becomes an array. */
	query: Record<string, string | string[]>;
	body: unknown;
	headers: Record<string, string | undefined>;
	/** Time the fake spent answering, so benchmarks can tell its share from the node's. */
	ms?: number;
}

export interface Fault {
	/** Which calls to hit, e.g. (r) => r.method === 'GET'. */
	match?: (req: LoggedRequest) => boolean;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Drop the connection without an answer. */
	destroy?: boolean;
	/** Do the work (route the call), then drop the connection: an answer lost on the way back. */
	lost?: boolean;
	/** Accept the call and never answer (until the fake stops). */
	hang?: boolean;
	/**
	 * Answer 200 and send the body one byte every this many ms, never finishing (until the client
	 * gives up or the fake stops): a server that defeats a socket-idle timeout.
	 */
	trickle?: number;
	/** Answer with the X-API-Key and Authorization values the call carried and both keys, in body and headers. */
	echoKeys?: boolean;
	/** Answer `status` (default 302) with Location: this URL (e.g. another fake, another origin). */
	redirectTo?: string;
	/** How many matching calls fail (default 1). */
	times?: number;
}

export interface FakeOptions {
	privateKey?: string;
	publicKey?: string;
	workspaceId?: number;
	/** Clock of the fake in ms; tests move it to make deadlines pass. */
	now?: () => number;
}

export class FakeDastra extends Store {
	readonly privateKey: string;
	readonly publicKey: string;
	readonly workspaceId: number;

	log: LoggedRequest[] = [];
	/** What workflows under test posted to /__fake/events (e.g. the trigger's items, forwarded). */
	events: unknown[] = [];
	faults: Fault[] = [];
	/** Whether list calls honour `filters` rules / `sortBy`; false mimics a Dastra that ignores them. */
	honoursRules = true;
	honoursSort = true;
	/**
	 * Listing switches (the trigger's tests): `afterListPage` runs after a page of GET
	 * /DataSubjectRequests is computed (to delete, archive or create between two page reads of one
	 * poll); `pageCap` serves pages no larger than this (a proxy or server with a smaller cap: short
	 * pages while `total` says more); `dateHeader` is the answers' Date header: Dastra's clock
	 * ('real'), none, garbage, or Dastra's clock skewed by that many ms; `htmlListings` answers
	 * listings with a 200 HTML page (a login page of a proxy, a wrong base URL).
	 */
	afterListPage?: (page: number, req: LoggedRequest) => void;
	/** As afterListPage, for GET /Tasks. */
	afterTaskListPage?: (page: number, req: LoggedRequest) => void;
	pageCap?: number;
	dateHeader: 'real' | 'missing' | 'garbage' | number = 'real';
	htmlListings = false;
	/**
	 * GET /Workflows/DataSubject is not in Dastra's OpenAPI document and its answer shape is
	 * unknown: the fake can give each candidate, or 'missing' (404) as the documented API would.
	 */
	stepsShape: 'array' | 'items' | 'steps' | 'missing' = 'array';
	/** A Dastra that refuses PATCH on a request: 405 Method Not Allowed, or 404 on the route while GET finds it. */
	patchRefusal?: 405 | 404;
	/** Dastra's identity server (oauth.ts), when set: its Bearer tokens are accepted like the private key. */
	oauth?: { accepts(authorization: string | undefined): boolean };
	/** Whether every request is checked against Dastra's OpenAPI document (openapi/contract.ts). */
	validatesContract = true;
	/** Every answer (control routes aside) leaves this many ms late: a round trip to a real Dastra. */
	latencyMs = 0;
	/**
	 * Dastra's rate limit, enforced when set: calls past `calls` within a sliding `windowMs` are
	 * answered 429 with Retry-After (counted in `rateLimited`, read at GET /__fake/stats).
	 */
	rateLimit?: { calls: number; windowMs: number };
	rateLimited = 0;
	/**
	 * The benchmarks' switch: keep the last listing's selection (filtered, sorted) and the pages
	 * answered from it until anything is written (any call but a GET). Off in tests.
	 */
	cachesListings = false;
	listingCache?: { key: string; items: Json[]; pages: Map<string, string> };
	/** Calls being answered now, and the most at once since `peakInFlight` was last set to 0. */
	inFlight = 0;
	peakInFlight = 0;
	/** Arrival times (epoch ms) of the calls counted by `rateLimit`, oldest first. */
	rateArrivals: number[] = [];

	private server?: Server;

	constructor(options: FakeOptions = {}) {
		super(options.now ?? (() => Date.now()));
		this.privateKey = options.privateKey ?? 'test-private-key-0123456789';
		this.publicKey = options.publicKey ?? 'test-public-key-9876543210';
		this.workspaceId = options.workspaceId ?? 7;
	}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('FakeDastra is not started');
		return `http://127.0.0.1:${address.port}`;
	}

	/** The credential data a node needs to reach this fake. */
	credentials(overrides: Json = {}): Json {
		return {
			privateKey: this.privateKey,
			publicKey: this.publicKey,
			workspaceId: this.workspaceId,
			baseUrl: this.baseUrl,
			...overrides,
		};
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
		this.faults = [];
	}

	/** Every switch a test flips back to how a fresh fake answers (the data and the log are reset()'s and clear()'s). */
	defaults(): void {
		this.honoursRules = true;
		this.honoursSort = true;
		this.afterListPage = undefined;
		this.afterTaskListPage = undefined;
		this.pageCap = undefined;
		this.dateHeader = 'real';
		this.htmlListings = false;
		this.stepsShape = 'array';
		this.patchRefusal = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://fake');
		const query: Record<string, string | string[]> = {};
		for (const [key, value] of url.searchParams) {
			const prev = query[key];
			query[key] = prev === undefined ? value : ([] as string[]).concat(prev, value);
		}
		const raw = await readBody(req);
		const type = String(req.headers['content-type'] ?? '');
		let body: unknown = raw.length ? raw : undefined;
		if (raw.length && type.includes('json')) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				return send(res, 400, { message: 'The request body is not valid JSON' });
			}
		}
		// Dastra's clock, as its answers carry it: the trigger reads time from here, not from n8n.
		if (this.dateHeader === 'missing') res.removeHeader('date');
		else if (this.dateHeader === 'garbage') res.setHeader('date', 'not a date');
		else res.setHeader('date', new Date(this.now() + (this.dateHeader === 'real' ? 0 : this.dateHeader)).toUTCString());
		// Node adds a Date header itself unless told not to.
		res.sendDate = false;
		const entry: LoggedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query,
			body,
			headers: {
				'x-api-key': req.headers['x-api-key'] as string | undefined,
				authorization: req.headers.authorization,
				'content-type': req.headers['content-type'],
			},
		};
		this.log.push(entry);
		if (entry.method !== 'GET') this.listingCache = undefined;
		if (!url.pathname.startsWith('/__fake/')) {
			this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
			res.once('close', () => this.inFlight--);
			const limited = this.overRateLimit();
			if (limited) return send(res, 429, { message: 'Too many requests' }, { 'retry-after': String(limited) });
			if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
		}

		const fault = this.faults.find((f) => (f.times ?? 1) > 0 && (!f.match || f.match(entry)));
		if (fault) {
			fault.times = (fault.times ?? 1) - 1;
			if (fault.destroy) {
				req.socket.destroy();
				return;
			}
			if (fault.hang) return;
			if (fault.trickle) {
				res.writeHead(fault.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
				res.write('{');
				const timer = setInterval(() => res.write(' '), fault.trickle);
				res.on('close', () => clearInterval(timer));
				return;
			}
			if (fault.lost) {
				this.route(entry);
				req.socket.destroy();
				return;
			}
			if (fault.redirectTo) {
				return send(res, fault.status ?? 302, undefined, { location: fault.redirectTo, ...fault.headers });
			}
			if (fault.echoKeys) {
				const key = String(req.headers['x-api-key'] ?? '');
				const auth = String(req.headers.authorization ?? '');
				// A server that knows the whole key pair and repeats it, as an ASP.NET error page may.
				const said = `Request rejected. X-API-Key: ${key}; Authorization: ${auth}; pair ${this.privateKey}/${this.publicKey}`;
				return send(
					res,
					fault.status ?? 500,
					fault.body ?? { message: said, title: said, errors: { key: [key], auth: [auth] }, headers: { 'X-API-Key': key, Authorization: auth } },
					{ 'x-api-key': key, 'x-echo-authorization': auth, ...fault.headers },
				);
			}
			return send(res, fault.status ?? 500, fault.body ?? { message: 'Injected fault' }, fault.headers);
		}

		try {
			const started = performance.now();
			const [status, answer, headers] = this.route(entry);
			send(res, status, answer, headers);
			entry.ms = performance.now() - started;
		} catch (error) {
			send(res, 500, { message: `Fake Dastra crashed: ${(error as Error).message}` });
		}
	}

	/** Seconds until a slot frees when this call is over the rate limit (it is then not counted), else 0. */
	private overRateLimit(): number {
		if (!this.rateLimit) return 0;
		const { calls, windowMs } = this.rateLimit;
		const now = Date.now();
		while (this.rateArrivals.length && this.rateArrivals[0] <= now - windowMs) this.rateArrivals.shift();
		if (this.rateArrivals.length < calls) {
			this.rateArrivals.push(now);
			return 0;
		}
		this.rateLimited++;
		return Math.max(1, Math.ceil((this.rateArrivals[0] + windowMs - now) / 1000));
	}

	/** Routes a logged request: control and public routes, then the key, then root and workspace routes. */
	private route(r: LoggedRequest): Answer {
		const { method, path } = r;
		if (path.startsWith('/__fake/')) {
			return this.dispatch('control', r, path) ?? [404, { message: `No control route ${method} ${path}` }];
		}
		// Dastra's OpenAPI document is the contract: undocumented calls are 404, bad input 400.
		if (this.validatesContract) {
			const refused = contract().check(r);
			if (refused) return refused;
		}
		const open = this.dispatch('public', r, path);
		if (open) return open;

		if (r.headers['x-api-key'] !== this.privateKey && !this.oauth?.accepts(r.headers.authorization)) {
			return [401, { message: 'Invalid or missing API key' }];
		}
		const root = this.dispatch('root', r, path);
		if (root) return root;

		const ws = /^\/v1\/ws\/(\d+)(\/.*)$/.exec(path);
		if (!ws) return noRoute(r);
		if (Number(ws[1]) !== this.workspaceId) {
			return [403, { message: 'The key has no access to this workspace' }];
		}
		return this.dispatch('workspace', r, ws[2]) ?? noRoute(r);
	}

	/** The answer of the first route of `scope` matching the method and `path`, if any. */
	private dispatch(scope: Route['scope'], r: LoggedRequest, path: string): Answer | undefined {
		// Exact-method routes first, then '*' routes (which answer for a path whatever the method).
		for (const wildcard of [false, true]) {
			for (const route of ROUTES) {
				if (route.scope !== scope || route.method !== (wildcard ? '*' : r.method)) continue;
				const match = route.path.exec(path);
				if (match) return route.handle(this, r, match);
			}
		}
		return undefined;
	}
}
