/**
 * The Dastra Trigger through the edits of an active workflow and a restart (issue 19): the
 * workflow is saved and published through n8n's REST API as the editor does (PATCH without
 * `staticData`, then publish) to rename the trigger, change its filter, rename another node (and
 * move the trigger and change its Poll Times), with changes in Dastra between (creations, changes,
 * a close, a deadline); then n8n restarts. Every event arrives exactly once. On n8n >= 2.33 it
 * runs on n8n's durable scheduler with poll triggers (N8N_SCHEDULER_ENABLED,
 * N8N_USE_WORKFLOW_PUBLICATION_SERVICE, N8N_SCHEDULER_POLL_TRIGGERS_ENABLED), durable cursors off
 * (the node's static data follows its name there), then on after the restart
 * (N8N_POLLER_DURABLE_CURSORS_ENABLED: the state moves into n8n's cursor row); a request created
 * between Publish and the first scheduled poll must be reported. One workflow run covers all of it (2.4x polls once a minute).
 */
import { dastraDate } from '../fake-dastra/data';
import { FakeDastra } from '../fake-dastra/server';
import { dastraTriggerNode, forwardNode, n8nVersion, setupN8n, startN8n, until, untilQuiet, type N8n } from './harness';
import { activateWorkflow, activationError, ownerSession, type Rest } from './rest';
import { elapsed } from './versions';

const [major, minor] = n8nVersion.version.split('.').map(Number);
const durable = major > 2 || (major === 2 && minor >= 33);
/** n8n's durable scheduler with poll triggers; durable cursors only after the restart (`cursors`). */
const schedulerEnv = (cursors: boolean) =>
	durable
		? {
				N8N_SCHEDULER_ENABLED: 'true',
				N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
				N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
				N8N_POLLER_DURABLE_CURSORS_ENABLED: String(cursors),
			}
		: {};

const fake = new FakeDastra();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
	server = await startN8n(n8n, { env: schedulerEnv(false) });
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	await fake.stop();
});

type Event = { event: string; id: number; previousState?: string | null };
const key = (e: Event) => `${e.event} ${e.id}${e.previousState ? ` ${e.previousState}` : ''}`;
const seen = () => (fake.events as Event[]).map(key);
const listCalls = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests').length;
const poll = n8nVersion.pollEveryMs + 45_000;
// Another Poll Times of the same pace (n8n >= 2.40 takes only one number in the seconds field).
const otherCron = n8nVersion.pollEveryMs >= 60_000 ? '30 * * * * *' : '5,15,25,35,45,55 * * * * *';

/** Waits for a poll that starts after now, and for it to finish. */
async function nextPoll(what: string) {
	const before = listCalls();
	await until(what, () => listCalls() > before, poll, server!.output);
	await untilQuiet(`${what} to finish`, () => fake.log.length);
}

/** Saves the workflow as the editor does (no staticData), then publishes that version. */
async function saveAndPublish(rest: Rest, id: string, edit: (w: { nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> }) => void) {
	const current = (await rest('GET', `/workflows/${id}`)) as Record<string, unknown> & {
		nodes: Array<Record<string, unknown>>;
		connections: Record<string, unknown>;
	};
	edit(current);
	const saved = await rest('PATCH', `/workflows/${id}`, {
		name: current.name,
		nodes: current.nodes,
		connections: current.connections,
		settings: current.settings,
		versionId: current.versionId,
	});
	await activateWorkflow(rest, saved, server!);
}

