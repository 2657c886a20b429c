/**
 * The ready-to-import workflows in examples/: valid workflow JSON whose Dastra nodes use only
 * resources, operations and parameters the nodes have; and example 1 run against the fake,
 * with its webhook replaced by a stand-in that emits a helpdesk payload.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { Dastra } from '../../../nodes/Dastra/Dastra.node';
import { DastraTrigger } from '../../../nodes/Dastra/DastraTrigger.node';
import { DastraWebhookTrigger } from '../../../nodes/Dastra/DastraWebhookTrigger.node';
import { simplifyDsr } from '../../../nodes/Dastra/helpers/simplify';
import { processingsOf } from '../../fake-dastra/routes/processings';
import { clearWebhooks, deliver } from '../../fake-dastra/routes/webhooks';
import { seedTask, touchTask, viewTask } from '../../fake-dastra/tasks';
import { withRequestId } from '../../../nodes/Dastra/helpers/tasks';
import { useFakeDastra } from '../../harness/dastra';
import { webhookTriggerHarness } from '../../harness/webhook';
import { makeWorkflow, registerNodeType, runWorkflow } from '../../harness/n8n';

const dir = join(__dirname, '../../../examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name: string; nodes: INode[]; connections: IConnections };

const types: Record<string, INodeProperties[]> = {
	'n8n-nodes-dastra.dastra': new Dastra().description.properties,
	// The node as an AI agent's tool: n8n's generated type, with the node's own parameters.
	'n8n-nodes-dastra.dastraTool': new Dastra().description.properties,
	'n8n-nodes-dastra.dastraTrigger': new DastraTrigger().description.properties,
	'n8n-nodes-dastra.dastraWebhookTrigger': new DastraWebhookTrigger().description.properties,
};

function visible(p: INodeProperties, params: IDataObject, all: INodeProperties[]): boolean {
	const valueOf = (name: string) => params[name] ?? all.find((q) => q.name === name && visible(q, params, all))?.default;
	// As n8n does: a multi-value parameter shows a property when any of its values is listed.
	const hits = (name: string, values: unknown) => {
		const value = valueOf(name);
		const list = values as unknown[];
		return Array.isArray(value) ? value.some((v) => list.includes(v)) : list.includes(value);
	};
	for (const [name, values] of Object.entries(p.displayOptions?.show ?? {})) if (!hits(name, values)) return false;
	for (const [name, values] of Object.entries(p.displayOptions?.hide ?? {})) if (hits(name, values)) return false;
	return true;
}

const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');

/** Every problem with a Dastra node's parameters: unknown names, or static values outside the options. */
function problems(node: INode): string[] {
	const props = types[node.type];
	const params = node.parameters as IDataObject;
	// displayOptions may name the node's version, as n8n's own '@version'.
	const shown = { ...params, '@version': node.typeVersion };
	const out: string[] = [];
	for (const [name, value] of Object.entries(params)) {
		if (node.type.endsWith('dastraTrigger') && name === 'pollTimes') continue;
		const candidates = props.filter((p) => p.name === name);
		const prop = candidates.find((p) => visible(p, shown, props));
		if (!prop) {
			out.push(`${node.name}: parameter "${name}" does not exist for ${String(params.resource)}.${String(params.operation)}`);
			continue;
		}
		if (isExpression(value)) continue;
		if (prop.type === 'options' && prop.options && !prop.typeOptions?.loadOptionsMethod) {
			if (!prop.options.some((o) => 'value' in o && o.value === value)) out.push(`${node.name}: ${name} = ${String(value)} is not an option`);
		}
		if (prop.type === 'multiOptions' && prop.options && !prop.typeOptions?.loadOptionsMethod) {
			for (const v of value as unknown[]) {
				if (!prop.options.some((o) => 'value' in o && o.value === v)) out.push(`${node.name}: ${name} has ${String(v)}, not an option`);
			}
		}
		if (prop.type === 'collection') {
			for (const key of Object.keys(value as IDataObject)) {
				if (!prop.options?.some((o) => 'name' in o && o.name === key)) out.push(`${node.name}: ${name}.${key} does not exist`);
			}
		}
	}
	for (const p of props) {
		if (p.required && visible(p, shown, props) && params[p.name] === undefined && (p.default === '' || p.default === undefined)) {
			out.push(`${node.name}: required parameter "${p.name}" is missing`);
		}
	}
	return out;
}

