/**
 * The Dastra Webhook Trigger live: `n8n start` with WEBHOOK_URL on the loopback address (so the
 * fake can reach it) and TZ=Europe/Paris (n8n as a French team runs it; the fake writes payload
 * dates as Dastra does, UTC without an offset), a workflow published through n8n's REST API
 * (Webhook Trigger -> HTTP Request posting each item to the fake), then Dastra's deliveries: one
 * registration, one execution per signed delivery, none for a spoiled one or a replay, late
 * deliveries run once marked late, one DELETE on deactivation.
 */
import { FakeDastra } from '../fake-dastra/server';
import { clearWebhooks, deliver, webhooks, type Delivery } from '../fake-dastra/routes/webhooks';
import { setupN8n, startN8n, until, type N8n } from './harness';
import { activateWorkflow, ownerSession, type Rest } from './rest';

const fake = new FakeDastra();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;
let rest: Rest;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	// Not UTC: an offset-less date read as local time would be an hour off (issue 17).
	n8n.env.TZ = 'Europe/Paris';
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
	server = await startN8n(n8n);
	// One owner set-up per n8n: the REST client is shared by the tests.
	rest = await ownerSession(server.url);
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	clearWebhooks(fake);
	await fake.stop();
});

type Event = { event: string; id: number; title: string; webhookId: number; late: boolean };
const events = () => fake.events as Event[];
const hookCalls = () => fake.log.filter((c) => c.path.startsWith('/v1/WebHookUrls'));

