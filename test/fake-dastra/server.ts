/**
 * A local, strict fake of the Dastra API (see shared/dastra-api/README.md): real HTTP on
 * 127.0.0.1, the key and workspace checked on every call, required fields enforced, PUT
 * replacing the whole request, 1-based pages capped at 500, list filters applied, and
 * faults (429 with Retry-After, 5xx, dropped connections) injectable. Every request is logged
 * so tests can assert exactly what the node sent.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	CLOSED_REASONS,
	PERSON_CATEGORIES,
	PURPOSES,
	STATES,
	WRITABLE,
	dastraDate,
	defaultEntities,
	defaultSteps,
	defaultTags,
	defaultUsers,
	defaultWidgets,
	parseDate,
	type Entity,
	type Json,
	type Step,
	type Tag,
	type User,
	type Widget,
} from './data';

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

const MAX_SIZE = 500;
const DAY = 86_400_000;

export class FakeDastra {
	readonly privateKey: string;
	readonly publicKey: string;
	readonly workspaceId: number;
	now: () => number;

	dsrs = new Map<number, Json>();
	entities: Entity[] = defaultEntities();
	steps: Step[] = defaultSteps();
	tags: Tag[] = defaultTags();
	users: User[] = defaultUsers();
	widgets: Widget[] = defaultWidgets();
	log: LoggedRequest[] = [];
	/** Files by ID: the DTO Dastra returns, plus the bytes and MIME type it stores. */
	attachments = new Map<string, { dto: Json; bytes: Buffer; mimeType: string }>();
	messages = new Map<string, Json>();
	/** What workflows under test posted to /__fake/events (e.g. the trigger's items, forwarded). */
	events: unknown[] = [];
	faults: Fault[] = [];
	/** Whether list calls honour `filters` rules / `sortBy`; false mimics a Dastra that ignores them. */
	honoursRules = true;
	honoursSort = true;
	/** GET /Workflows/DataSubject's answer shape is undocumented: the fake can give each candidate. */
	stepsShape: 'array' | 'items' | 'steps' = 'array';

	private nextId = 1000;
	private server?: Server;

	constructor(options: FakeOptions = {}) {
		this.privateKey = options.privateKey ?? 'test-private-key-0123456789';
		this.publicKey = options.publicKey ?? 'test-public-key-9876543210';
		this.workspaceId = options.workspaceId ?? 7;
		this.now = options.now ?? (() => Date.now());
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
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	reset(): void {
		this.log = [];
		this.faults = [];
	}

	/** Empties the workspace's requests; IDs start again at 1000. */
	clear(): void {
		this.dsrs.clear();
		this.attachments.clear();
		this.messages.clear();
		this.nextId = 1000;
	}

	/** Calls logged, without the credential test or faults' noise: what the node asked for. */
	calls(filter?: (r: LoggedRequest) => boolean): LoggedRequest[] {
		return filter ? this.log.filter(filter) : this.log;
	}

	// ---- seeding -------------------------------------------------------------------------

	/** Adds a request as Dastra would store it; `at` is its creation time (default: now). */
	seed(fields: Json = {}, at = this.now()): Json {
		const id = typeof fields.id === 'number' ? fields.id : this.nextId++;
		this.nextId = Math.max(this.nextId, id + 1);
		const step = this.steps.find((s) => s.id === fields.workFlowStepId) ?? this.steps[0];
		const dsr: Json = {
			id,
			title: `Request ${id}`,
			locale: 'en',
			archived: false,
			archivedDate: null,
			personCategory: null,
			complex: false,
			dateClosed: null,
			areaId: this.entities[0].id,
			state: step.mappedState,
			description: null,
			message: null,
			resolutionMessage: null,
			email: `person${id}@example.org`,
			phoneNumber: null,
			givenName: null,
			familyName: null,
			dateDemand: dastraDate(at),
			dateCreation: dastraDate(at),
			dateUpdate: null,
			workFlowStepId: step.id,
			channel: 'Internal',
			refId: null,
			userId: null,
			demandId: '',
			operatorId: null,
			purposes: ['Access'],
			closedReason: 'None',
			closedReasonDescription: null,
			address: null,
			zipCode: null,
			city: null,
			countryCode: null,
			nbMessages: 0,
			customFields: {},
			additionalDatas: {},
			tags: [],
			widgetId: 0,
			identityValidated: false,
			...fields,
		};
		dsr.id = id;
		this.dsrs.set(id, dsr);
		return this.view(dsr);
	}

	/** Changes a stored request as a Dastra user would, moving dateUpdate to `at`. */
	touch(id: number, changes: Json, at = this.now()): Json {
		const dsr = this.dsrs.get(id);
		if (!dsr) throw new Error(`no request ${id}`);
		Object.assign(dsr, changes);
		if ('workFlowStepId' in changes) {
			const step = this.steps.find((s) => s.id === changes.workFlowStepId);
			if (step) dsr.state = step.mappedState;
		}
		dsr.dateUpdate = dastraDate(at);
		return this.view(dsr);
	}

	/** The request as the API returns it: nested objects and computed fields filled in. */
	view(dsr: Json): Json {
		const created = parseDate(dsr.dateCreation);
		const months = dsr.complex ? 3 : 1;
		const expiry = new Date(created);
		expiry.setUTCMonth(expiry.getUTCMonth() + months);
		const expiryMs = typeof dsr.expiryTime === 'string' ? parseDate(dsr.expiryTime) : expiry.getTime();
		const step = this.steps.find((s) => s.id === dsr.workFlowStepId) ?? null;
		const area = this.entities.find((e) => e.id === dsr.areaId) ?? null;
		const operator = this.users.find((u) => u.id === dsr.operatorId) ?? null;
		const tags = ((dsr.tags as Json[]) ?? []).map(
			(t) => this.tags.find((tag) => tag.id === t.id) ?? { id: t.id, label: null },
		);
		return {
			...dsr,
			area,
			workFlowStep: step,
			operator,
			tags,
			expiryTime: dastraDate(expiryMs),
			remainingDays: Math.ceil((expiryMs - this.now()) / DAY),
		};
	}

	// ---- HTTP ------------------------------------------------------------------------------

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
		res.setHeader('date', new Date(this.now()).toUTCString());
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

		const fault = this.faults.find((f) => (f.times ?? 1) > 0 && (!f.match || f.match(entry)));
		if (fault) {
			fault.times = (fault.times ?? 1) - 1;
			if (fault.destroy) {
				req.socket.destroy();
				return;
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

	private route(r: LoggedRequest): [number, unknown, Record<string, string>?] {
		const { method, path } = r;
		if (path.startsWith('/__fake/')) return this.control(r);

		const widget = /^\/v1\/client\/save-request\/(\d+)$/.exec(path);
		if (widget && method === 'POST') return this.saveWidgetRequest(Number(widget[1]), r);

		if (r.headers['x-api-key'] !== this.privateKey) {
			return [401, { message: 'Invalid or missing API key' }];
		}
		if (path === '/me' && method === 'GET') {
			return [200, { id: 301, email: 'alice@moulinsart.example', displayName: 'Alice Martin' }];
		}
		if (path === '/v1/TenantUsers' && method === 'GET') {
			if (Number(r.query.workspaceId) !== this.workspaceId) {
				return [403, { message: 'The key has no access to this workspace' }];
			}
			return this.paged(r, this.users as unknown as Json[]);
		}

		const ws = /^\/v1\/ws\/(\d+)(\/.*)$/.exec(path);
		if (!ws) return [404, { message: `No route ${method} ${path}` }];
		if (Number(ws[1]) !== this.workspaceId) {
			return [403, { message: 'The key has no access to this workspace' }];
		}
		const sub = ws[2];
		let m: RegExpExecArray | null;

		if (sub === '/DataSubjectRequests' && method === 'GET') return this.list(r);
		if (sub === '/DataSubjectRequests' && method === 'POST') return this.create(r.body);
		if (sub === '/DataSubjectRequests/workflow' && method === 'POST') return this.changeStep(r.body);
		if ((m = /^\/DataSubjectRequests\/(archive|restore)\/(\d+)$/.exec(sub)) && method === 'POST') {
			const dsr = this.dsrs.get(Number(m[2]));
			if (!dsr) return [404, { message: 'Data subject request not found' }];
			dsr.archived = m[1] === 'archive';
			dsr.archivedDate = m[1] === 'archive' ? dastraDate(this.now()) : null;
			dsr.dateUpdate = dastraDate(this.now());
			return [200, ''];
		}
		if ((m = /^\/DataSubjectRequests\/(\d+)$/.exec(sub))) {
			const id = Number(m[1]);
			const dsr = this.dsrs.get(id);
			if (!dsr) return [404, { message: 'Data subject request not found' }];
			if (method === 'GET') return [200, this.view(dsr)];
			if (method === 'PUT') return this.replace(id, r.body);
			if (method === 'DELETE') {
				this.dsrs.delete(id);
				return [204, undefined];
			}
		}
		if (sub === '/DataSubjectMessages' && method === 'GET') return this.listMessages(r);
		if (sub === '/DataSubjectMessages' && method === 'POST') return this.createMessage(r.body);
		if ((m = /^\/DataSubjectMessages\/([0-9a-f-]{36})$/.exec(sub))) {
			const message = this.messages.get(m[1]);
			if (!message) return [404, { message: 'Message not found' }];
			if (method === 'GET') return [200, message];
			if (method === 'DELETE') {
				this.messages.delete(m[1]);
				return [200, ''];
			}
		}
		if ((m = /^\/DataSubjectAttachments\/(\d+)$/.exec(sub)) && method === 'POST') {
			return this.upload(Number(m[1]), r);
		}
		if ((m = /^\/DataSubjectAttachments\/(\d+)\/download\/([0-9a-f-]{36})$/.exec(sub)) && method === 'GET') {
			const file = this.attachments.get(m[2]);
			if (!this.dsrs.has(Number(m[1])) || !file || file.dto.userRequestId !== Number(m[1])) {
				return [404, { message: 'File not found' }];
			}
			const name = String(file.dto.fileName);
			return [
				200,
				file.bytes,
				{
					'content-type': file.mimeType,
					'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
				},
			];
		}
		if ((m = /^\/DataSubjectAttachments\/(\d+)\/([0-9a-f-]{36})$/.exec(sub)) && method === 'DELETE') {
			const file = this.attachments.get(m[2]);
			if (!file || file.dto.userRequestId !== Number(m[1])) return [404, { message: 'File not found' }];
			this.attachments.delete(m[2]);
			return [200, ''];
		}
		if (sub === '/Areas' && method === 'GET') {
			const type = r.query.type;
			return this.paged(
				r,
				this.entities.filter((e) => !type || e.type === type) as unknown as Json[],
			);
		}
		if (sub === '/Tags' && method === 'GET') {
			return [200, this.tags.filter((t) => !r.query.type || t.type === r.query.type)];
		}
		if (sub === '/Workflows/DataSubject' && method === 'GET') {
			if (this.stepsShape === 'items') return [200, { items: this.steps, total: this.steps.length }];
			if (this.stepsShape === 'steps') return [200, { steps: this.steps }];
			return [200, this.steps];
		}

		return [404, { message: `No route ${method} ${path}` }];
	}

	/**
	 * Test-only control routes for a fake running in another process (sandbox, benchmarks, e2e):
	 * read the log, seed or change requests as a Dastra user would, move the fake's clock.
	 */
	private control(r: LoggedRequest): [number, unknown] {
		const b = (r.body ?? {}) as Json;
		let m: RegExpExecArray | null;
		if (r.path === '/__fake/log' && r.method === 'GET') {
			return [200, this.log.filter((e) => !e.path.startsWith('/__fake/'))];
		}
		if (r.path === '/__fake/log' && r.method === 'DELETE') {
			this.log = [];
			return [204, undefined];
		}
		if (r.path === '/__fake/requests' && r.method === 'POST') return [200, this.seed(b)];
		if ((m = /^\/__fake\/requests\/(\d+)$/.exec(r.path)) && r.method === 'PATCH') {
			if (!this.dsrs.has(Number(m[1]))) return [404, { message: 'no such request' }];
			return [200, this.touch(Number(m[1]), b)];
		}
		if (r.path === '/__fake/events' && r.method === 'POST') {
			this.events.push(r.body);
			return [200, { received: true }];
		}
		if (r.path === '/__fake/events' && r.method === 'GET') return [200, this.events];
		if (r.path === '/__fake/faults' && r.method === 'POST') {
			this.faults.push(b as Fault);
			return [204, undefined];
		}
		return [404, { message: `No control route ${r.method} ${r.path}` }];
	}

	private upload(dsrId: number, r: LoggedRequest): [number, unknown] {
		if (!this.dsrs.has(dsrId)) return [404, { message: 'Data subject request not found' }];
		const boundary = /boundary=("?)([^";]+)\1/.exec(String(r.headers['content-type']))?.[2];
		if (!boundary || !Buffer.isBuffer(r.body)) return [400, { message: 'Expected multipart/form-data with a File part' }];
		const part = parseMultipart(r.body, boundary).find((p) => p.name === 'File' && p.fileName !== undefined);
		if (!part) return [400, { errors: { File: ['The File field is required.'] } }];
		const id = randomUUID();
		const dto: Json = {
			id,
			fileName: part.fileName,
			extension: /\.([^.]+)$/.exec(part.fileName!)?.[1] ?? null,
			size: part.data.length,
			nbDownload: 0,
			transmitted: false,
			userRequestId: dsrId,
			userRequestMessageId: null,
			dateCreation: dastraDate(this.now()),
			dateUpdate: null,
		};
		this.attachments.set(id, { dto, bytes: part.data, mimeType: part.contentType ?? 'application/octet-stream' });
		return [200, dto];
	}

	private createMessage(body: unknown): [number, unknown] {
		const b = (body ?? {}) as Json;
		const errors: Record<string, string[]> = {};
		if (typeof b.message !== 'string' || b.message === '') errors.message = ['The Message field is required.'];
		else if (b.message.length > 3000) errors.message = ['The field Message must be a string with a maximum length of 3000.'];
		const dsrId = Number(b.dataSubjectRequestId);
		if (!this.dsrs.has(dsrId)) return [404, { message: 'Data subject request not found' }];
		const attachments = ((b.attachments as Json[] | undefined) ?? []).map((a) => this.attachments.get(String(a.id)));
		if (attachments.some((a) => !a || a.dto.userRequestId !== dsrId)) {
			errors.attachments = ['An attachment does not belong to this request.'];
		}
		if (Object.keys(errors).length) return this.invalid(errors);
		const id = randomUUID();
		const at = dastraDate(this.now());
		const message: Json = {
			id,
			message: b.message,
			dateCreation: at,
			dateSend: at,
			dateUpdate: null,
			dateViewed: null,
			userRequestId: dsrId,
			user: { id: 301, displayName: 'Alice Martin' },
			attachments: attachments.map((a) => ({ ...a!.dto, userRequestMessageId: id })),
		};
		this.messages.set(id, message);
		return [200, message];
	}

	private listMessages(r: LoggedRequest): [number, unknown] {
		const q = r.query;
		const start = q.start ? Date.parse(String(q.start)) : -Infinity;
		const end = q.end ? Date.parse(String(q.end)) : Infinity;
		const items = [...this.messages.values()]
			.filter((m) => !q.dataSubjectRequestId || m.userRequestId === Number(q.dataSubjectRequestId))
			.filter((m) => {
				const at = parseDate(m.dateCreation);
				return at >= start && at <= end;
			})
			.filter((m) => !q.q || String(m.message).toLowerCase().includes(String(q.q).toLowerCase()))
			.sort((a, b) => parseDate(b.dateCreation) - parseDate(a.dateCreation) || String(a.id).localeCompare(String(b.id)));
		return this.paged(r, items);
	}

	private paged(r: LoggedRequest, all: Json[]): [number, unknown] {
		const page = Number(r.query.page ?? 1);
		const size = Math.min(Number(r.query.size ?? 20), MAX_SIZE);
		if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
			return [400, { message: 'page must be 1 or more and size between 1 and 500' }];
		}
		return [200, { items: all.slice((page - 1) * size, page * size), total: all.length, page, size }];
	}

	private list(r: LoggedRequest): [number, unknown] {
		const q = r.query;
		const many = (key: string) => ([] as string[]).concat(q[key] ?? []);
		for (const s of many('states')) if (!STATES.includes(s)) return [400, { message: `Unknown state ${s}` }];
		for (const p of many('purposes')) if (!PURPOSES.includes(p)) return [400, { message: `Unknown purpose ${p}` }];
		const archived = q.archived === 'true';
		let rule: Json | undefined;
		if (q.filters !== undefined) {
			try {
				rule = JSON.parse(String(q.filters));
			} catch {
				return [400, { message: 'filters is not valid JSON' }];
			}
		}
		const now = this.now();
		// List filters, read once per call (the benchmarks list 100,000 requests).
		const states = many('states');
		const purposes = many('purposes');
		const numbers = (key: string) => new Set(many(key).map(Number));
		const [workflows, users, ids, tags] = ['workflows', 'users', 'ids', 'tags'].map(numbers);
		const text = q.q ? String(q.q).toLowerCase() : undefined;
		let items = [...this.dsrs.values()].filter((d) => {
			if (Boolean(d.archived) !== archived) return false;
			if (q.overtaking === 'true' && !(parseDate(this.view(d).expiryTime) < now && d.state !== 'Closed')) return false;
			if (text && !String(d.title).toLowerCase().includes(text)) return false;
			if (q.widgetId && d.widgetId !== Number(q.widgetId)) return false;
			if (q.areaId && d.areaId !== Number(q.areaId)) return false;
			if (workflows.size && !workflows.has(Number(d.workFlowStepId))) return false;
			if (users.size && !users.has(Number(d.operatorId))) return false;
			if (ids.size && !ids.has(Number(d.id))) return false;
			if (states.length && !states.includes(String(d.state))) return false;
			if (purposes.length && !(d.purposes as string[]).some((p) => purposes.includes(p))) return false;
			if (tags.size && !(d.tags as Json[]).some((t) => tags.has(Number(t.id)))) return false;
			if (rule && this.honoursRules && !matchesRule(d, rule)) return false;
			return true;
		});
		if (q.sortBy && this.honoursSort) {
			const key = findKey(items[0] ?? {}, String(q.sortBy)) ?? String(q.sortBy);
			const asc = q.asc !== 'false';
			items.sort((a, b) => compare(a[key], b[key]) * (asc ? 1 : -1) || (Number(a.id) - Number(b.id)) * (asc ? 1 : -1));
		} else {
			items.sort((a, b) => Number(a.id) - Number(b.id));
		}
		const [status, page] = this.paged(r, items);
		if (status !== 200) return [status, page];
		const p = page as { items: Json[] };
		p.items = p.items.map((d) => this.view(d));
		return [200, p];
	}

	private check(body: unknown): { errors: Record<string, string[]>; dsr: Json } {
		const b = (body && typeof body === 'object' ? body : {}) as Json;
		const errors: Record<string, string[]> = {};
		const fail = (field: string, msg: string) => (errors[field] ??= []).push(msg);
		const len = (field: string, max: number) => {
			if (typeof b[field] === 'string' && (b[field] as string).length > max) {
				fail(field, `The field ${field} must be a string with a maximum length of ${max}.`);
			}
		};
		if (typeof b.title !== 'string' || b.title.trim() === '') fail('title', 'The Title field is required.');
		if (typeof b.locale !== 'string' || b.locale === '') fail('locale', 'The Locale field is required.');
		if (typeof b.areaId !== 'number') fail('areaId', 'The AreaId field is required.');
		else if (!this.entities.some((e) => e.id === b.areaId)) fail('areaId', `Entity ${b.areaId} does not exist.`);
		if (!Array.isArray(b.purposes) || b.purposes.length === 0) fail('purposes', 'The Purposes field is required.');
		else for (const p of b.purposes) if (!PURPOSES.includes(p as string)) fail('purposes', `Unknown purpose ${String(p)}.`);
		len('title', 255);
		len('email', 255);
		len('locale', 10);
		len('countryCode', 2);
		len('message', 3000);
		if (b.personCategory != null && !PERSON_CATEGORIES.includes(b.personCategory as string)) {
			fail('personCategory', 'Unknown person category.');
		}
		if (b.closedReason != null && !CLOSED_REASONS.includes(b.closedReason as string)) {
			fail('closedReason', 'Unknown closed reason.');
		}
		if (b.workFlowStepId != null && !this.steps.some((s) => s.id === b.workFlowStepId)) {
			fail('workFlowStepId', `Step ${String(b.workFlowStepId)} does not exist.`);
		}
		for (const key of ['customFields', 'additionalDatas']) {
			if (b[key] != null && (typeof b[key] !== 'object' || Array.isArray(b[key]))) fail(key, `${key} must be an object.`);
		}
		if (b.tags != null && !Array.isArray(b.tags)) fail('tags', 'tags must be a list.');
		return { errors, dsr: b };
	}

	private invalid(errors: Record<string, string[]>): [number, unknown] {
		return [400, { title: 'One or more validation errors occurred.', status: 400, errors }];
	}

	private create(body: unknown): [number, unknown] {
		const { errors, dsr } = this.check(body);
		if (Object.keys(errors).length) return this.invalid(errors);
		const fields: Json = { channel: 'Internal' };
		for (const key of WRITABLE) fields[key] = dsr[key] === undefined ? emptyValue(key) : dsr[key];
		if (Array.isArray(fields.tags)) fields.tags = (fields.tags as Json[]).map((t) => ({ id: t.id }));
		// A new request starts at the process's initial step unless the body names one.
		fields.workFlowStepId ??= this.steps.find((s) => s.initialStep)?.id ?? null;
		return [200, this.seed(fields)];
	}

	/** PUT replaces the whole request: every writable field the body leaves out is cleared. */
	private replace(id: number, body: unknown): [number, unknown] {
		const { errors, dsr } = this.check(body);
		if (Object.keys(errors).length) return this.invalid(errors);
		const stored = this.dsrs.get(id)!;
		for (const key of WRITABLE) stored[key] = dsr[key] === undefined ? emptyValue(key) : dsr[key];
		stored.tags = ((stored.tags as Json[]) ?? []).map((t) => ({ id: t.id }));
		const step = this.steps.find((s) => s.id === stored.workFlowStepId);
		if (step) stored.state = step.mappedState;
		stored.dateUpdate = dastraDate(this.now());
		return [200, this.view(stored)];
	}

	private changeStep(body: unknown): [number, unknown] {
		const b = (body ?? {}) as Json;
		const dsr = this.dsrs.get(Number(b.id));
		if (!dsr) return [404, { message: 'Data subject request not found' }];
		const step = this.steps.find((s) => s.id === b.stepId);
		if (!step) return [400, { message: `Step ${String(b.stepId)} does not exist` }];
		dsr.workFlowStepId = step.id;
		dsr.state = step.mappedState;
		dsr.dateUpdate = dastraDate(this.now());
		return [200, ''];
	}

	private saveWidgetRequest(widgetId: number, r: LoggedRequest): [number, unknown] {
		if (r.headers.authorization !== `ApiKey ${this.publicKey}`) {
			return [401, { message: 'Invalid public API key' }];
		}
		const widget = this.widgets.find((w) => w.id === widgetId);
		if (!widget) return [404, { message: 'Widget not found' }];
		const b = (r.body ?? {}) as Json;
		const errors: Record<string, string[]> = {};
		if (typeof b.email !== 'string' || !b.email.includes('@')) errors.email = ['A valid email is required.'];
		if (!PURPOSES.includes(b.purpose as string)) errors.purpose = ['A valid purpose is required.'];
		if (typeof b.message === 'string' && /<[a-z/][^>]*>/i.test(b.message)) errors.message = ['HTML is not allowed.'];
		if (Object.keys(errors).length) return this.invalid(errors);
		const dsr = this.seed({
			title: `Request from ${String(b.email)}`,
			email: b.email,
			purposes: [b.purpose],
			message: b.message ?? null,
			refId: b.refId ?? null,
			givenName: b.givenName ?? null,
			familyName: b.familyName ?? null,
			userId: b.userId ?? null,
			additionalDatas: b.additionalDatas ?? {},
			areaId: widget.areaId,
			widgetId,
			channel: 'Widget',
		});
		return [200, { id: dsr.id, state: dsr.state }];
	}
}

