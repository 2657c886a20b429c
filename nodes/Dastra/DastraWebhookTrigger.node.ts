import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, dastraCredentials } from './fields/authentication';
import { simplifyOption } from './fields/common';
import { isoOf, toUtcIso } from './helpers/dates';
import { toNodeError } from './helpers/errors';
import { simplifyDsr } from './helpers/simplify';
import { getDsr } from './transport/requests';
import { createWebhook, deleteWebhook, listWebhooks, type WebHookUrl } from './transport/webhooks';
import { DSR_EVENT_OPTIONS, isMessageEvent } from './webhook/events';
import { dataOf, eventFields, parsePayload, requestIdOf, type WebhookPayload } from './webhook/payload';
import { isTaskWebhookEvent, TASK_EVENT_OPTIONS, toTaskItem } from './webhook/taskEvents';
import { judgeAddress, judgeExisting, normaliseUrl, readRegistration, type Registration } from './webhook/registration';
import { isFresh, isValidSignature, SeenSignatures } from './webhook/signature';

/** Deliveries accepted lately in this process, so a replay of the same bytes is refused. */
const seenSignatures = new SeenSignatures();

/** Workflows already warned that they have no signature key (once per process each). */
const warnedNoKey = new Set<string>();

export class DastraWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dastra Webhook Trigger',
		name: 'dastraWebhookTrigger',
		icon: { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow the moment Dastra reports a data subject request or task event',
		defaults: { name: 'Dastra Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: dastraCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			authenticationProperty,
			{
				displayName:
					"Dastra must reach n8n: set WEBHOOK_URL to n8n's public address. Dastra never re-sends a delivery that failed and may deliver 1-2 minutes late; for workflows that must not miss an event, add the polling Dastra Trigger too. Listen for Test Event waits 120 s, so it often ends before Dastra delivers: trigger the event in Dastra right after clicking, and listen again if needed. If Dastra blocked the webhook after repeated failures (n8n's log names it), deactivate and re-activate the workflow: it is then registered afresh.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['DataSubjectCreation'],
				options: [...DSR_EVENT_OPTIONS, ...TASK_EVENT_OPTIONS].map(({ name, value, description }) => ({ name, value, description })),
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Resolve Request',
						name: 'resolveRequest',
						type: 'boolean',
						default: true,
						description:
							'Whether to output the request (or, for a task event, the task) as Dastra holds it now (read by ID) instead of the data the event carried',
					},
					simplifyOption,
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const events = selectedEvents(this);
				// Warned here only: n8n always calls checkExists first, create after it.
				const url = publicWebhookUrl(this, { warn: true });
				const data = this.getWorkflowStaticData('node');
				const list = await call(this, () => listWebhooks.call(this));
				// On activation, this node's webhooks at other addresses (a test URL an interrupted
				// Listen for Test Event left, an old public address) go too; a test listen leaves
				// the production webhook alone.
				const ownPath = this.getActivationMode() === 'manual' ? undefined : ownWebhookPath(this, url);
				const verdict = judgeExisting(list, url, events, readRegistration(data), ownPath);
				if (verdict.reuse) return true;
				if (verdict.blocked) {
					this.logger.warn(
						`Dastra had blocked the webhook ${url} after repeated delivery failures; it is registered afresh. Events sent while it was blocked are not replayed: the polling Dastra Trigger catches them.`,
					);
				}
				// A webhook at this URL whose key n8n does not know (or with other events, or blocked)
				// cannot be used: remove it, so Dastra does not deliver twice.
				for (const stale of verdict.stale) await call(this, () => deleteWebhook.call(this, stale.id));
				saveRegistration(data, {});
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const events = selectedEvents(this);
				const url = publicWebhookUrl(this);
				const created = await call(this, () => createWebhook.call(this, url, events)).catch(async (error: unknown) => {
					// The answer may be lost after Dastra registered it: remove what now sits at this
					// URL (checkExists has just cleared it), so a failed activation leaves nothing behind.
					await removeLeftAt(this, url);
					throw error;
				});
				if (typeof created?.id !== 'number' || typeof created.signatureKey !== 'string' || !created.signatureKey) {
					// Registered but unusable: without its key every delivery would be refused. Removed
					// at once, so it does not stay behind (a failure is logged; the error below still says why).
					if (typeof created?.id === 'number') await removeWebhook(this, created.id);
					throw new NodeOperationError(this.getNode(), 'Dastra registered the webhook without an ID or signature key', {
						description: 'Without the signature key n8n cannot check deliveries. Try activating again; if it persists, contact Dastra.',
					});
				}
				saveRegistration(this.getWorkflowStaticData('node'), { webhookId: created.id, signatureKey: created.signatureKey });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				const { webhookId } = readRegistration(data);
				if (webhookId === undefined) return true;
				// Not removed (other than already gone): keep the ID for the next try; the reason is logged.
				if (!(await removeWebhook(this, webhookId))) return false;
				saveRegistration(data, {});
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const data = readRegistration(this.getWorkflowStaticData('node'));

		// Checked before anything else: the signature of the exact bytes Dastra sent. No header, or
		// bytes n8n could not keep (a multipart body its form parser consumed): refused, never an error
		// (an error would still start an execution). Only this gets a 401.
		const signature = this.getHeaderData()['dastra-signature'];
		const raw = typeof signature === 'string' && signature !== '' ? await rawBodyOf(req) : undefined;
		if (data.signatureKey === undefined) warnNoKey(this, raw && parsePayload(raw)?.webhookId);
		if (!raw || !isValidSignature(raw, signature, data.signatureKey)) {
			answer(res, 401, { message: 'Invalid or missing Dastra-Signature' });
			return { noWebhookResponse: true };
		}
		// Dastra's own bytes from here: always a 200. Dastra waits 10 s at most, counts any other
		// answer as an error, blocks the webhook after more than 5, and never re-sends a delivery.
		// It gets its 200 now, whatever the reading of the request and the workflow do next.
		answer(res, 200, { received: true });
		const now = Date.now();
		const payload = parsePayload(raw);
		if (!payload) {
			ignored(this, undefined, 'the signed body is not a Dastra webhook payload (JSON with webhookId and eventType)');
			return { noWebhookResponse: true };
		}
		if (data.webhookId !== undefined && payload.webhookId !== data.webhookId) {
			ignored(this, payload, `it is signed for webhook ${payload.webhookId}, and this trigger is registered as webhook ${data.webhookId}`);
			return { noWebhookResponse: true };
		}
		// Signed bytes stay valid forever: the same bytes again (same signature) are a replay.
		const firstAt = seenSignatures.acceptedAt(signature as string, now);
		if (firstAt !== undefined) {
			ignored(this, payload, `the same signed delivery was already accepted at ${isoOf(firstAt)} (a replay)`);
			return { noWebhookResponse: true };
		}
		seenSignatures.add(signature as string, now);

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(payload.eventType)) return { noWebhookResponse: true };

		// Dated outside the window (Dastra's backlog, or bytes replayed after n8n restarted): it
		// still runs, once, marked late.
		const item = await toItem(this, payload, !isFresh(payload.date, now));
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}

