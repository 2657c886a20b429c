/**
 * The Dastra node as an AI agent's tool, in a real n8n: examples/ai-privacy-inbox-triage.json
 * (webhook -> AI Agent with five Dastra tools) published through the REST API, its chat model a
 * local OpenAI-compatible fake (test/e2e/fakeModel.ts) that answers from a script. The script
 * checks the tools it is offered, calls them, makes one mistake (an e-mail written "(at)") and
 * corrects it from the tool's answer. The tool nodes keep n8n's default settings (no On Error,
 * no retry). Asserted: the requests in the fake Dastra, the calls it got, and that the same
 * e-mail delivered again, with or without the model's lookup, files nothing more.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FakeDastra } from '../fake-dastra/server';
import { FakeModel, textOf, type ChatReply, type ChatRequest } from './fakeModel';
import { n8nVersion, setupN8n, startN8n, until, type N8n } from './harness';
import { activateWorkflow, ownerSession, type Rest } from './rest';

const example = JSON.parse(readFileSync(join(__dirname, '../../examples/ai-privacy-inbox-triage.json'), 'utf8')) as {
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string; credentials?: Record<string, { id: string; name: string }> }>;
	connections: object;
	settings?: object;
};

const TOOLS = {
	byRef: 'Find_request_by_Reference_ID',
	byEmail: 'Find_requests_by_e-mail',
	entities: 'List_entities',
	create: 'Create_request',
	write: 'Write_to_requester',
};

/** The model's behaviour: what a careful model would do with the system prompt, one step a turn. */
const script = {
	/** Skip the lookup by Reference ID (a model that does not follow the prompt). */
	skipLookup: false,
};

function toolResults(request: ChatRequest) {
	const calls = new Map<string, string>();
	for (const m of request.messages) for (const c of m.tool_calls ?? []) calls.set(c.id, c.function.name);
	return request.messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ name: calls.get(m.tool_call_id ?? '') ?? '?', content: textOf(m) }));
}

function triage(request: ChatRequest): ChatReply {
	const mail = textOf(request.messages.find((m) => m.role === 'user'));
	const messageId = /^Message-ID: (.*)$/m.exec(mail)?.[1] ?? '';
	const from = /^From: (.*) <(.*)>$/m.exec(mail);
	const results = toolResults(request);
	const last = (name: string) => [...results].reverse().find((r) => r.name === name);
	if (!/supprim|delete|erase|access|copy of my data/i.test(mail)) return { text: 'NOT A REQUEST: a question about the newsletter' };
	if (!script.skipLookup && !last(TOOLS.byRef)) return { calls: [{ name: TOOLS.byRef, args: { referenceId: messageId } }] };
	const found = last(TOOLS.byRef);
	if (found && found.content.includes('"id"')) {
		return { text: `ALREADY FILED: #${String((JSON.parse(found.content) as Array<{ id: number }>)[0].id)}` };
	}
	if (!last(TOOLS.entities)) return { calls: [{ name: TOOLS.entities, args: {} }] };
	const entities = JSON.parse(last(TOOLS.entities)!.content) as Array<{ id: number; label: string }>;
	const entity = entities.find((e) => e.label.includes('France'))!;
	const created = last(TOOLS.create);
	// The address as the e-mail's body writes it ("(at)"), then as the tool's error asks.
	const written = (/adresse : (\S+)/.exec(mail)?.[1] ?? from![2]).replace(/[.,]$/, '');
	const email = created?.content.includes('is not a valid email address') ? written.replace('(at)', '@') : written;
	if (!created || created.content.includes('"error"')) {
		return {
			calls: [
				{
					name: TOOLS.create,
					args: {
						title: `Erasure request from ${from![1]}`,
						entityId: entity.id,
						purposes: 'Erasure',
						locale: 'fr',
						email,
						givenName: from![1].split(' ')[0],
						familyName: from![1].split(' ')[1],
					},
				},
			],
		};
	}
	const request_ = (JSON.parse(created.content) as Array<{ id: number; purposes: string[] }>)[0];
	if (!last(TOOLS.write)) {
		return {
			calls: [
				{
					name: TOOLS.write,
					args: { requestId: request_.id, message: 'Bonjour, nous avons bien reçu votre demande et y répondrons sous un mois.' },
				},
			],
		};
	}
	return { text: `FILED: #${request_.id} ${request_.purposes.join(', ')}` };
}

const fake = new FakeDastra();
const model = new FakeModel(triage);
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