describe('examples/', () => {
	it('holds the documented workflows', () => {
		expect(files.sort()).toEqual([
			'ai-privacy-inbox-triage.json',
			'deadline-watch.json',
			'erasure-follow-up.json',
			'erasure-with-tasks.json',
			'helpdesk-ticket-to-dsr.json',
			'monthly-report.json',
			'webhook-with-polling-safety-net.json',
		]);
	});

	it.each(files)('%s is valid workflow JSON whose Dastra nodes use only what exists', (file) => {
		const wf = load(file);
		expect(typeof wf.name).toBe('string');
		const names = wf.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(names.length);
		for (const node of wf.nodes) {
			expect(node).toEqual(expect.objectContaining({ type: expect.any(String), typeVersion: expect.any(Number), position: [expect.any(Number), expect.any(Number)] }));
		}
		for (const [from, outputs] of Object.entries(wf.connections)) {
			expect(names).toContain(from);
			for (const output of outputs.main ?? []) for (const c of output ?? []) expect(names).toContain(c.node);
		}
		const dastraNodes = wf.nodes.filter((n) => n.type.startsWith('n8n-nodes-dastra.'));
		expect(dastraNodes.length).toBeGreaterThan(0);
		expect(dastraNodes.flatMap(problems)).toEqual([]);
		for (const n of dastraNodes) expect(Object.keys(n.credentials ?? {})).toEqual(['dastraApi']);
		// n8n-workflow accepts it (Dastra node parameters resolved against the real descriptions).
		expect(() => makeWorkflow({ nodes: dastraNodes, connections: {} })).not.toThrow();
	});

	it('the validator itself catches a wrong parameter, option and collection key', () => {
		const node = { name: 'X', type: 'n8n-nodes-dastra.dastra', parameters: { resource: 'dataSubjectRequest', operation: 'create', title: 't', entityId: 1, purposes: ['Deletion'], locale: 'en', additionalFields: { mail: 'a' }, bogus: 1 } } as unknown as INode;
		expect(problems(node)).toEqual([
			'X: purposes has Deletion, not an option',
			'X: additionalFields.mail does not exist',
			'X: parameter "bogus" does not exist for dataSubjectRequest.create',
		]);
	});
});

describe('example 1, helpdesk ticket to DSR, against the fake', () => {
	const { fake } = useFakeDastra();

	const ticket = {
		body: {
			ticket: {
				id: 4521,
				subject: 'Please delete my account',
				description: 'I want all my data erased.',
				locale: 'fr',
				tags: ['gdpr-erasure'],
				requester: { email: 'camille.durand@example.fr', first_name: 'Camille', last_name: 'Durand' },
			},
		},
	};

	function withTicket() {
		const wf = load('helpdesk-ticket-to-dsr.json');
		const nodes = wf.nodes
			.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
			.map((n) =>
				n.type === 'n8n-nodes-base.webhook'
					? { ...n, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify([ticket]) } }
					: n,
			);
		return { nodes, connections: wf.connections };
	}

	it('files one request for the ticket, and none more when the ticket comes again', async () => {
		const first = await runWorkflow(withTicket(), { dastraApi: fake.credentials() as never });
		const out = first.output('File the request once per ticket');
		expect(first.error('File the request once per ticket')).toBeUndefined();
		const post = fake.log.find((c) => c.method === 'POST')!;
		expect(post.body).toEqual({
			title: 'Ticket #4521: Please delete my account',
			areaId: 11,
			purposes: ['Erasure'],
			locale: 'fr',
			email: 'camille.durand@example.fr',
			givenName: 'Camille',
			familyName: 'Durand',
			message: 'I want all my data erased.',
			refId: '4521',
		});
		expect(out.map((i) => i.json)).toEqual([expect.objectContaining({ title: 'Ticket #4521: Please delete my account', refId: '4521', state: 'Open' })]);

		const again = await runWorkflow(withTicket(), { dastraApi: fake.credentials() as never });
		expect(again.output('File the request once per ticket')[0].json.id).toBe(out[0].json.id);
		expect(fake.dsrs.size).toBe(1);
		expect(fake.log.filter((c) => c.method === 'POST')).toHaveLength(1);
	});
});