/**
 * One item per event, whatever happens after Dastra got its 200: the request as Dastra holds it
 * now (`resolved: true`), or else the payload's data (`resolved: false`), with `requestDeleted`
 * when Dastra no longer has it, or `resolveError` when reading it failed. Dastra never re-sends,
 * so an error here must not lose the event. Simplify shapes a request the same way on every path.
 */
async function toItem(ctx: IWebhookFunctions, payload: WebhookPayload, late: boolean): Promise<INodeExecutionData> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const resolve = options.resolveRequest !== false;
	// A task event's data is a task: read as a task, never simplified as a request.
	if (isTaskWebhookEvent(payload.eventType)) return await toTaskItem(ctx, payload, resolve, late);
	const simplify = options.simplify !== false;
	const shape = (dsr: IDataObject) => (simplify ? simplifyDsr(dsr) : dsr);
	// A message event's data is the message, not a request: it goes as sent.
	const sent = () => (isMessageEvent(payload.eventType) ? dataOf(payload) : shape(dataOf(payload)));
	const fields = eventFields(payload, late);
	const id = resolve ? requestIdOf(payload) : undefined;
	if (id === undefined) return { json: { ...sent(), resolved: false, ...fields } };
	try {
		const dsr = await getDsr.call(ctx, id);
		return { json: { ...shape(dsr), resolved: true, ...fields } };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			return { json: { ...sent(), resolved: false, requestDeleted: true, ...fields } };
		}
		const { message, httpCode } = toNodeError(ctx.getNode(), error) as { message: string; httpCode?: string | null };
		return { json: { ...sent(), resolved: false, resolveError: { message, httpCode: httpCode ?? null }, ...fields } };
	}
}

/**
 * A delivery Dastra signed that starts nothing, said in n8n's log with what it was about: Dastra
 * got its 200 (so it does not count it as an error), and the reason is here.
 */
function ignored(ctx: IWebhookFunctions, payload: WebhookPayload | undefined, why: string) {
	const eventType = payload?.eventType ?? '(unknown)';
	const webhookId = payload?.webhookId ?? '(unknown)';
	const date = payload ? (toUtcIso(payload.date) ?? String(payload.date ?? '(none)')) : '(unknown)';
	ctx.logger.warn(
		`Dastra Webhook Trigger "${ctx.getNode().name}": a delivery was answered 200 and ignored, because ${why}. Event ${eventType}, webhook ${webhookId}, dated ${date}.`,
		{ node: ctx.getNode().name, eventType, webhookId, date, reason: why },
	);
}