beforeAll(async () => {
	await fake.start();
	await model.start();
	n8n = await setupN8n();
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	n8n.env.N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE = 'true';
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
	await n8n.importCredential({ id: 'openAiE2eCred01', name: 'Fake model', type: 'openAiApi', data: { apiKey: 'sk-fake', url: model.baseUrl } });
	server = await startN8n(n8n);
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	await model.stop();
	await fake.stop();
});

/** The error of the newest execution, as n8n stored it: for a failure's message. */
async function lastExecutionError(rest: Rest): Promise<string> {
	const list = (await rest('GET', '/executions?limit=1')) as unknown as { results: Array<{ id: string }> };
	if (!list.results.length) return `no execution; n8n's log ends with:\n${server!.output().split('\n').slice(-30).join('\n')}`;
	const execution = await rest('GET', `/executions/${list.results[0].id}`);
	// n8n stores run data "flatted": every string and object is an index into one array.
	const table = JSON.parse(String(execution.data ?? '[]')) as unknown[];
	const texts: string[] = [];
	const walk = (value: unknown, depth: number, key = ''): void => {
		if (depth > 12) return;
		if (typeof value === 'string' && /^\d+$/.test(value) && table[Number(value)] !== undefined) return walk(table[Number(value)], depth + 1, key);
		if (typeof value === 'string' && ['message', 'description', 'error'].includes(key)) texts.push(`${key}: ${value}`);
		if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, depth + 1, k);
	};
	walk(table[0], 0);
	return [...new Set(texts)].slice(0, 12).join('\n');
}

const mailA = {
	messageId: '<CAF1x9q-erasure-01@mail.example.fr>',
	from: 'Camille Durand <camille.durand@example.fr>',
	subject: 'Suppression de mes données',
	text: 'Bonjour, je souhaite que vous supprimiez toutes les données que vous avez sur moi. Mon adresse : camille.durand(at)example.fr. Merci.',
};
const mailB = {
	messageId: '<newsletter-question-02@mail.example.com>',
	from: 'Sam Lee <sam.lee@example.com>',
	subject: 'Newsletter',
	text: 'Hello, how often do you send your newsletter?',
};

// Verified on n8n 2.8.4 and 2.41.1 (Agent 3.1 runs tools through the engine). n8n 1.123.81 was not
// installed where this was written: the example's Agent 3.1 and its error path there are unverified.
const onN8n2 = n8nVersion.version.startsWith('1.') ? test.skip : test;

