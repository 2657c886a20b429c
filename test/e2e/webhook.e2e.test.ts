/**
 * The Dastra Webhook Trigger live: `n8n start` with WEBHOOK_URL on the loopback address (so the
 * fake can reach it), a workflow published through n8n's REST API (Webhook Trigger -> HTTP
 * Request posting each item to the fake), then Dastra's deliveries: one registration, one
 * execution per signed delivery, none for a spoiled one, one DELETE on deactivation.
 */
import { FakeDastra } from '../fake-dastra/server';
import { clearWebhooks, deliver, webhooks } from '../fake-dastra/routes/webhooks';
import { setupN8n, startN8n, until, type N8n } from './harness';
import { activateWorkflow, ownerSession } from './rest';

const fake = new FakeDastra();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
	server = await startN8n(n8n);
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	clearWebhooks(fake);
	await fake.stop();
});

type Event = { event: string; id: number; title: string; webhookId: number };
const events = () => fake.events as Event[];
const hookCalls = () => fake.log.filter((c) => c.path.startsWith('/v1/WebHookUrls'));

test('registers on activation, runs once per signed delivery, never for a spoiled one, deletes on deactivation', async () => {
	const rest = await ownerSession(server!.url);

	const created = await rest('POST', '/workflows', {
		name: 'Dastra Webhook Trigger e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Webhook Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'webhook-trigger',
				name: 'Dastra Webhook Trigger',
				type: 'n8n-nodes-dastra.dastraWebhookTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '9b2f7c1e-4a3d-4f5e-8c6b-7d8e9f0a1b2c',
				parameters: { events: ['DataSubjectCreation', 'DataSubjectStateChange'], options: {} },
				credentials: { dastraApi: { id: 'dastraE2eCred01', name: 'Dastra e2e' } },
			},
			{
				id: 'forward',
				name: 'Forward',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: `${fake.baseUrl}/__fake/events`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ event: $json.event, id: $json.id, title: $json.title, webhookId: $json.webhookId }) }}',
					options: {},
				},
			},
		],
	});
	await activateWorkflow(rest, created, server!);

	// One registration, for the production URL n8n derives from WEBHOOK_URL.
	await until('the registration', () => webhooks(fake).length === 1);
	const [hook] = webhooks(fake);
	expect(hook.url).toBe(`http://127.0.0.1:${n8n.env.N8N_PORT}/webhook/9b2f7c1e-4a3d-4f5e-8c6b-7d8e9f0a1b2c/webhook`);
	expect(hook.subscribedEvents).toEqual(['DataSubjectCreation', 'DataSubjectStateChange']);
	expect(hookCalls().map((c) => `${c.method} ${c.path}`)).toEqual(['GET /v1/WebHookUrls', 'POST /v1/WebHookUrls']);

	// Two signed deliveries: two executions, each the request as Dastra holds it.
	const first = fake.seed({ title: 'First' });
	const second = fake.seed({ title: 'Second' });
	const signed1 = await deliver(fake, 'DataSubjectCreation', { id: first.id });
	const signed2 = await deliver(fake, 'DataSubjectStateChange', { id: second.id });
	expect([...signed1, ...signed2].map((d) => d.status)).toEqual([200, 200]);
	await until('two executions', () => events().length >= 2);

	// Spoiled ones: 401, and no execution (not even an error one).
	const spoiled = [
		...(await deliver(fake, 'DataSubjectCreation', { id: first.id }, 'signature')),
		...(await deliver(fake, 'DataSubjectCreation', { id: first.id }, 'body')),
		...(await deliver(fake, 'DataSubjectCreation', { id: first.id }, 'missing')),
	];
	expect(spoiled.map((d) => d.status)).toEqual([401, 401, 401]);
	// A multipart body, which n8n's form parser consumes before the node runs; a replay of signed bytes.
	const multipart = new FormData();
	multipart.append('webhookId', String(hook.id));
	const post = (body: BodyInit, headers: Record<string, string> = {}) =>
		fetch(hook.url, { method: 'POST', headers, body }).then((r) => r.status);
	expect(await post(multipart, { 'Dastra-Signature': signed1[0].signature! })).toBe(401);
	expect(await post(signed1[0].body, { 'content-type': 'application/json', 'Dastra-Signature': signed1[0].signature! })).toBe(401);

	// A signed sentinel last: once it has run, every execution the deliveries above could start exists.
	const sentinel = fake.seed({ title: 'Sentinel' });
	expect((await deliver(fake, 'DataSubjectCreation', { id: sentinel.id })).map((d) => d.status)).toEqual([200]);
	await until('the sentinel', () => events().some((e) => e.id === sentinel.id));
	expect(
		events()
			.map((e) => `${e.event} ${e.id} ${e.title} ${e.webhookId}`)
			.sort(),
	).toEqual(
		[
			`DataSubjectCreation ${first.id} First ${hook.id}`,
			`DataSubjectStateChange ${second.id} Second ${hook.id}`,
			`DataSubjectCreation ${sentinel.id} Sentinel ${hook.id}`,
		].sort(),
	);
	const executions = async () => {
		const data = (await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: created.id }))}`)) as {
			results: Array<{ status: string }>;
		};
		return data.results.map((e) => e.status);
	};
	// The sentinel's execution may still be finishing: wait until none is running, then count.
	let statuses = await executions();
	for (const deadline = Date.now() + 30_000; statuses.some((s) => s !== 'success' && s !== 'error') && Date.now() < deadline; ) {
		await new Promise((r) => setTimeout(r, 250));
		statuses = await executions();
	}
	expect(statuses).toEqual(['success', 'success', 'success']);

	// Deactivation: one DELETE of this webhook.
	fake.log = [];
	await rest('POST', `/workflows/${String(created.id)}/deactivate`, {});
	await until('the deletion', () => webhooks(fake).length === 0);
	expect(hookCalls().map((c) => `${c.method} ${c.path}`)).toEqual([`DELETE /v1/WebHookUrls/${hook.id}`]);
});