/**
 * Active, but static data holds no signature key (lost, or edited): every delivery is refused, and
 * Dastra blocks the URL after 5. Said once per workflow, not on every delivery.
 */
function warnNoKey(ctx: IWebhookFunctions, webhookId: number | undefined) {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}:${ctx.getMode()}`;
	if (warnedNoKey.has(key)) return;
	warnedNoKey.add(key);
	ctx.logger.warn(
		`Dastra Webhook Trigger "${ctx.getNode().name}" has no signature key for webhook ${webhookId ?? '(unknown)'}: every delivery is refused (401), and Dastra blocks the webhook after 5. To fix it, deactivate and re-activate the workflow: the webhook is then registered afresh.`,
	);
}

/** The bytes Dastra sent: n8n keeps them as `rawBody` (older versions read them on demand). */
async function rawBodyOf(req: IDataObject): Promise<Buffer | undefined> {
	try {
		if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') {
			await (req.readRawBody as () => Promise<void>)();
		}
	} catch {
		// "stream is not readable": n8n's multipart parser read the body first. Not Dastra's bytes.
		return undefined;
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** Node's own response methods, which n8n's express response has too. */
function answer(
	res: { writeHead: (status: number, headers: Record<string, string>) => unknown; end: (body: string) => unknown; headersSent?: boolean },
	status: number,
	body: IDataObject,
) {
	if (res.headersSent) return;
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

function selectedEvents(ctx: IHookFunctions): string[] {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event is selected', {
			description: 'Choose at least one event under Events, then activate the workflow again.',
		});
	}
	return events;
}

/** The URL Dastra must call; refused when n8n does not know its public address (WEBHOOK_URL unset). */
function publicWebhookUrl(ctx: IHookFunctions, { warn = false } = {}): string {
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const verdict = judgeAddress(url);
	if (verdict.refuse) {
		throw new NodeOperationError(ctx.getNode(), `Dastra cannot reach n8n at ${url || 'an unknown address'}`, {
			description:
				"n8n does not know its public address. Set the WEBHOOK_URL environment variable to the address Dastra can reach n8n at (e.g. https://n8n.example.com/), restart n8n, then activate the workflow again.",
		});
	}
	if (verdict.warn && warn) {
		ctx.logger.warn(
			`The Dastra webhook is registered at ${url}, ${verdict.warn}: Dastra's servers may not reach it (or send to it in clear). If deliveries never arrive, set WEBHOOK_URL to n8n's public https address.`,
		);
	}
	return url;
}

/**
 * Deletes the webhook in Dastra; true when it is gone (a 404 too). A failure is logged with the
 * webhook's ID and Dastra's answer (never the key): n8n only sees `false` from a hook method.
 */
async function removeWebhook(ctx: IHookFunctions, id: number): Promise<boolean> {
	try {
		await deleteWebhook.call(ctx, id);
		return true;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return true;
		const { message, description } = toNodeError(ctx.getNode(), error);
		ctx.logger.warn(
			`Could not remove Dastra webhook ${id}: ${message}. Dastra may keep delivering to it: delete it in Dastra if it stays. ${description ?? ''}`.trim(),
			{ webhookId: id },
		);
		return false;
	}
}

/** The node's own webhook path ("/<webhook ID>/webhook"): the same at every address n8n has. */
function ownWebhookPath(ctx: IHookFunctions, url: string): string | undefined {
	const webhookId = ctx.getNode().webhookId;
	if (!webhookId) return undefined;
	try {
		const path = new URL(url).pathname;
		const at = path.indexOf(`/${webhookId}/`);
		return at >= 0 ? path.slice(at) : undefined;
	} catch {
		return undefined;
	}
}

/** Removes every webhook registered at `url` (after a failed registration); failures are logged. */
async function removeLeftAt(ctx: IHookFunctions, url: string) {
	let list: WebHookUrl[];
	try {
		list = await listWebhooks.call(ctx);
	} catch (error) {
		ctx.logger.warn(`Could not check Dastra for a webhook left at ${url}: ${toNodeError(ctx.getNode(), error).message}`);
		return;
	}
	for (const hook of list) if (normaliseUrl(hook.url) === normaliseUrl(url)) await removeWebhook(ctx, hook.id);
}

/** Writes the registration over what static data held (an empty one forgets the webhook). */
function saveRegistration(data: IDataObject, registration: Registration) {
	delete data.webhookId;
	delete data.signatureKey;
	delete data.webhookUrl;
	Object.assign(data, registration);
}

/** A transport call, its errors as the node's own (input errors: no workspace ID). */
async function call<T>(ctx: IHookFunctions, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}
