/**
 * Tasks in a real n8n: the Dastra node's Task Create and Get Many through `n8n execute`, and the
 * Dastra Trigger's task events from a published workflow (Dastra Trigger -> HTTP Request posting
 * each item to the fake): every event arrives once, and the request list is never read.
 */
import { seedTask, touchTask } from '../fake-dastra/tasks';
import { FakeDastra } from '../fake-dastra/server';
import { chain, dastraNode, dastraTriggerNode, forwardNode, manualTrigger, n8nVersion, output, setupN8n, startN8n, until, untilQuiet, type N8n } from './harness';
import { activateWorkflow, activationError, ownerSession } from './rest';

const fake = new FakeDastra();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	await fake.stop();
});

test('Task Create on a request, then Get Many of its tasks', async () => {
	const request = fake.seed({ title: 'E2E erasure', purposes: ['Erasure'] });
	seedTask(fake, { label: 'Another request', objectId: '999' });
	fake.reset();
	const run = await n8n.execute(
		chain('e2eTasks000001', [
			manualTrigger,
			dastraNode(
				'Create Task',
				{
					resource: 'task',
					operation: 'create',
					label: 'Erase the CRM',
					additionalFields: { requestId: request.id, assignedToUserId: 302, deadline: '2030-01-31T17:00:00+01:00', priority: 'High', tagIds: [211] },
				},
				[200, 0],
			),
			dastraNode('Its Tasks', { resource: 'task', operation: 'getAll', returnAll: true, filters: { requestId: request.id } }, [400, 0], { executeOnce: true }),
		]),
	);
	expect(output(run, 'Create Task').map((i) => i.json)).toEqual([
		expect.objectContaining({ label: 'Erase the CRM', objectId: String(request.id), assignedToUserId: 302, deadline: '2030-01-31T16:00:00.000Z', priority: 'High' }),
	]);
	const id = output(run, 'Create Task')[0].json.id;
	expect(output(run, 'Its Tasks').map((i) => i.json.id)).toEqual([id]);
	expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /v1/ws/7/Tags', 'POST /v1/ws/7/Tasks', 'GET /v1/ws/7/Tasks']);
	expect(fake.log[1].body).toEqual({
		label: 'Erase the CRM',
		objectId: String(request.id),
		objectType: 'DataSubject',
		assignedToUserId: 302,
		deadline: '2030-01-31T16:00:00.000Z',
		priority: 'High',
		tags: [{ id: 211, label: 'Erasure', type: 'Task', color: '#aa00aa' }],
	});
});

type Event = { event: string; id: number; requestId?: number };
const events = () => fake.events as Event[];
const taskLists = () => fake.log.filter((c) => c.path === '/v1/ws/7/Tasks').length;
const { pollCron, pollEveryMs } = n8nVersion;
const poll = pollEveryMs + 30_000;
const pollsAfter = pollEveryMs <= 10_000 ? 2 : 1;

test(`the task trigger: created, completed and overdue arrive once (n8n ${n8nVersion.version}, cron "${pollCron}")`, async () => {
	fake.clear();
	fake.events = [];
	fake.reset();
	const request = fake.seed({ title: 'E2E tasks' });
	const closedLater = seedTask(fake, { label: 'Will be closed', objectId: String(request.id) });
	server = await startN8n(n8n);
	const rest = await ownerSession(server.url);
	const created = await rest('POST', '/workflows', {
		name: 'Dastra task trigger e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			dastraTriggerNode({ pollTimes: { item: [{ mode: 'custom', cronExpression: pollCron }] }, events: ['taskCreated', 'taskCompleted', 'taskOverdue'] }),
			forwardNode(fake.baseUrl, '={{ JSON.stringify({ event: $json.event, id: $json.id, requestId: $json.requestId }) }}', [240, 0]),
		],
	});
	await activateWorkflow(rest, created, server);
	await until(
		'the first poll',
		() => {
			const refused = activationError(server!.output());
			if (refused) throw new Error(`n8n refused to activate the workflow: ${refused}`);
			return taskLists() > 0;
		},
		poll,
		server.output,
	);
	await untilQuiet('the first poll to finish', () => fake.log.length);
	expect(events()).toEqual([]);

	const late = seedTask(fake, { label: 'Already late', objectId: String(request.id), deadline: new Date(Date.now() - 86_400_000).toISOString().replace('Z', '') });
	touchTask(fake, closedLater.id as number, { state: 'Closed' });
	await until('the events', () => events().length >= 3, poll, server.output);
	const seen = taskLists();
	await until(`${pollsAfter} more poll(s)`, () => taskLists() >= seen + pollsAfter, pollsAfter * poll, server.output);

	expect(events().map((e) => `${e.event} ${e.id} ${e.requestId}`).sort()).toEqual(
		[`taskCreated ${late.id} ${request.id}`, `taskOverdue ${late.id} ${request.id}`, `taskCompleted ${closedLater.id} ${request.id}`].sort(),
	);
	// Only task events chosen: the request list is never read.
	expect(fake.log.filter((c) => c.path.startsWith('/v1/ws/7/DataSubjectRequests'))).toEqual([]);
}, 3 * 60_000 + 6 * (pollEveryMs + 30_000));