/**
 * Stand-ins for the n8n-nodes-base nodes example 2 uses (the package is not installed here). Each
 * does what the real node does with the parameters the example sets, keeping pairedItem, so the
 * Dastra nodes' expressions ($('List its processings').item, ...) resolve as in n8n.
 */
function standIn(name: string, properties: INodeProperties[], run: (ctx: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]> | INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: name, name, group: ['transform'], version: [1, 1.1, 2, 2.2, 3.4, 4.2], description: 'stand-in', defaults: { name },
			inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main], properties,
		},
		async execute(this: IExecuteFunctions) {
			return [await run(this, this.getInputData()), []];
		},
	};
}
const json = (name: string): INodeProperties => ({ displayName: name, name, type: 'json', default: {} });
const str = (name: string): INodeProperties => ({ displayName: name, name, type: 'string', default: '' });

/** Remove Duplicates v2 comparing selected fields: the first item of each value passes. */
const removeDuplicatesBy = () =>
	standIn('removeDuplicates', [str('compare'), str('fieldsToCompare'), json('options')], (ctx, items) => {
		const field = ctx.getNodeParameter('fieldsToCompare', 0) as string;
		const seen = new Set<unknown>();
		return items.flatMap((item, i) => (seen.has(item.json[field]) ? [] : (seen.add(item.json[field]), [{ json: item.json, pairedItem: { item: i } }])));
	});

/** Set v3.4: the item becomes the assignments' fields. */
const setAssignments = () =>
	standIn('set', [json('assignments'), json('options')], (ctx, items) =>
		items.map((_, i) => {
			const list = (ctx.getNodeParameter('assignments', i) as { assignments: Array<{ name: string; value: IDataObject[string] }> }).assignments;
			return { json: Object.fromEntries(list.map((a) => [a.name, a.value])), pairedItem: { item: i } };
		}),
	);

