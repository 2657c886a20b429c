/**
 * The Dastra Trigger live: `n8n start`, an owner, a workflow published through n8n's REST API
 * (Dastra Trigger polling every 10 s -> HTTP Request posting each item to the fake), then
 * requests created, updated and closed on the fake between polls: every event arrives once.
 */
import { FakeDastra } from '../fake-dastra/server';
import { setupN8n, startN8n, type N8n } from './harness';

const fake = new FakeDastra();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
	server = await startN8n(n8n);
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	await fake.stop();
});

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => boolean, ms = 60_000) {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

type Event = { event: string; id: number; previousState?: string | null; previousStepId?: number | null };
const events = () => fake.events as Event[];
const listCalls = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests').length;

test('every event arrives once, from a published workflow', async () => {
	const updatedLater = fake.seed({ title: 'Will be updated' });
	const closedLater = fake.seed({ title: 'Will be closed', workFlowStepId: 103 });

	const browser = { 'browser-id': 'n8n-dastra-e2e' };
	const setup = await fetch(`${server!.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...browser },
		body: JSON.stringify({ email: 'owner@example.org', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-123' }),
	});
	expect(setup.status).toBe(200);
	const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	const rest = async (method: string, path: string, body?: object) => {
		const res = await fetch(`${server!.url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie, ...browser },
			body: body ? JSON.stringify(body) : undefined,
		});
		const json = (await res.json()) as { data: Record<string, unknown> };
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
		return json.data;
	};

	const created = await rest('POST', '/workflows', {
		name: 'Dastra Trigger e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'trigger',
				name: 'Dastra Trigger',
				type: 'n8n-nodes-dastra.dastraTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] },
					events: ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed'],
					simplify: true,
				},
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
					jsonBody: '={{ JSON.stringify({ event: $json.event, id: $json.id, previousState: $json.previousState, previousStepId: $json.previousStepId }) }}',
					options: {},
				},
			},
		],
	});
	await rest('POST', `/workflows/${String(created.id)}/activate`, { versionId: created.versionId });

	// The first poll records where things stand (it lists the open requests) and emits nothing.
	await until('the first poll', () => fake.log.some((c) => Array.isArray(c.query.states)), 40_000);
	const afterBaseline = listCalls();
	await until('a second poll', () => listCalls() > afterBaseline + 1, 30_000);
	expect(events()).toEqual([]);

	const newOne = fake.seed({ title: 'Arrived while active' });
	fake.touch(updatedLater.id, { description: 'changed' });
	fake.touch(closedLater.id, { workFlowStepId: 105 });
	await until('the events', () => events().length >= 6, 40_000);
	// Two more polls: nothing may come twice.
	const seen = listCalls();
	await until('two more polls', () => listCalls() >= seen + 2, 40_000);

	const key = (e: Event) => `${e.event} ${e.id} ${e.previousState ?? ''} ${e.previousStepId ?? ''}`.trim();
	expect(events().map(key).sort()).toEqual(
		[
			`requestCreated ${newOne.id}`,
			`requestUpdated ${updatedLater.id}`,
			`requestUpdated ${closedLater.id}`,
			`stateChanged ${closedLater.id} Processing`,
			`requestClosed ${closedLater.id} Processing`,
			`stepChanged ${closedLater.id}  103`,
		].sort(),
	);
});
