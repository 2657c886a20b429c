/**
 * Dastra's outgoing webhooks (openapi-2022.json, `/v1/WebHookUrls*`): list, create (with a fresh
 * signatureKey), get, update, delete, all at the API root; and control routes that deliver an
 * event the way Dastra does: a WebhookPayload, signed with `Dastra-Signature` =
 * base64(HMAC-SHA256(raw body, signatureKey)), POSTed to every registered, unblocked URL
 * subscribed to it. Like Dastra, a delivery not answered 200 counts as an error and more than 5
 * block the webhook (`inError`). The state lives beside the fake, not in the shared store.
 */
import { createHmac, randomUUID } from 'node:crypto';

import { dastraDate, type Json } from '../data';
import { viewTask } from '../tasks';
import type { FakeDastra, LoggedRequest } from '../server';
import type { Answer, Route } from './route';

// Dastra's NotificationChannel enum, copied from openapi-2022.json on purpose (the fake states
// the contract on its own).
export const NOTIFICATION_CHANNELS = [
	'ProcessingCreation', 'ProcessingModification', 'ProcessingStateChange', 'DataSubjectCreation',
	'DataSubjectUpdate', 'DataSubjectStateChange', 'DataBreachCreation', 'DataBreachModification',
	'TaskCreation', 'TaskEdit', 'CookieWidget', 'TaskChangeState', 'CommentNew', 'ProcessingArchived',
	'DataSubjectArchived', 'DataBreachArchived', 'DataBreachChangeState', 'ProcessingAddRelation',
	'ProcessingRemoveRelation', 'UserSession', 'UserInvited', 'UserRevoked', 'PermissionChange',
	'WorkspaceDeleted', 'OwnerAdded', 'OwnerDeleted', 'UserLogin', 'DataSubjectWidgetCreation',
	'DataSubjectMessage', 'UserDeleted', 'ProcessingDeleted', 'DataSubjectIdentityValidated',
	'UserMaxLoginAttempts', 'TaskMention', 'CommentMention', 'AuditResponseRefused',
	'AuditResponseValidated', 'AuditResponseUpdated', 'AuditResponseFinalized',
	'AuditResponseActionPlanGenerated', 'AuditResponsePlanified', 'AuditResponseInvitation',
	'AuditAnnotationAdded', 'AuditAnnotationChangeState', 'ReportingNewsletter',
	'PushNotificationOptinMessage', 'TaskAssigned', 'AuditTemplateUpdated', 'AuditTemplateCreated',
	'AddGenericRelation', 'RemoveGenericRelation', 'TicketStatusChanged', 'RiskEvaluationCreated',
	'RiskEvaluationUpdated', 'RiskEvaluationSwitchState', 'ControlPointCreated', 'ControlPointUpdated',
	'AuditAnnotationMentioned', 'ProcessingPublished', 'ReplicationJobSuccess', 'ReplicationJobFailed',
	'ProcessingDraft', 'ContributionAccepted', 'ContributionRejected', 'DataSubjectRequestProcessed',
	'DataSubjectMessageAssigned', 'ProcessingInvitation', 'ProcessingExpired', 'AuditResponseExpired',
	'DataBreachExpired', 'TaskArchived',
];

/** Dastra blocks a webhook after more than this many failed deliveries. */
export const MAX_ERRORS = 5;

/** A WebHookUrlDto as the fake stores it (without the nested workSpace). */
export interface FakeWebhook {
	id: number;
	url: string;
	workSpaceId: number | null;
	subscribedEvents: string[] | null;
	signatureKey: string;
	errorMessage: string | null;
	nbErrors: number;
	dateLastError: string | null;
	inError: boolean;
}

export interface Delivery {
	webhookId: number;
	url: string;
	/** n8n's answer status, or 0 when it could not be reached. */
	status: number;
	/** The exact bytes sent and the header, for tests that re-check them. */
	body: string;
	signature: string | undefined;
}

/** How to spoil a delivery: a wrong signature, a body changed after signing, or no header. */
export type Tamper = 'signature' | 'body' | 'missing';

interface State {
	nextId: number;
	hooks: Map<number, FakeWebhook>;
	runs: Map<number, { done: boolean; deliveries: Delivery[] }>;
	nextRun: number;
	/** Tests: what POST answers for the webhook it created (default: the webhook as stored). */
	createAnswer?: (hook: FakeWebhook) => Json;
}

const states = new WeakMap<FakeDastra, State>();

/** The fake's webhooks (created on first use). */
export function webhookState(fake: FakeDastra): State {
	let state = states.get(fake);
	if (!state) {
		state = { nextId: 500, hooks: new Map(), runs: new Map(), nextRun: 1 };
		states.set(fake, state);
	}
	return state;
}