describe('example 2, erasure follow-up processing by processing, against the fake', () => {
	const { fake } = useFakeDastra();
	const systemCalls: IDataObject[] = [];
	/** What each placeholder system answers. */
	const answers: Record<string, number> = {};

	beforeAll(() => {
		// If v2: items meeting every condition go to the first output, the others to the second.
		registerNodeType('n8n-nodes-base.if', {
			description: { ...standIn('if', [json('conditions'), json('options')], () => []).description },
			async execute(this: IExecuteFunctions) {
				const out: INodeExecutionData[][] = [[], []];
				for (const [i, item] of this.getInputData().entries()) {
					const c = (this.getNodeParameter('conditions', i) as IDataObject).conditions as Array<IDataObject & { operator: IDataObject }>;
					const met = c.every((x) =>
						x.operator.type === 'boolean' ? x.leftValue === true || x.leftValue === 'true' : Number(x.leftValue) === Number(x.rightValue),
					);
					out[met ? 0 : 1].push({ json: item.json, pairedItem: { item: i } });
				}
				return out;
			},
		});
		// Filter v2: keeps the items whose string is not empty (the one condition the example uses).
		registerNodeType('n8n-nodes-base.filter', {
			description: { ...standIn('filter', [json('conditions'), json('options')], () => []).description },
			async execute(this: IExecuteFunctions) {
				const kept: INodeExecutionData[] = [];
				for (const [i, item] of this.getInputData().entries()) {
					const c = (this.getNodeParameter('conditions', i) as IDataObject).conditions as Array<IDataObject & { operator: IDataObject }>;
					if (c.every((x) => x.operator.operation === 'notEmpty' && typeof x.leftValue === 'string' && x.leftValue !== '')) {
						kept.push({ json: item.json, pairedItem: { item: i } });
					}
				}
				return [kept];
			},
		});
		// Stop and Error v1: fails the execution with its message.
		registerNodeType('n8n-nodes-base.stopAndError', standIn('stopAndError', [str('errorMessage')], (ctx) => {
			throw new NodeOperationError(ctx.getNode(), ctx.getNodeParameter('errorMessage', 0) as string);
		}));
		registerNodeType('n8n-nodes-base.httpRequest', standIn('httpRequest', [str('method'), str('url'), json('bodyParameters'), json('options')], (ctx, items) =>
			items.map((_, i) => {
				const url = ctx.getNodeParameter('url', i) as string;
				const body = ctx.getNodeParameter('bodyParameters', i) as { parameters: Array<{ name: string; value: string }> };
				systemCalls.push({ method: ctx.getNodeParameter('method', i), url, body: Object.fromEntries(body.parameters.map((p) => [p.name, p.value])) });
				return { json: { statusCode: answers[url], headers: {}, body: {} }, pairedItem: { item: i } };
			}),
		));
		registerNodeType('n8n-nodes-base.removeDuplicates', removeDuplicatesBy());
		registerNodeType('n8n-nodes-base.set', setAssignments());
		registerNodeType('n8n-nodes-base.convertToFile', standIn('convertToFile', [str('operation'), str('sourceProperty'), json('options')], async (ctx, items) => {
			const out: INodeExecutionData[] = [];
			for (const [i, item] of items.entries()) {
				const text = String(item.json[ctx.getNodeParameter('sourceProperty', i) as string]);
				const { fileName } = ctx.getNodeParameter('options', i) as { fileName: string };
				out.push({ json: {}, binary: { data: await ctx.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, 'text/plain') }, pairedItem: { item: i } });
			}
			return out;
		}));
	});

	function withRequests(requests: IDataObject[]) {
		const wf = load('erasure-follow-up.json');
		const nodes = wf.nodes
			.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
			.map((n) => (n.type.endsWith('dastraTrigger') ? { ...n, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(requests) } } : n));
		return { nodes, connections: wf.connections };
	}

	it('erases per processing, sets Done / Not Necessary as each system answers, notifies, certifies, writes and moves the request on', async () => {
		const erasure = fake.seed({ title: 'Erase Camille', purposes: ['Erasure'], email: 'camille@example.fr', workFlowStepId: 104 });
		const elsewhere = fake.seed({ purposes: ['Erasure'], workFlowStepId: 103 });
		Object.assign(answers, {
			'https://crm.example.com/api/gdpr/erase': 200,
			'https://newsletter.example.com/api/subscribers/forget': 404,
			'https://helpdesk.example.com/api/users/erase': 204,
		});
		// The trigger's simplified items, as it emits them on stepChanged.
		const items = [erasure, elsewhere].map((d) => ({ id: d.id, title: d.title, email: d.email, stepId: d.workFlowStepId, event: 'stepChanged' }));
		const result = await runWorkflow(withRequests(items), { dastraApi: fake.credentials() as never });
		for (const node of ['List its processings', "Set the processing's state", 'Notify the recipients', 'Attach the certificate', 'Tell the person', 'Move to the closing step']) {
			expect(result.error(node)).toBeUndefined();
		}

		expect(systemCalls).toEqual(
			['https://crm.example.com/api/gdpr/erase', 'https://newsletter.example.com/api/subscribers/forget', 'https://helpdesk.example.com/api/users/erase'].map((url) => ({
				method: 'POST',
				url,
				body: { email: 'camille@example.fr' },
			})),
		);
		const id = erasure.id as number;
		const base = `/v1/ws/7`;
		const [crm, newsletter, helpdesk] = ['1', '2', '3'].map((k) => `6f1c2a10-0000-4000-8000-00000000000${k}`);
		const dastraCalls = fake.log.map((c) => ({ call: `${c.method} ${c.path}`, body: Buffer.isBuffer(c.body) ? 'multipart' : c.body }));
		const state = (p: string, s: string, label: string, code: number) => [
			{ call: `POST ${base}/DataSubjectRequestProcessings/${id}/${s}`, body: { ids: [p], description: `${label}: the system answered HTTP ${code}` } },
			{ call: `GET ${base}/DataSubjectRequestProcessings/${id}`, body: undefined },
		];
		const notify = (p: string) => [
			{ call: `POST ${base}/DataSubjectRequestProcessings/notification/${id}`, body: [p] },
			{ call: `GET ${base}/DataSubjectRequestProcessings/${id}`, body: undefined },
		];
		expect(dastraCalls.slice(0, 13)).toEqual([
			{ call: `GET ${base}/DataSubjectRequestProcessings/${id}`, body: undefined },
			...state(crm, 'Done', 'Customer accounts (CRM)', 200),
			...state(newsletter, 'NotNecessary', 'Newsletter', 404),
			...state(helpdesk, 'Done', 'Support tickets', 204),
			...notify(crm),
			...notify(newsletter),
			...notify(helpdesk),
		]);
		expect(dastraCalls.slice(13).map((c) => c.call)).toEqual([
			`POST ${base}/DataSubjectAttachments/${id}`,
			`POST ${base}/DataSubjectMessages`,
			`POST ${base}/DataSubjectRequests/workflow`,
			`GET ${base}/DataSubjectRequests/${id}`,
		]);
		expect(fake.processings.get(id)!.map((e) => [e.state, e.dateNotificationSent !== null])).toEqual([
			['Done', true],
			['NotNecessary', true],
			['Done', true],
		]);
		expect(fake.processings.has(elsewhere.id as number)).toBe(false);

		const [file] = [...fake.attachments.values()];
		expect(file.dto.fileName).toBe(`erasure-certificate-${id}.txt`);
		expect(file.bytes.toString('utf8')).toMatch(
			new RegExp(`^Erasure certificate\\nRequest #${id} \\(Erase Camille\\)\\nHandled on \\d{4}-.+Z:\\n- Customer accounts \\(CRM\\): Done\\n- Newsletter: NotNecessary\\n- Support tickets: Done$`),
		);
		const [message] = [...fake.messages.values()];
		expect(message).toMatchObject({ userRequestId: id, attachments: [expect.objectContaining({ id: file.dto.id })] });
		expect(result.output('Move to the closing step').map((i) => i.json)).toEqual([expect.objectContaining({ id, stepId: 105 })]);
	});

	it('an entry Dastra lists without a processing ID is left alone: no state or notification acts on every processing', async () => {
		const erasure = fake.seed({ purposes: ['Erasure'], workFlowStepId: 104 });
		const id = erasure.id as number;
		Object.assign(answers, { 'https://crm.example.com/api/gdpr/erase': 200 });
		// Dastra lists three processings, the second and third without their ID.
		const entries = processingsOf(fake, id);
		fake.faults.push({
			status: 200,
			times: 1,
			match: (c) => c.method === 'GET' && c.path.endsWith(`/DataSubjectRequestProcessings/${id}`),
			body: entries.map((e, k) => (k === 0 ? e : { ...e, dataProcessingId: null, dataProcessing: null })),
		});
		systemCalls.length = 0;
		const result = await runWorkflow(withRequests([{ id, title: erasure.title, email: erasure.email, stepId: 104 }]), { dastraApi: fake.credentials() as never });
		expect(result.error("Set the processing's state")).toBeUndefined();
		expect(systemCalls.map((c) => c.url)).toEqual(['https://crm.example.com/api/gdpr/erase']);
		const writes = fake.log.filter((c) => c.method === 'POST' && c.path.includes('/DataSubjectRequestProcessings/'));
		expect(writes.map((c) => c.body)).toEqual([
			{ ids: ['6f1c2a10-0000-4000-8000-000000000001'], description: 'Customer accounts (CRM): the system answered HTTP 200' },
			['6f1c2a10-0000-4000-8000-000000000001'],
		]);
		expect(fake.processings.get(id)!.map((e) => e.state)).toEqual(['Done', 'New', 'New']);
	});

	it('a system answering anything else stops the run before any processing is marked or the request moves on', async () => {
		const erasure = fake.seed({ purposes: ['Erasure'], workFlowStepId: 104 });
		// Two systems answer as they should, one fails: nothing is marked, for any processing.
		Object.assign(answers, {
			'https://crm.example.com/api/gdpr/erase': 500,
			'https://newsletter.example.com/api/subscribers/forget': 404,
			'https://helpdesk.example.com/api/users/erase': 204,
		});
		const result = await runWorkflow(withRequests([{ id: erasure.id, title: erasure.title, email: erasure.email, stepId: 104 }]), {
			dastraApi: fake.credentials() as never,
		});
		expect(result.error('Stop: erasure failed')?.message).toBe(
			'Erasure failed in at least one system (HTTP answers, one per processing: 500, 404, 204). No processing was marked and the request stays at the erasure step: fix the system, then move the request back to that step to run this again.',
		);
		// Only the listing of processings: no state set, no notification, nothing attached or moved.
		expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v1/ws/7/DataSubjectRequestProcessings/${String(erasure.id)}`]);
		expect(fake.dsrs.get(erasure.id as number)!.workFlowStepId).toBe(104);
	});
});

describe('example 5, webhook with a polling safety net: one item per request version, whichever trigger saw it', () => {
	const { fake } = useFakeDastra();
	/** Remove Duplicates' memory across executions ("seen in previous executions"). */
	const seen = new Set<string>();

	beforeAll(() => {
		registerNodeType('n8n-nodes-base.removeDuplicates', standIn('removeDuplicates', [str('operation'), str('logic'), str('dedupeValue'), json('options')], (ctx, items) =>
			items.flatMap((item, i) => {
				const key = String(ctx.getNodeParameter('dedupeValue', i));
				if (seen.has(key)) return [];
				seen.add(key);
				return [{ json: item.json, pairedItem: { item: i } }];
			}),
		));
		registerNodeType('n8n-nodes-base.noOp', standIn('noOp', [], (_ctx, items) => items.map((item, i) => ({ json: item.json, pairedItem: { item: i } }))));
	});
	afterEach(() => clearWebhooks(fake));

	/** The example with `trigger` replaced by a stand-in emitting `items`, the other trigger left out. */
	function run(trigger: 'Instant: Dastra pushes' | 'Safety net: poll every 5 min', items: IDataObject[]) {
		const wf = load('webhook-with-polling-safety-net.json');
		const nodes = wf.nodes
			.filter((n) => n.type !== 'n8n-nodes-base.stickyNote' && (n.name === trigger || !n.type.startsWith('n8n-nodes-dastra.')))
			.map((n) => (n.name === trigger ? { ...n, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } } : n));
		return runWorkflow({ nodes, connections: wf.connections }, { dastraApi: fake.credentials() as never });
	}

	/** What the real Webhook Trigger, set as in the example, emits for these deliveries. */
	async function webhookItems(deliveries: Array<[string, IDataObject]>, fault?: boolean): Promise<IDataObject[]> {
		const wf = load('webhook-with-polling-safety-net.json');
		const node = wf.nodes.find((n) => n.name === 'Instant: Dastra pushes')!;
		const h = await webhookTriggerHarness(node.parameters as IDataObject, { dastraApi: fake.credentials() as never });
		try {
			await h.activate();
			for (const [event, data] of deliveries) {
				if (fault) fake.faults.push({ match: (r) => r.method === 'GET' && r.path.includes('/DataSubjectRequests/'), status: 403, times: 1 });
				await deliver(fake, event, data);
				await h.settled();
			}
			return h.received.flatMap((r) => r.items ?? []);
		} finally {
			await h.close();
		}
	}

	/** What the polling trigger emits for the request as it stands (simplified, as in the example). */
	async function pollItem(id: number, event: string): Promise<IDataObject> {
		const res = await fetch(`${fake.baseUrl}/v1/ws/7/DataSubjectRequests/${id}`, { headers: { 'X-API-Key': fake.privateKey } });
		return { ...simplifyDsr((await res.json()) as IDataObject), event };
	}

	const passed = async (result: Awaited<ReturnType<typeof run>>) => result.output('Your steps here').map((i) => i.json);

	beforeEach(() => seen.clear());

	it("the webhook's copy and the poll's copy of one version: once", async () => {
		const dsr = fake.seed({ title: 'Seen twice' });
		const [fromWebhook] = await webhookItems([['DataSubjectUpdate', { id: dsr.id }]]);
		expect(await passed(await run('Instant: Dastra pushes', [fromWebhook]))).toHaveLength(1);
		expect(await passed(await run('Safety net: poll every 5 min', [await pollItem(dsr.id as number, 'requestUpdated')]))).toEqual([]);
	});

	it("the webhook's copy when reading the request failed (the payload's data) and the poll's copy: once", async () => {
		const dsr = fake.seed({ title: 'Unread' });
		const asSent = await (await fetch(`${fake.baseUrl}/v1/ws/7/DataSubjectRequests/${dsr.id}`, { headers: { 'X-API-Key': fake.privateKey } })).json();
		const [fromWebhook] = await webhookItems([['DataSubjectUpdate', asSent as IDataObject]], true);
		expect(fromWebhook).toMatchObject({ resolved: false, resolveError: expect.any(Object) });
		expect(await passed(await run('Instant: Dastra pushes', [fromWebhook]))).toHaveLength(1);
		expect(await passed(await run('Safety net: poll every 5 min', [await pollItem(dsr.id as number, 'requestUpdated')]))).toEqual([]);
	});

	it('two events on one request version: once, as documented (branch on the request, not on event); a new version passes', async () => {
		const dsr = fake.seed({ title: 'Edited and moved' });
		const items = await webhookItems([
			['DataSubjectUpdate', { id: dsr.id }],
			['DataSubjectStateChange', { id: dsr.id }],
		]);
		expect(items.map((i) => i.event)).toEqual(['DataSubjectUpdate', 'DataSubjectStateChange']);
		expect(await passed(await run('Instant: Dastra pushes', items))).toHaveLength(1);
		fake.touch(dsr.id as number, { title: 'Edited again' });
		expect(await passed(await run('Safety net: poll every 5 min', [await pollItem(dsr.id as number, 'requestUpdated')]))).toHaveLength(1);
		expect(load('webhook-with-polling-safety-net.json').nodes.find((n) => n.name === 'About this workflow')!.parameters.content).toEqual(
			expect.stringContaining('do not branch on `event`'),
		);
	});
});

describe('example 6, erasure across systems with tasks, against the fake', () => {
	const { fake } = useFakeDastra();

	beforeAll(() => {
		// Stand-ins for the n8n-nodes-base nodes this example uses, doing what each does with its parameters.
		registerNodeType('n8n-nodes-base.set', setAssignments());
		registerNodeType('n8n-nodes-base.splitOut', standIn('splitOut', [str('fieldToSplitOut'), json('options')], (ctx, items) =>
			items.flatMap((item, i) => (item.json[ctx.getNodeParameter('fieldToSplitOut', i) as string] as IDataObject[]).map((json) => ({ json, pairedItem: { item: i } }))),
		));
		registerNodeType('n8n-nodes-base.if', {
			description: { ...standIn('if', [json('conditions'), json('options')], () => []).description },
			async execute(this: IExecuteFunctions) {
				const out: INodeExecutionData[][] = [[], []];
				for (const [i, item] of this.getInputData().entries()) {
					const c = (this.getNodeParameter('conditions', i) as IDataObject).conditions as Array<IDataObject & { operator: IDataObject }>;
					const met = c.every((x) => x.leftValue === true);
					out[met ? 0 : 1].push({ json: item.json, pairedItem: { item: i } });
				}
				return out;
			},
		});
		registerNodeType('n8n-nodes-base.removeDuplicates', removeDuplicatesBy());
	});

	/** One of the two flows (the nodes reachable from its trigger), the trigger replaced by a stand-in emitting `items`. */
	function flow(trigger: 'New erasure request' | 'A task was completed', items: IDataObject[]) {
		const wf = load('erasure-with-tasks.json');
		const reachable = new Set<string>([trigger]);
		for (let grew = true; grew; ) {
			grew = false;
			for (const from of [...reachable]) {
				for (const output of wf.connections[from]?.main ?? []) {
					for (const c of output ?? []) if (!reachable.has(c.node)) grew = Boolean(reachable.add(c.node));
				}
			}
		}
		const nodes = wf.nodes
			.filter((n) => reachable.has(n.name))
			.map((n) => (n.name === trigger ? { ...n, type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } } : n));
		return runWorkflow({ nodes, connections: wf.connections }, { dastraApi: fake.credentials() as never });
	}

	it('a new erasure request gets one task per system, on the request, assigned to its owner, due in 7 days', async () => {
		const request = fake.seed({ title: 'Erase Camille', purposes: ['Erasure'], email: 'camille@example.fr' });
		const result = await flow('New erasure request', [{ ...simplifyDsr(fake.view(fake.dsrs.get(request.id as number)!)), event: 'requestCreated' }]);
		expect(result.error("Create the system's erasure task")).toBeUndefined();
		const posts = fake.log.filter((c) => c.method === 'POST').map((c) => c.body as IDataObject);
		const due = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
		expect(posts).toEqual(
			[['CRM', 301], ['Newsletter', 302], ['Backups', 301]].map(([system, owner]) => ({
				label: `Erase ${system} data for request #${request.id}`,
				objectId: String(request.id),
				objectType: 'DataSubject',
				assignedToUserId: owner,
				deadline: due,
				priority: 'High',
				descriptionHtml: `Erase camille@example.fr from ${system}, then close this task.`,
			})),
		);
		// Due 7 days from now, at midnight in n8n's zone.
		const deadline = Date.parse(String(posts[0].deadline));
		expect(deadline - Date.now()).toBeGreaterThan(6 * 86_400_000);
		expect(deadline - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
		expect([...fake.tasks.values()].map((t) => [t.objectId, t.assignedToUserId, t.state])).toEqual([
			[String(request.id), 301, 'Open'],
			[String(request.id), 302, 'Open'],
			[String(request.id), 301, 'Open'],
		]);
	});

	it('when the last erasure task of the request closes: its processings are set Done and the person is told, once', async () => {
		const request = fake.seed({ purposes: ['Erasure'] });
		const id = request.id as number;
		const tasks = ['CRM', 'Newsletter', 'Backups'].map((s) => seedTask(fake, { label: `Erase ${s} data for request #${id}`, objectId: String(id) }));
		const completed = (k: number) => ({ ...withRequestId(viewTask(fake, fake.tasks.get(tasks[k].id as number)!)), event: 'taskCompleted' });

		// Two of three closed: nothing more happens.
		touchTask(fake, tasks[0].id as number, { state: 'Closed' });
		touchTask(fake, tasks[1].id as number, { state: 'Closed' });
		fake.reset();
		await flow('A task was completed', [completed(0), completed(1)]);
		expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /v1/ws/7/Tasks', 'GET /v1/ws/7/Tasks']);
		expect(fake.processings.has(id)).toBe(false);

		// The last one closes.
		touchTask(fake, tasks[2].id as number, { state: 'Closed' });
		fake.reset();
		const result = await flow('A task was completed', [completed(2)]);
		expect(result.error('Tell the person')).toBeUndefined();
		const base = '/v1/ws/7';
		expect(fake.log.map((c) => ({ call: `${c.method} ${c.path}`, body: c.body }))).toEqual([
			{ call: `GET ${base}/Tasks`, body: undefined },
			{ call: `GET ${base}/DataSubjectRequestProcessings/${id}`, body: undefined },
			...['1', '2', '3'].flatMap((k) => [
				{ call: `POST ${base}/DataSubjectRequestProcessings/${id}/Done`, body: { ids: [`6f1c2a10-0000-4000-8000-00000000000${k}`], description: 'Every erasure task of the request is closed' } },
				{ call: `GET ${base}/DataSubjectRequestProcessings/${id}`, body: undefined },
			]),
			{ call: `POST ${base}/DataSubjectMessages`, body: expect.objectContaining({ dataSubjectRequestId: id, message: expect.stringContaining('erased from all our systems') }) },
		]);
		expect(fake.log[0].query).toEqual({ objectType: 'DataSubject', objectIds: String(id), page: '1', size: '500' });
		expect(fake.processings.get(id)!.map((p) => p.state)).toEqual(['Done', 'Done', 'Done']);
		expect(fake.messages.size).toBe(1);
	});

	it('a completed task that belongs to no request, or is no erasure task, starts nothing', async () => {
		const other = seedTask(fake, { label: 'Review the DPA', objectType: 'DataBreach', objectId: '4', state: 'Closed' });
		const unlinked = seedTask(fake, { label: 'Erase old logs', objectId: null, state: 'Closed' });
		fake.reset();
		await flow('A task was completed', [other, unlinked].map((t) => ({ ...withRequestId(t), event: 'taskCompleted' })));
		expect(fake.log).toEqual([]);
	});
});
