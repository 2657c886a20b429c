/**
 * The ready-to-import workflows in examples/: valid workflow JSON whose Dastra nodes use only
 * resources, operations and parameters the nodes have; and example 1 run against the fake,
 * with its webhook replaced by a stand-in that emits a helpdesk payload.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeProperties, IConnections, IDataObject } from 'n8n-workflow';

import { Dastra } from '../../../nodes/Dastra/Dastra.node';
import { DastraTrigger } from '../../../nodes/Dastra/DastraTrigger.node';
import { DastraWebhookTrigger } from '../../../nodes/Dastra/DastraWebhookTrigger.node';
import { useFakeDastra } from '../../harness/dastra';
import { makeWorkflow, runWorkflow } from '../../harness/n8n';

const dir = join(__dirname, '../../../examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name: string; nodes: INode[]; connections: IConnections };

const types: Record<string, INodeProperties[]> = {
	'n8n-nodes-dastra.dastra': new Dastra().description.properties,
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
	const out: string[] = [];
	for (const [name, value] of Object.entries(params)) {
		if (node.type.endsWith('dastraTrigger') && name === 'pollTimes') continue;
		const candidates = props.filter((p) => p.name === name);
		const prop = candidates.find((p) => visible(p, params, props));
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
		if (p.required && visible(p, params, props) && params[p.name] === undefined && (p.default === '' || p.default === undefined)) {
			out.push(`${node.name}: required parameter "${p.name}" is missing`);
		}
	}
	return out;
}

describe('examples/', () => {
	it('holds the documented workflows', () => {
		expect(files.sort()).toEqual([
			'deadline-watch.json',
			'erasure-follow-up.json',
			'helpdesk-ticket-to-dsr.json',
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