export function webhooks(fake: FakeDastra): FakeWebhook[] {
	return [...webhookState(fake).hooks.values()];
}

export const signBody = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64');

/** Registers a webhook directly, as a Dastra user would in the app (tests' set-up). */
export function addWebhook(fake: FakeDastra, fields: Partial<FakeWebhook> & { url: string }): FakeWebhook {
	const state = webhookState(fake);
	const hook: FakeWebhook = {
		id: state.nextId++,
		workSpaceId: fake.workspaceId,
		subscribedEvents: [],
		signatureKey: randomUUID(),
		errorMessage: null,
		nbErrors: 0,
		dateLastError: null,
		inError: false,
		...fields,
	};
	state.hooks.set(hook.id, hook);
	return hook;
}

const CREATION_KEYS = ['id', 'url', 'workSpaceId', 'subscribedEvents'];

/** WebHookUrlCreationDto: `url` required, no other keys, known events, this workspace. */
function checkCreation(fake: FakeDastra, body: unknown): Answer | Json {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return [400, { message: 'A JSON object is required' }];
	const b = body as Json;
	const unknown = Object.keys(b).filter((k) => !CREATION_KEYS.includes(k));
	if (unknown.length) return [400, { message: `Unknown properties: ${unknown.join(', ')}` }];
	if (typeof b.url !== 'string' || !/^https?:\/\/\S+$/.test(b.url)) {
		return [400, { errors: { url: ['The url field is required and must be an absolute http(s) URL.'] } }];
	}
	if (b.workSpaceId !== undefined && b.workSpaceId !== null && !Number.isInteger(b.workSpaceId)) {
		return [400, { errors: { workSpaceId: ['workSpaceId must be an integer.'] } }];
	}
	if (b.workSpaceId !== undefined && b.workSpaceId !== null && b.workSpaceId !== fake.workspaceId) {
		return [403, { message: 'The key has no access to this workspace' }];
	}
	const events = b.subscribedEvents;
	if (events !== undefined && events !== null) {
		if (!Array.isArray(events)) return [400, { errors: { subscribedEvents: ['Must be an array.'] } }];
		const bad = events.filter((e) => !NOTIFICATION_CHANNELS.includes(e as string));
		if (bad.length) return [400, { errors: { subscribedEvents: [`Unknown NotificationChannel: ${bad.join(', ')}`] } }];
	}
	return b;
}

const isAnswer = (v: Answer | Json): v is Answer => Array.isArray(v);

function find(fake: FakeDastra, id: string): FakeWebhook | undefined {
	return webhookState(fake).hooks.get(Number(id));
}

/**
 * The WebhookPayload Dastra would send for `eventType` about `data`, dated `at` (the fake's clock
 * by default; earlier for a delivery Dastra sends late). Its `date` is written as Dastra writes
 * its dates: UTC without an offset ("2023-09-18T10:31:30.6882299").
 */
export function payloadFor(fake: FakeDastra, hook: FakeWebhook, eventType: string, data: unknown, at = fake.now()): Json {
	return {
		webhookId: hook.id,
		signatureUrl: null,
		userId: 301,
		date: dastraDate(at),
		eventType,
		eventName: eventType.replace(/([a-z])([A-Z])/g, '$1 $2'),
		data: data ?? null,
	};
}

/**
 * Delivers `eventType` (with `data`) to every registered, unblocked webhook of the workspace
 * subscribed to it, signed (or spoiled as `tamper` says); waits for every answer. `at` dates the
 * payload (a late delivery: Dastra's backlog).
 */
export async function deliver(
	fake: FakeDastra,
	eventType: string,
	data: unknown,
	tamper?: Tamper,
	{ at }: { at?: number } = {},
): Promise<Delivery[]> {
	const targets = webhooks(fake).filter((h) => !h.inError && (h.subscribedEvents ?? []).includes(eventType));
	return await Promise.all(
		targets.map(async (hook) => {
			const signed = JSON.stringify(payloadFor(fake, hook, eventType, data, at));
			let body = signed;
			let signature: string | undefined = signBody(signed, hook.signatureKey);
			if (tamper === 'signature') signature = signBody(signed, randomUUID());
			if (tamper === 'missing') signature = undefined;
			if (tamper === 'body') body = signed.replace(`"webhookId":${hook.id}`, `"webhookId":${hook.id},"userId":666`);
			let status = 0;
			try {
				const res = await fetch(hook.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...(signature ? { 'Dastra-Signature': signature } : {}) },
					body,
					signal: AbortSignal.timeout(10_000),
				});
				status = res.status;
				await res.arrayBuffer();
			} catch {
				status = 0;
			}
			if (status !== 200) {
				hook.nbErrors++;
				hook.errorMessage = status ? `Answered ${status}` : 'Unreachable';
				hook.dateLastError = new Date(fake.now()).toISOString();
				if (hook.nbErrors > MAX_ERRORS) hook.inError = true;
			}
			return { webhookId: hook.id, url: hook.url, status, body, signature };
		}),
	);
}