test(`edits of the active workflow and a restart: every event once (n8n ${n8nVersion.version}${durable ? ', durable scheduler, then durable cursors' : ''})`, async () => {
	const started = Date.now();
	const a = fake.seed({ title: 'A', purposes: ['Erasure'] });
	const b = fake.seed({ title: 'B', purposes: ['Access'] });
	const expected: string[] = [];

	const rest = await ownerSession(server!.url);
	const workflow = await rest('POST', '/workflows', {
		name: 'Dastra Trigger edits e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			dastraTriggerNode({
				pollTimes: { item: [{ mode: 'custom', cronExpression: n8nVersion.pollCron }] },
				events: ['requestCreated', 'requestUpdated', 'stateChanged', 'requestClosed', 'deadlineApproaching'],
				daysBeforeDeadline: 7,
				simplify: true,
			}),
			forwardNode(fake.baseUrl, '={{ JSON.stringify({ event: $json.event, id: $json.id, previousState: $json.previousState }) }}', [240, 0]),
		],
	});
	const id = String(workflow.id);
	await activateWorkflow(rest, workflow, server!);
	// The activation poll (the baseline) lists the open requests.
	await until(
		'the activation poll',
		() => {
			const refused = activationError(server!.output());
			if (refused) throw new Error(`n8n refused to activate the workflow: ${refused}`);
			return fake.log.some((c) => Array.isArray(c.query.states));
		},
		poll,
		server!.output,
	);
	await untilQuiet('the activation poll to finish', () => fake.log.length);

	// Created between Publish and the first scheduled poll.
	const r0 = fake.seed({ title: 'R0', purposes: ['Erasure'] });
	expected.push(`requestCreated ${r0.id}`);
	await nextPoll('the first scheduled poll');
	expect(seen()).toEqual(expected);

	// 1. A change since the last poll, then the trigger renamed (a trigger that lost its state
	// would take a new baseline and swallow the change), and a creation after the save.
	fake.touch(a.id, { description: 'before the rename' });
	await saveAndPublish(rest, id, (w) => {
		const trigger = w.nodes.find((n) => n.name === 'Dastra Trigger')!;
		trigger.name = 'New DSR';
		w.connections = { 'New DSR': w.connections['Dastra Trigger'] };
	});
	const r2 = fake.seed({ title: 'R2', purposes: ['Access'] });
	expected.push(`requestUpdated ${a.id}`, `requestCreated ${r2.id}`);
	await nextPoll('a poll after the rename');

	// 2. Change the filter: only Erasure requests from now on (B is Access).
	await saveAndPublish(rest, id, (w) => {
		const trigger = w.nodes.find((n) => n.name === 'New DSR')!;
		trigger.parameters = { ...(trigger.parameters as object), filters: { purposes: ['Erasure'] } };
	});
	fake.touch(a.id, { description: 'after the filter' });
	fake.touch(b.id, { description: 'filtered out' });
	expected.push(`requestUpdated ${a.id}`);
	await nextPoll('a poll after the filter change');

	// 3. Rename another node, and move the trigger and change its Poll Times in the same save.
	await saveAndPublish(rest, id, (w) => {
		const forward = w.nodes.find((n) => n.name === 'Forward')!;
		forward.name = 'Forward events';
		w.connections = { 'New DSR': { main: [[{ node: 'Forward events', type: 'main', index: 0 }]] } };
		const trigger = w.nodes.find((n) => n.name === 'New DSR')!;
		trigger.position = [-200, 120];
		trigger.parameters = { ...(trigger.parameters as object), pollTimes: { item: [{ mode: 'custom', cronExpression: otherCron }] } };
	});
	// Due in 3 days: a deadline event with its creation.
	const r1 = fake.seed({ title: 'R1', purposes: ['Erasure'], expiryTime: dastraDate(Date.now() + 3 * 86_400_000) });
	expected.push(`requestCreated ${r1.id}`, `deadlineApproaching ${r1.id}`);
	await nextPoll('a poll after renaming Forward');

	// 4. Restart n8n (on 2.4x with durable cursors on from now); R0 is closed meanwhile.
	await server!.stop();
	fake.touch(r0.id, { workFlowStepId: 105 });
	expected.push(`requestUpdated ${r0.id}`, `stateChanged ${r0.id} Open`, `requestClosed ${r0.id} Open`);
	server = await startN8n(n8n, { env: schedulerEnv(true) });
	await nextPoll('a poll after the restart');
	await until('the events', () => seen().length >= expected.length, poll, server.output);
	// One more poll: nothing may come twice.
	await nextPoll('one more poll');
	expect(seen().sort()).toEqual([...expected].sort());
	console.log(`n8n ${n8nVersion.version}: edits and restart e2e took ${elapsed(Date.now() - started)}`);
}, 20 * 60_000);
