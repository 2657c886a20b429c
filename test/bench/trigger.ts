/**
 * Dastra Trigger over a workspace of 100,000 requests, 5,000 of them open (the fake in a child
 * process), for each API behaviour (rule and sort honoured; rule ignored; both ignored): calls per
 * idle poll, calls per poll after 50 changes, poll wall time, and the static data size.
 */
import { triggerHarness } from '../harness/n8n';
import { startFakeProcess } from './util';

const EVENTS = ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed', 'deadlineApproaching', 'requestOverdue'];

const BEHAVIOURS = [
	{ name: 'rule and sort honoured', args: [] as string[] },
	{ name: 'rule ignored, sort honoured', args: ['--ignore-rules'] },
	{ name: 'rule and sort ignored', args: ['--ignore-rules', '--ignore-sort'] },
];

export async function benchTrigger(total = 100_000, open = 5_000, polls = 200, pollsWhenAllRead = 10): Promise<void> {
	console.log(`Dastra Trigger, ${total} requests (${open} open); every 10th poll follows 50 changes`);
	console.log('  (poll times are n8n-side: the time the fake API spent answering is subtracted)');
	for (const behaviour of BEHAVIOURS) {
		const n = behaviour.args.length === 2 ? pollsWhenAllRead : polls;
		await benchOne(behaviour.name, behaviour.args, total, open, n);
	}
}

async function benchOne(name: string, args: string[], total: number, open: number, polls: number) {
	const fake = await startFakeProcess(['--bulk', String(total), '--closed-share', String(1 - open / total), ...args]);
	const base = fake.credentials.baseUrl;
	try {
		const t = triggerHarness({ events: EVENTS, daysBeforeDeadline: 7 }, { dastraApi: fake.credentials });
		let started = Date.now();
		await t.poll();
		const activationLog = await fake.log();
		const activation = {
			ms: Date.now() - started - activationLog.reduce((sum, c) => sum + (c.ms ?? 0), 0),
			calls: activationLog.length,
		};

		const idle = { calls: 0, ms: 0, wall: 0, polls: 0 };
		const busy = { calls: 0, ms: 0, wall: 0, items: 0, polls: 0 };
		const firstOpenId = 1000 + (total - open);
		for (let p = 0; p < polls; p++) {
			// Every 10th poll follows 50 changes (updates and step moves on open requests); the others are idle.
			const changing = p % 10 === 0;
			if (changing) {
				for (let k = 0; k < 50; k++) {
					const id = firstOpenId + ((p * 50 + k) % open);
					await fetch(`${base}/__fake/requests/${id}`, {
						method: 'PATCH',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(k % 2 ? { description: `poll ${p}` } : { workFlowStepId: 101 + ((p + k) % 4) }),
					});
				}
			}
			await fake.clearLog();
			started = Date.now();
			const items = await t.poll();
			const wall = Date.now() - started;
			const log = await fake.log();
			// The fake's own time (filtering 100,000 requests in JavaScript) is not the trigger's.
			const ms = wall - log.reduce((sum, c) => sum + (c.ms ?? 0), 0);
			const bucket = changing ? busy : idle;
			bucket.calls += log.length;
			bucket.ms += ms;
			bucket.wall += wall;
			bucket.polls++;
			if (changing) busy.items += items?.length ?? 0;
		}
		const bytes = Buffer.byteLength(JSON.stringify(t.staticData));
		const per = (b: { calls: number; ms: number; wall: number; polls: number }) =>
			`${(b.calls / b.polls).toFixed(2)} calls, ${(b.ms / b.polls).toFixed(0)} ms n8n-side (${(b.wall / b.polls).toFixed(0)} ms wall with the fake)`;
		console.log(`${name} (${polls} polls)`);
		console.log(`  activation:            ${activation.calls} calls, ${activation.ms.toFixed(0)} ms`);
		console.log(`  idle poll:             ${per(idle)}`);
		console.log(`  poll after 50 changes: ${per(busy)}, ${(busy.items / busy.polls).toFixed(0)} items`);
		console.log(`  static data:           ${bytes} bytes`);
	} finally {
		await fake.stop();
	}
}