/** Creates and activates Webhook Trigger -> Forward (each item's event, id, title, webhookId, late to the fake). */
async function activeWorkflow(name: string, webhookId: string) {
	const created = await rest('POST', '/workflows', {
		name,
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
				webhookId,
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
					jsonBody:
						'={{ JSON.stringify({ event: $json.event, id: $json.id, title: $json.title, webhookId: $json.webhookId, late: $json.late }) }}',
					options: {},
				},
			},
		],
	});
	await activateWorkflow(rest, created, server!);
	/** The statuses of the workflow's executions, once none is still running (bounded). */
	const executions = async () => {
		const list = async () => {
			const data = (await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: created.id }))}`)) as {
				results: Array<{ status: string }>;
			};
			return data.results.map((e) => e.status);
		};
		let statuses = await list();
		for (const deadline = Date.now() + 30_000; statuses.some((s) => s !== 'success' && s !== 'error') && Date.now() < deadline; ) {
			await new Promise((r) => setTimeout(r, 250));
			statuses = await list();
		}
		return statuses;
	};
	return { created, executions };
}

test('registers on activation, runs once per signed delivery, never for a spoiled one or a replay, deletes on deactivation', async () => {
	const { created, executions } = await activeWorkflow('Dastra Webhook Trigger e2e', '9b2f7c1e-4a3d-4f5e-8c6b-7d8e9f0a1b2c');

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
	// A multipart body, which n8n's form parser consumes before the node runs: 401. A replay of
	// signed bytes: 200 (Dastra's own bytes are never refused), and nothing runs.
	const multipart = new FormData();
	multipart.append('webhookId', String(hook.id));
	const post = (body: BodyInit, headers: Record<string, string> = {}) =>
		fetch(hook.url, { method: 'POST', headers, body }).then((r) => r.status);
	expect(await post(multipart, { 'Dastra-Signature': signed1[0].signature! })).toBe(401);
	expect(await post(signed1[0].body, { 'content-type': 'application/json', 'Dastra-Signature': signed1[0].signature! })).toBe(200);

	// A signed sentinel last: once it has run, every execution the deliveries above could start exists.
	const sentinel = fake.seed({ title: 'Sentinel' });
	expect((await deliver(fake, 'DataSubjectCreation', { id: sentinel.id })).map((d) => d.status)).toEqual([200]);
	await until('the sentinel', () => events().some((e) => e.id === sentinel.id));
	// Fresh deliveries, dated without an offset and read as UTC in Paris: not late.
	expect(
		events()
			.map((e) => `${e.event} ${e.id} ${e.title} ${e.webhookId} late=${e.late}`)
			.sort(),
	).toEqual(
		[
			`DataSubjectCreation ${first.id} First ${hook.id} late=false`,
			`DataSubjectStateChange ${second.id} Second ${hook.id} late=false`,
			`DataSubjectCreation ${sentinel.id} Sentinel ${hook.id} late=false`,
		].sort(),
	);
	// The sentinel's execution may still be finishing: executions() waits until none is running.
	expect(await executions()).toEqual(['success', 'success', 'success']);

	// Deactivation: one DELETE of this webhook.
	fake.log = [];
	await rest('POST', `/workflows/${String(created.id)}/deactivate`, {});
	await until('the deletion', () => webhooks(fake).length === 0);
	expect(hookCalls().map((c) => `${c.method} ${c.path}`)).toEqual([`DELETE /v1/WebHookUrls/${hook.id}`]);
});

test('late deliveries (Dastra has a backlog) get 200 and run once marked late; replays run nothing; Dastra never blocks the webhook', async () => {
	fake.events = [];
	const { created, executions } = await activeWorkflow('Dastra Webhook Trigger late e2e', '4c1d8e2f-7a6b-4e3c-9d5f-0a1b2c3d4e5f');
	await until('the registration', () => webhooks(fake).length === 1);
	const [hook] = webhooks(fake);
	// A fresh signed delivery: runs once.
	const fresh = fake.seed({ title: 'Fresh' });
	const [freshDelivery] = await deliver(fake, 'DataSubjectCreation', { id: fresh.id });
	expect(freshDelivery.status).toBe(200);
	// Dated as Dastra dates: UTC without an offset, which n8n in Paris must not read as local time.
	expect(JSON.parse(freshDelivery.body).date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
	await until('the fresh delivery', () => events().some((e) => e.id === fresh.id));

	// Six signed deliveries dated an hour ago (more than 5 errors would block the webhook): each 200, each runs once, late.
	const late = Array.from({ length: 6 }, (_, k) => fake.seed({ title: `Late ${k}` }));
	const lateDeliveries: Delivery[] = [];
	for (const dsr of late) lateDeliveries.push(...(await deliver(fake, 'DataSubjectCreation', { id: dsr.id }, undefined, { at: Date.now() - 3_600_000 })));
	expect(lateDeliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
	await until('the six late deliveries', () => late.every((d) => events().some((e) => e.id === d.id)));
	expect(webhooks(fake)[0]).toMatchObject({ inError: false, nbErrors: 0 });

	// The same bytes again (the fresh one and a late one): 200, nothing runs.
	const resend = (d: Delivery) =>
		fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'Dastra-Signature': d.signature! }, body: d.body }).then((r) => r.status);
	expect([await resend(freshDelivery), await resend(lateDeliveries[0])]).toEqual([200, 200]);

	// A fresh delivery after them still runs; once it has, every execution the deliveries above could start exists.
	const after = fake.seed({ title: 'After' });
	expect((await deliver(fake, 'DataSubjectCreation', { id: after.id })).map((d) => d.status)).toEqual([200]);
	await until('the delivery after', () => events().some((e) => e.id === after.id));
	expect(
		events()
			.map((e) => `${e.id} ${e.title} late=${e.late}`)
			.sort(),
	).toEqual(
		[
			`${fresh.id} Fresh late=false`,
			...late.map((d, k) => `${d.id} Late ${k} late=true`),
			`${after.id} After late=false`,
		].sort(),
	);
	expect(await executions()).toEqual(Array(8).fill('success'));
	expect(webhooks(fake)[0]).toMatchObject({ inError: false, nbErrors: 0 });
	// The replays are in n8n's log, with what they were about.
	expect(server!.output()).toMatch(new RegExp(`already accepted at .* \\(a replay\\)\\. Event DataSubjectCreation, webhook ${hook.id}`));

	await rest('POST', `/workflows/${String(created.id)}/deactivate`, {});
	await until('the deletion', () => webhooks(fake).length === 0);
});