/** What Dastra stores for a writable field a body leaves out. */
function emptyValue(key: string): unknown {
	if (key === 'tags') return [];
	if (key === 'customFields' || key === 'additionalDatas') return {};
	if (key === 'complex') return false;
	if (key === 'closedReason') return 'None';
	return null;
}

// Rule fields name request keys case-insensitively; every stored request has the same keys,
// so the lookup is cached (the benchmarks filter 100,000 requests per call).
const keyCache = new Map<string, string>();

function findKey(obj: Json, name: string): string | undefined {
	const lower = name.toLowerCase();
	const cached = keyCache.get(lower);
	if (cached !== undefined && cached in obj) return cached;
	const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
	if (found !== undefined) keyCache.set(lower, found);
	return found;
}

// Parsing dates dominates a 100,000-request listing: remember the strings already parsed.
const parsed = new Map<unknown, number>();
function dateOf(value: unknown): number {
	if (typeof value !== 'string') return NaN;
	let ms = parsed.get(value);
	if (ms === undefined) {
		if (parsed.size > 500_000) parsed.clear();
		ms = parseDate(value);
		parsed.set(value, ms);
	}
	return ms;
}

function compare(a: unknown, b: unknown): number {
	const da = dateOf(a);
	const db = dateOf(b);
	if (!Number.isNaN(da) || !Number.isNaN(db)) {
		return (Number.isNaN(da) ? -Infinity : da) - (Number.isNaN(db) ? -Infinity : db) || 0;
	}
	if (a == null && b == null) return 0;
	if (a == null) return -1;
	if (b == null) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b));
}