const bodyOf = (r: LoggedRequest) => (r.body ?? {}) as Json;

export const webhookRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/v1\/WebHookUrls$/,
		scope: 'root',
		handle(fake, r) {
			const ws = r.query.workspaceId;
			if (ws !== undefined && Number(ws) !== fake.workspaceId) {
				return [403, { message: 'The key has no access to this workspace' }];
			}
			return [200, webhooks(fake)];
		},
	},
	{
		method: 'POST',
		path: /^\/v1\/WebHookUrls$/,
		scope: 'root',
		handle(fake, r) {
			const b = checkCreation(fake, r.body);
			if (isAnswer(b)) return b;
			const hook = addWebhook(fake, {
				url: b.url as string,
				workSpaceId: (b.workSpaceId as number | undefined) ?? null,
				subscribedEvents: (b.subscribedEvents as string[] | undefined) ?? null,
			});
			const shape = webhookState(fake).createAnswer;
			return [200, shape ? shape(hook) : hook];
		},
	},
	{
		method: 'GET',
		path: /^\/v1\/WebHookUrls\/(\d+)$/,
		scope: 'root',
		handle(fake, _r, m) {
			const hook = find(fake, m[1]);
			return hook ? [200, hook] : [404, { message: `Webhook ${m[1]} not found` }];
		},
	},
	{
		method: 'PUT',
		path: /^\/v1\/WebHookUrls\/(\d+)$/,
		scope: 'root',
		handle(fake, r, m) {
			const hook = find(fake, m[1]);
			if (!hook) return [404, { message: `Webhook ${m[1]} not found` }];
			const b = checkCreation(fake, r.body);
			if (isAnswer(b)) return b;
			hook.url = b.url as string;
			hook.workSpaceId = (b.workSpaceId as number | undefined) ?? null;
			hook.subscribedEvents = (b.subscribedEvents as string[] | undefined) ?? null;
			return [200, undefined];
		},
	},
	{
		method: 'DELETE',
		path: /^\/v1\/WebHookUrls\/(\d+)$/,
		scope: 'root',
		handle(fake, _r, m) {
			if (!webhookState(fake).hooks.delete(Number(m[1]))) return [404, { message: `Webhook ${m[1]} not found` }];
			return [200, undefined];
		},
	},
	// ---- control (/__fake/*): for a fake in another process ------------------------------
	{
		// {eventType, data, tamper?, at?}: starts the deliveries; their outcome at GET .../deliveries/{run}.
		// {eventType, taskId}: a task event whose data is the stored task, as Dastra sends it.
		method: 'POST',
		path: /^\/__fake\/webhooks\/deliver$/,
		scope: 'control',
		handle(fake, r) {
			const b = bodyOf(r);
			const state = webhookState(fake);
			const run = state.nextRun++;
			const entry = { done: false, deliveries: [] as Delivery[] };
			state.runs.set(run, entry);
			const at = typeof b.at === 'number' ? { at: b.at } : {};
			const task = b.taskId === undefined ? undefined : fake.tasks.get(Number(b.taskId));
			const data = task ? viewTask(fake, task) : b.data;
			void deliver(fake, String(b.eventType), data, b.tamper as Tamper | undefined, at).then((d) => {
				entry.deliveries = d;
				entry.done = true;
			});
			return [202, { run }];
		},
	},
	{
		method: 'GET',
		path: /^\/__fake\/webhooks\/deliveries\/(\d+)$/,
		scope: 'control',
		handle(fake, _r, m) {
			const entry = webhookState(fake).runs.get(Number(m[1]));
			return entry ? [200, entry] : [404, { message: 'no such delivery run' }];
		},
	},
	{
		// Block or unblock a webhook as Dastra does after too many failures: {inError, nbErrors}.
		method: 'PATCH',
		path: /^\/__fake\/webhooks\/(\d+)$/,
		scope: 'control',
		handle(fake, r, m) {
			const hook = find(fake, m[1]);
			if (!hook) return [404, { message: 'no such webhook' }];
			Object.assign(hook, bodyOf(r));
			return [200, hook];
		},
	},
	{ method: 'GET', path: /^\/__fake\/webhooks$/, scope: 'control', handle: (fake) => [200, webhooks(fake)] },
];

/** Forgets every webhook and delivery run (between tests). */
export function clearWebhooks(fake: FakeDastra): void {
	states.delete(fake);
}
