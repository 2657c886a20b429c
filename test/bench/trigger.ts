/**
 * Dastra Trigger over a workspace of 100,000 requests, 5,000 of them open (the fake in a child
 * process), for each API behaviour (rule and sort honoured; rule ignored; both ignored) and each
 * latency: calls per idle poll, calls per poll after 50 changes, poll wall time, and the static
 * data size. When both are ignored every poll reads the whole workspace (200 calls): the run is
 * the activation and one poll after 50 changes, so it stays within Dastra's 500 calls a minute
 * (a trigger polling that workspace every minute spends 200 of them).
 */
import { triggerHarness } from '../harness/n8n';
import { FAKE_ARGS, startFakeProcess } from './util';

const EVENTS = ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed', 'deadlineApproaching', 'requestOverdue'];

const BEHAVIOURS = [
	{ name: 'rule and sort honoured', args: [] as string[] },
	{ name: 'rule ignored, sort honoured', args: ['--ignore-rules'] },
	{ name: 'rule and sort ignored', args: ['--ignore-rules', '--ignore-sort'] },
];

/** Runs every behaviour at every latency; returns the 429s the fakes gave. */
export async function benchTrigger(total = 100_000, open = 5_000, latencies = [0], only?: string): Promise<number> {
	console.log(`Dastra Trigger, ${total} requests (${open} open); every 10th poll follows 50 changes`);
	console.log('  (n8n-side: the time the fake spent answering, latency aside, is subtracted; wall: as measured)');
	let limited = 0;
	for (const latency of latencies) {
		for (const behaviour of BEHAVIOURS) {
			if (only && !behaviour.name.includes(only)) continue;
			const polls = behaviour.args.length === 2 ? 1 : latency ? 20 : 100;
			limited += await benchOne(behaviour.name, [...behaviour.args, '--latency', String(latency)], total, open, polls, latency);
		}
	}
	return limited;
}

async function benchOne(name: string, args: string[], total: number, open: number, polls: number, latency: number) {
	const fake = await startFakeProcess(['--bulk', String(total), '--closed-share', String(1 - open / total), ...FAKE_ARGS, ...args]);
	const base = fake.credentials.baseUrl;
	try {
		const t = triggerHarness({ events: EVENTS, daysBeforeDeadline: 7 }, { dastraApi: fake.credentials });
		let started = Date.now();
		await t.poll();
		const activationWall = Date.now() - started;
		const activationLog = await fake.log();
		const activation = {
			wall: activationWall,
			ms: activationWall - activationLog.reduce((sum, c) => sum + (c.ms ?? 0), 0),
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
			b.polls
				? `${(b.calls / b.polls).toFixed(2)} calls, ${(b.ms / b.polls).toFixed(0)} ms n8n-side, ${(b.wall / b.polls).toFixed(0)} ms wall`
				: 'not run (as after changes)';
		console.log(`${name}, ${latency} ms latency (${polls} polls)`);
		console.log(`  activation:            ${activation.calls} calls, ${activation.ms.toFixed(0)} ms n8n-side, ${activation.wall} ms wall`);
		console.log(`  idle poll:             ${per(idle)}`);
		console.log(`  poll after 50 changes: ${per(busy)}, ${(busy.items / busy.polls).toFixed(0)} items`);
		console.log(`  static data:           ${bytes} bytes`);
		return await fake.rateLimited();
	} finally {
		await fake.stop();
	}
}
