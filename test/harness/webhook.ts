/**
 * A Dastra Webhook Trigger as n8n runs it, in n8n-core's real contexts: activation and
 * deactivation call the node's webhookMethods in a HookContext (checkExists, then create if it
 * answered false, as n8n's Workflow.createWebhookIfNotExists does); deliveries arrive over real
 * HTTP on a loopback server standing in for n8n's webhook server, which reads (or leaves unread,
 * or consumes) the body the way n8n 2.8's rawBodyReader and parseRequestBody do, calls `webhook()` in a WebhookContext, and answers
 * for the node when it did not (responseMode onReceived). Static data goes through a JSON round
 * trip between calls, as n8n saves it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { toUtcIso } from '../../nodes/Dastra/helpers/dates';
import { deliver, type Delivery } from '../fake-dastra/routes/webhooks';
import { nodeCredentials } from './credentials';
import { makeAdditionalData, makeWorkflow, nodeTypeRegistry } from './n8n';

export const WEBHOOK_NODE_ID = '3f1c2a9e-5d4b-4c8e-9a7f-0b1d2e3f4a5b';
const TYPE = 'n8n-nodes-dastra.dastraWebhookTrigger';

export interface Received {
	path: string;
	/** The status the caller got. */
	status: number;
	/** The items the node emitted (one execution), or undefined when it started none. */
	items?: IDataObject[];
	error?: Error;
}

const readBody = async (req: IncomingMessage) => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
};

