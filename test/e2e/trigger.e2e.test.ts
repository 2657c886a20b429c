/**
 * The Dastra Trigger live: `n8n start`, an owner, a workflow published through n8n's REST API
 * (Dastra Trigger -> HTTP Request posting each item to the fake), then requests created, updated
 * and closed on the fake between polls: every event arrives once. The trigger polls every 10 s
 * where n8n allows it, once a minute on n8n >= 2.40 (which refuses a poll cron whose seconds field
 * is not one number). n8n answers 200 even when it refuses to activate a workflow (the error is
 * only in its log), so the test checks the workflow is active and that the trigger really polls.
 */
import { FakeDastra } from '../fake-dastra/server';
import { dastraTriggerNode, forwardNode, n8nVersion, setupN8n, startN8n, until, untilQuiet, type N8n } from './harness';
import { activateWorkflow, activationError, ownerSession } from './rest';

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

type Event = { event: string; id: number; previousState?: string | null; previousStepId?: number | null };
const events = () => fake.events as Event[];
const listCalls = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests').length;

const { pollCron, pollEveryMs } = n8nVersion;
// Waits: a poll is at most pollEveryMs away, plus n8n's own lag.
const poll = pollEveryMs + 30_000;
const quietPolls = pollEveryMs <= 10_000 ? 1 : 0;
const pollsAfter = pollEveryMs <= 10_000 ? 2 : 1;

test(`every event arrives once, from a published workflow (n8n ${n8nVersion.version}, cron "${pollCron}")`, async () => {
	const updatedLater = fake.seed({ title: 'Will be updated' });
	const closedLater = fake.seed({ title: 'Will be closed', workFlowStepId: 103 });

	const rest = await ownerSession(server!.url);
	const created = await rest('POST', '/workflows', {
		name: 'Dastra Trigger e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			dastraTriggerNode({
				pollTimes: { item: [{ mode: 'custom', cronExpression: pollCron }] },
				events: ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed'],
				simplify: true,
			}),
			forwardNode(
				fake.baseUrl,
				'={{ JSON.stringify({ event: $json.event, id: $json.id, previousState: $json.previousState, previousStepId: $json.previousStepId }) }}',
				[240, 0],
			),
		],
	});
	await activateWorkflow(rest, created, server!);

	// The first poll records where things stand (it lists the open requests) and emits nothing.
	// Its absence means n8n did not really activate the trigger: say what n8n logged.
	await until(
		'the first poll',
		() => {
			const refused = activationError(server!.output());
			if (refused) throw new Error(`n8n refused to activate the workflow: ${refused}`);
			return fake.log.some((c) => Array.isArray(c.query.states));
		},
		poll,
		server!.output,
	);
	// The poll may still be reading (and the baseline must not see what comes next).
	await untilQuiet('the first poll to finish', () => fake.log.length);
	let seen = listCalls();
	for (let k = 0; k < quietPolls; k++) {
		await until('a quiet poll', () => listCalls() > seen, poll, server!.output);
		await untilQuiet('the quiet poll to finish', () => fake.log.length);
		seen = listCalls();
	}
	expect(events()).toEqual([]);

	const newOne = fake.seed({ title: 'Arrived while active' });
	fake.touch(updatedLater.id, { description: 'changed' });
	fake.touch(closedLater.id, { workFlowStepId: 105 });
	await until('the events', () => events().length >= 6, poll, server!.output);
	// More polls: nothing may come twice.
	seen = listCalls();
	await until(`${pollsAfter} more poll(s)`, () => listCalls() >= seen + pollsAfter, pollsAfter * poll, server!.output);

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
}, 3 * 60_000 + 6 * (pollEveryMs + 30_000));
