/** The Dastra Webhook Trigger's task events, in n8n-core's real contexts, against the fake. */
import type { IDataObject } from 'n8n-workflow';

import { DastraWebhookTrigger } from '../../../../nodes/Dastra/DastraWebhookTrigger.node';
import { TASK_EVENT_OPTIONS } from '../../../../nodes/Dastra/webhook/taskEvents';
import { clearWebhooks, NOTIFICATION_CHANNELS, webhooks } from '../../../fake-dastra/routes/webhooks';
import { seedTask, touchTask, viewTask } from '../../../fake-dastra/tasks';
import { useFakeDastra } from '../../../harness/dastra';
import { deliverAndSettle, delivered, webhookTriggerHarness } from '../../../harness/webhook';

const { fake } = useFakeDastra();
let harness: Awaited<ReturnType<typeof webhookTriggerHarness>> | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
	clearWebhooks(fake);
});

const TASK_EVENTS = ['TaskCreation', 'TaskEdit', 'TaskChangeState', 'TaskAssigned', 'TaskArchived'];

async function active(parameters: IDataObject = {}) {
	harness = await webhookTriggerHarness({ events: TASK_EVENTS, ...parameters }, { dastraApi: fake.credentials() as never });
	await harness.activate();
	fake.reset();
	return harness;
}

/** Dastra delivers `eventType` to the one webhook; then the node's run is waited for. */
async function send(eventType: string, data: unknown) {
	const [d] = await deliverAndSettle(harness!, fake, eventType, data);
	return d;
}

describe('Dastra Webhook Trigger, task events', () => {
	it("offers Dastra's five task events, after the request events", () => {
		const events = new DastraWebhookTrigger().description.properties.find((p) => p.name === 'events')!;
		const values = (events.options as Array<{ value: string }>).map((o) => o.value);
		expect(values.slice(-5)).toEqual(TASK_EVENTS);
		expect(TASK_EVENT_OPTIONS.map((o) => o.value)).toEqual(TASK_EVENTS);
		for (const e of TASK_EVENTS) expect(NOTIFICATION_CHANNELS).toContain(e);
	});

	it('registers the task events', async () => {
		await active();
		expect(webhooks(fake)[0].subscribedEvents).toEqual(TASK_EVENTS);
	});

	it.each(TASK_EVENTS)('%s: one item, the task as Dastra holds it now, with requestId', async (event) => {
		const h = await active();
		const request = fake.seed({});
		const task = seedTask(fake, { label: 'Erase the CRM', objectId: String(request.id) });
		const sent = viewTask(fake, fake.tasks.get(task.id as number)!);
		// Changed in Dastra after the event was sent.
		touchTask(fake, task.id as number, { state: 'Closed', assignedToUserId: 302 });
		const d = await send(event, sent);
		expect(d.status).toBe(200);
		expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v1/ws/7/Tasks/${task.id}`]);
		expect(h.received[0].items).toEqual([
			{ ...viewTask(fake, fake.tasks.get(task.id as number)!), requestId: request.id, resolved: true, ...delivered(d, event) },
		]);
	});

	it('Resolve off: the task as sent, no call', async () => {
		const h = await active({ options: { resolveRequest: false } });
		const d = await send('TaskCreation', { id: 77, label: 'As sent', objectType: 'DataSubject', objectId: '1000' });
		expect(fake.log).toEqual([]);
		expect(h.received[0].items).toEqual([{ id: 77, label: 'As sent', objectType: 'DataSubject', objectId: '1000', requestId: 1000, resolved: false, ...delivered(d, 'TaskCreation') }]);
	});

	it('a task deleted since: the payload with taskDeleted', async () => {
		const h = await active();
		const d = await send('TaskArchived', { id: 4242, label: 'Gone', objectType: 'DataBreach', objectId: '5' });
		expect(h.received[0].items).toEqual([{ id: 4242, label: 'Gone', objectType: 'DataBreach', objectId: '5', resolved: false, taskDeleted: true, ...delivered(d, 'TaskArchived') }]);
	});

	it('reading the task fails: the event still comes out, with the error', async () => {
		const h = await active();
		const task = seedTask(fake);
		fake.faults.push({ match: (c) => c.path.includes('/Tasks/'), status: 403, body: { message: 'no access' }, times: 5 });
		const d = await send('TaskEdit', { id: task.id });
		expect(d.status).toBe(200);
		expect(h.received[0].items).toEqual([
			{ id: task.id, resolved: false, resolveError: { message: 'The API key may not do this in workspace 7 (403 Forbidden)', httpCode: '403' }, ...delivered(d, 'TaskEdit') },
		]);
	});

	it("the fake's delivery route sends a stored task as the event's data", async () => {
		const h = await active({ options: { resolveRequest: false } });
		const task = seedTask(fake, { label: 'Purge backups' });
		const res = await fetch(`${fake.baseUrl}/__fake/webhooks/deliver`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ eventType: 'TaskChangeState', taskId: task.id }),
		});
		const { run } = (await res.json()) as { run: number };
		let out: { done: boolean; deliveries: Array<{ status: number }> } = { done: false, deliveries: [] };
		for (let k = 0; k < 100 && !out.done; k++) {
			out = (await (await fetch(`${fake.baseUrl}/__fake/webhooks/deliveries/${run}`)).json()) as typeof out;
			if (!out.done) await new Promise((r) => setImmediate(r));
		}
		await h.settled();
		expect(out.deliveries.map((x) => x.status)).toEqual([200]);
		expect(h.received[0].items).toEqual([expect.objectContaining({ id: task.id, label: 'Purge backups', resolved: false, event: 'TaskChangeState' })]);
	});
});