/** A JsonRuleEngine.Net rule: {field, operator, value} or {separator, rules}. Field names ignore case. */
export function matchesRule(item: Json, rule: Json): boolean {
	if (Array.isArray(rule.rules)) {
		const results = (rule.rules as Json[]).map((r) => matchesRule(item, r));
		return String(rule.separator ?? 'And').toLowerCase() === 'or' ? results.some(Boolean) : results.every(Boolean);
	}
	const key = findKey(item, String(rule.field)) ?? String(rule.field);
	const actual = item[key];
	const expected = rule.value;
	const c = () => compare(actual, expected);
	switch (rule.operator) {
		case 'equal':
			return actual === expected || (actual != null && String(actual) === String(expected));
		case 'notEqual':
			return !(actual === expected || (actual != null && String(actual) === String(expected)));
		case 'greaterThan':
			return actual != null && c() > 0;
		case 'greaterThanInclusive':
			return actual != null && c() >= 0;
		case 'lessThan':
			return actual != null && c() < 0;
		case 'lessThanInclusive':
			return actual != null && c() <= 0;
		case 'in':
			return Array.isArray(expected) && expected.map(String).includes(String(actual));
		case 'notIn':
			return Array.isArray(expected) && !expected.map(String).includes(String(actual));
		case 'contains':
			return String(actual ?? '').includes(String(expected));
		case 'doesNotContains':
			return !String(actual ?? '').includes(String(expected));
		case 'isNull':
			return actual == null;
		case 'isNotNull':
			return actual != null;
		case 'isEmpty':
			return actual == null || actual === '';
		default:
			throw new Error(`unknown rule operator ${String(rule.operator)}`);
	}
}

/** The parts of a multipart/form-data body: enough of RFC 7578 for one or more file fields. */
export function parseMultipart(body: Buffer, boundary: string) {
	const parts: Array<{ name?: string; fileName?: string; contentType?: string; data: Buffer }> = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let at = body.indexOf(delimiter);
	while (at !== -1) {
		const start = at + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, start);
		if (next === -1) break;
		const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
		parts.push({
			name: /\bname="([^"]*)"/.exec(disposition)?.[1],
			fileName: /\bfilename="([^"]*)"/.exec(disposition)?.[1]?.replace(/%22/g, '"'),
			contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim(),
			data: Buffer.from(part.subarray(split + 4)),
		});
		at = next;
	}
	return parts;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	if (body === undefined || status === 204) {
		res.writeHead(status, headers).end();
		return;
	}
	if (Buffer.isBuffer(body)) {
		res.writeHead(status, { 'content-length': String(body.length), ...headers }).end(body);
		return;
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res
		.writeHead(status, {
			'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...headers,
		})
		.end(text);
}