export async function webhookTriggerHarness(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	{ baseUrl }: { baseUrl?: string } = {},
) {
	const node: INode = {
		id: 'webhook-trigger',
		name: 'Dastra Webhook Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_NODE_ID,
		parameters: parameters as INode['parameters'],
		credentials: nodeCredentials(credentials),
	};
	const trigger = nodeTypeRegistry.getByName(TYPE) as unknown as {
		webhookMethods: { default: Record<'checkExists' | 'create' | 'delete', (this: HookContext) => Promise<boolean>> };
		webhook(this: WebhookContext): Promise<IWebhookResponseData>;
	};
	let saved: IDataObject = {};
	let testSaved: IDataObject | undefined;
	const received: Received[] = [];

	const pending = new Set<Promise<void>>();
	const server: Server = createServer((req, res) => {
		const done = onRequest(req, res).finally(() => pending.delete(done));
		pending.add(done);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const base = baseUrl ?? own;

	function additional(): IWorkflowExecuteAdditionalData {
		return {
			...makeAdditionalData(credentials),
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
		} as IWorkflowExecuteAdditionalData;
	}

	function webhookData(workflow: Workflow, isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: `${WEBHOOK_NODE_ID}/webhook`,
			webhookDescription: { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additional(),
			webhookId: WEBHOOK_NODE_ID,
			isTest,
		};
	}

	const clone = (d: IDataObject) => JSON.parse(JSON.stringify(d)) as IDataObject;

	/** Runs one webhook method; saves the static data it changed. */
	async function hook(method: 'checkExists' | 'create' | 'delete', isTest: boolean): Promise<boolean> {
		const current = isTest ? (testSaved ?? {}) : saved;
		const workflow = makeWorkflow({ nodes: [node], connections: {} }, clone(current));
		const mode = isTest ? 'manual' : 'trigger';
		const ctx = new HookContext(workflow, node, additional(), mode, isTest ? 'manual' : 'activate', webhookData(workflow, isTest));
		const result = await trigger.webhookMethods.default[method].call(ctx);
		// n8n saves static data only when the node changed it.
		if (!workflow.staticData.__dataChanged) return result;
		const { __dataChanged: _flag, ...data } = clone(workflow.staticData);
		void _flag;
		if (isTest) testSaved = data;
		else saved = data;
		return result;
	}

	async function onRequest(req: IncomingMessage, res: ServerResponse) {
		const path = new URL(req.url ?? '/', own).pathname;
		const isTest = path.startsWith('/webhook-test/');
		if (req.method !== 'POST' || path !== `/${isTest ? 'webhook-test' : 'webhook'}/${WEBHOOK_NODE_ID}/webhook`) {
			await readBody(req);
			res.writeHead(404).end();
			return;
		}
		// As n8n 2.8 does: rawBodyReader gives the request a readRawBody() that reads the stream on
		// demand; then parseRequestBody (a version-1 node): multipart/form-data is consumed by its
		// form parser (the raw bytes are then gone), any other multipart/* is left unread, the rest
		// is read and JSON parsed (a parse failure is its 422).
		const request = req as IncomingMessage & {
			rawBody?: Buffer;
			body?: unknown;
			contentType?: string;
			readRawBody?: () => Promise<void>;
		};
		request.contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		request.readRawBody = async () => {
			if (request.rawBody) return;
			if (req.readableEnded || !req.readable) throw new Error('stream is not readable');
			request.rawBody = await readBody(req);
		};
		if (request.contentType === 'multipart/form-data') {
			await readBody(req);
			request.body = { data: {}, files: {} };
		} else if (!request.contentType.startsWith('multipart/')) {
			await request.readRawBody();
			const raw = request.rawBody ?? Buffer.alloc(0);
			try {
				request.body = request.contentType === 'application/json' && raw.length ? JSON.parse(raw.toString('utf8')) : {};
			} catch {
				res.writeHead(422).end();
				received.push({ path, status: 422 });
				return;
			}
		} else {
			request.body = {};
		}
		const workflow = makeWorkflow({ nodes: [node], connections: {} }, clone(isTest ? (testSaved ?? {}) : saved));
		const data = { ...additional(), httpRequest: request, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const ctx = new WebhookContext(workflow, node, data, isTest ? 'manual' : 'webhook', webhookData(workflow, isTest), [], null);
		const entry: Received = { path, status: 0 };
		received.push(entry);
		res.once('finish', () => (entry.status = res.statusCode));
		try {
			const result = await trigger.webhook.call(ctx);
			if (!res.headersSent && result.noWebhookResponse !== true) {
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"Workflow was started"}');
			}
			entry.items = result.workflowData?.[0]?.map((i: INodeExecutionData) => i.json);
		} catch (error) {
			entry.error = error as Error;
			if (!res.headersSent) res.writeHead(500).end();
		}
		if (!res.headersSent) res.writeHead(500).end();
	}

	return {
		node,
		/** The address n8n would give Dastra (production URL). */
		url: `${base}/webhook/${WEBHOOK_NODE_ID}/webhook`,
		testUrl: `${base}/webhook-test/${WEBHOOK_NODE_ID}/webhook`,
		/** The node's static data as n8n would have saved it (production, and test registration). */
		get registration(): IDataObject {
			return clone((saved[`node:${node.name}`] as IDataObject | undefined) ?? {});
		},
		get testRegistration(): IDataObject {
			return clone((testSaved?.[`node:${node.name}`] as IDataObject | undefined) ?? {});
		},
		set registration(data: IDataObject) {
			saved = { [`node:${node.name}`]: clone(data) };
		},
		received,
		/**
		 * Waits until every delivery's node run has ended: the node answers Dastra before it reads
		 * the request, so the caller gets its 200 before the items exist.
		 */
		async settled(): Promise<Received[]> {
			while (pending.size) await Promise.all([...pending]);
			return received;
		},
		/** Activation as n8n does it: checkExists, then create when it answered false. */
		async activate(): Promise<'existed' | 'created'> {
			if (await hook('checkExists', false)) return 'existed';
			await hook('create', false);
			return 'created';
		},
		async deactivate(): Promise<boolean> {
			return await hook('delete', false);
		},
		/** "Listen for test event": the test URL registered for one delivery, then removed. */
		async listen(): Promise<void> {
			if (!(await hook('checkExists', true))) await hook('create', true);
		},
		async stopListening(): Promise<boolean> {
			return await hook('delete', true);
		},
		hook,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Dastra delivers (the fake's `deliver`: signed, or spoiled as its `tamper` says, dated `at`); then
 * the node's runs are waited for (the node answers before it reads the request).
 */
export async function deliverAndSettle(harness: { settled(): Promise<unknown> }, ...args: Parameters<typeof deliver>): Promise<Delivery[]> {
	const deliveries = await deliver(...args);
	await harness.settled();
	return deliveries;
}

/**
 * The fields the trigger adds to every item of an in-time delivery `d` of `event`: the event, its
 * name (as Dastra writes it unless given), the payload's date in UTC, the webhook, and late false.
 */
export const delivered = (
	d: Pick<Delivery, 'body' | 'webhookId'>,
	event: string,
	eventName = event.replace(/([a-z])([A-Z])/g, '$1 $2'),
) => ({
	event,
	eventName,
	eventDate: toUtcIso((JSON.parse(d.body) as { date: string }).date),
	webhookId: d.webhookId,
	late: false,
});