onN8n2('an agent files one request per e-mail with the Dastra tools, correcting its mistake from the tool\'s answer', async () => {
	const rest = await ownerSession(server!.url);
	// The example as shipped, with this n8n's credential IDs; the tool nodes keep their defaults.
	const credentialIds: Record<string, string> = { dastraApi: 'dastraE2eCred01', openAiApi: 'openAiE2eCred01' };
	const nodes = example.nodes.map((node) => ({
		...node,
		...(node.credentials
			? { credentials: Object.fromEntries(Object.entries(node.credentials).map(([type, c]) => [type, { ...c, id: credentialIds[type] }])) }
			: {}),
	}));
	const tools = nodes.filter((n) => n.type === 'n8n-nodes-dastra.dastraTool');
	expect(tools).toHaveLength(5);
	for (const tool of tools) {
		expect(Object.keys(tool).sort()).toEqual(['credentials', 'id', 'name', 'parameters', 'position', 'type', 'typeVersion']);
	}
	// The output schema n8n's editor previews for a tool node's operation, served from the package
	// (n8n 2.4x loads community packages a moment after its REST API answers: waited for, bounded).
	const schemaUrl = `${server!.url}/schemas/n8n-nodes-dastra.dastra/1.0.0/dataSubjectRequest/create.json`;
	let preview: Response | undefined;
	await until('the output schema', async () => (preview = await fetch(schemaUrl)).status === 200);
	expect(Object.keys(((await preview!.json()) as { properties: object }).properties)).toContain('remainingDays');

	const created = await rest('POST', '/workflows', { name: example.name, active: false, settings: example.settings, nodes, connections: example.connections });
	await activateWorkflow(rest, created, server!);

	const deliver = async (mail: object) => {
		// n8n 2.4x registers a published workflow's webhook a moment after answering: a 404 "not
		// registered" (which runs nothing) is tried again for up to 30 s.
		const deadline = Date.now() + 30_000;
		let res: Response;
		let text: string;
		for (;;) {
			res = await fetch(`http://127.0.0.1:${n8n.env.N8N_PORT}/webhook/privacy-inbox`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(mail),
			});
			text = await res.text();
			if (res.status !== 404 || !text.includes('is not registered') || Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		if (res.status !== 200) throw new Error(`webhook answered ${res.status} ${text}\n${await lastExecutionError(rest)}`);
		return (JSON.parse(text) as { output: string }).output;
	};
	const dastraCalls = () => fake.log.map((c) => `${c.method} ${c.path.replace(/^\/v1\/ws\/\d+/, '')}`);

	// 1. A French erasure request whose address the model first copies as written.
	const first = await deliver(mailA);
	expect(fake.dsrs.size).toBe(1);
	const [dsr] = [...fake.dsrs.values()];
	expect(first).toBe(`FILED: #${String(dsr.id)} Erasure`);
	expect(dsr).toMatchObject({
		title: 'Erasure request from Camille Durand',
		areaId: 12,
		purposes: ['Erasure'],
		locale: 'fr',
		email: 'camille.durand@example.fr',
		givenName: 'Camille',
		familyName: 'Durand',
		refId: mailA.messageId,
		message: mailA.text,
	});
	expect([...fake.messages.values()].filter((m) => m.userRequestId === dsr.id)).toEqual([
		expect.objectContaining({ message: 'Bonjour, nous avons bien reçu votre demande et y répondrons sous un mois.' }),
	]);
	// The bad address cost no call: the model's lookup, the entities, Create's own Reference ID check
	// (open, then archived requests), one create, its read-back, the message.
	expect(dastraCalls()).toEqual([
		'GET /DataSubjectRequests',
		'GET /Areas',
		'GET /DataSubjectRequests',
		'GET /DataSubjectRequests',
		'POST /DataSubjectRequests',
		`GET /DataSubjectRequests/${String(dsr.id)}`,
		"POST /DataSubjectMessages",
	]);

	// What the model was offered: five tools, described for it, with the arguments $fromAI declares.
	const offered = model.requests[0].tools!;
	expect(offered.map((t) => t.function.name).sort()).toEqual(Object.values(TOOLS).sort());
	const tool = (name: string) => offered.find((t) => t.function.name === name)!.function;
	expect(tool(TOOLS.create).description).toBe(
		'Create a request for a person exercising a GDPR right (access, erasure, rectification, objection, portability) in Dastra',
	);
	expect(tool(TOOLS.byRef).description).toBe('Get many requests, or find a request by e-mail or Reference ID in Dastra');
	expect(tool(TOOLS.write).description).toBe(
		"Send a message to the person behind a request (they read it in Dastra's request portal) in Dastra",
	);
	const create = tool(TOOLS.create).parameters!;
	expect(Object.keys(create.properties!).sort()).toEqual(['email', 'entityId', 'familyName', 'givenName', 'locale', 'purposes', 'title']);
	expect(create.properties!.entityId).toMatchObject({ type: 'number' });
	expect(create.required!.sort()).toEqual(Object.keys(create.properties!).sort());
	expect(Object.keys(tool(TOOLS.byRef).parameters!.properties!)).toEqual(['referenceId']);

	// The first lookup found nothing: the model read so (n8n would have handed it "").
	const lookups = model.requests.flatMap((r) => toolResults(r)).filter((r) => r.name === TOOLS.byRef);
	expect(lookups[0].content).toBe(
		JSON.stringify([{ found: 0, message: 'Nothing found: Dastra has no data subject request matching this call.' }]),
	);

	// The mistake came back as the tool's answer, in words the model could act on.
	const answers = model.requests.flatMap((r) => toolResults(r)).filter((r) => r.name === TOOLS.create);
	expect(answers[0].content).toBe(
		JSON.stringify([
			{ error: 'Email "camille.durand(at)example.fr" is not a valid email address', description: 'Give an address such as name@example.com.' },
		]),
	);

	// 2. The same e-mail delivered again: the model finds it and files nothing.
	const before = fake.log.length;
	expect(await deliver(mailA)).toBe(`ALREADY FILED: #${String(dsr.id)}`);
	expect(dastraCalls().slice(before)).toEqual(['GET /DataSubjectRequests']);

	// 3. Again, by a model that skips the lookup: Create finds the Reference ID and reuses the request.
	script.skipLookup = true;
	const mark = fake.log.length;
	expect(await deliver(mailA)).toBe(`FILED: #${String(dsr.id)} Erasure`);
	expect(dastraCalls().slice(mark).filter((c) => c.startsWith('POST'))).toEqual(["POST /DataSubjectMessages"]);
	script.skipLookup = false;

	// 4. Not a request: no tool is called.
	const quiet = fake.log.length;
	expect(await deliver(mailB)).toBe('NOT A REQUEST: a question about the newsletter');
	expect(fake.log.length).toBe(quiet);

	// Nothing filed twice.
	expect(fake.dsrs.size).toBe(1);
	expect(dastraCalls().filter((c) => c === 'POST /DataSubjectRequests')).toHaveLength(1);
});
