/**
 * Dastra Trigger over a workspace of 100,000 requests, 5,000 of them open (the fake in a child
 * process): API calls per idle poll, calls per poll with 50 changes, poll wall time, and the
 * static data size after 1,000 polls.
 */
import { triggerHarness } from '../harness/n8n';
import { startFakeProcess } from './util';

const EVENTS = ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed', 'deadlineApproaching', 'requestOverdue'];

export async function benchTrigger(total = 100_000, open = 5_000, polls = 1_000): Promise<void> {
	const fake = await startFakeProcess(['--bulk', String(total), '--closed-share', String(1 - open / total)]);
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

		const idle = { calls: 0, ms: 0 };
		const busy = { calls: 0, ms: 0, items: 0, polls: 0 };
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
			const log = await fake.log();
			// The fake's own time (filtering 100,000 requests in JavaScript) is not the trigger's.
			const ms = Date.now() - started - log.reduce((sum, c) => sum + (c.ms ?? 0), 0);
			const calls = log.length;
			if (changing) {
				busy.calls += calls;
				busy.ms += ms;
				busy.items += items?.length ?? 0;
				busy.polls++;
			} else {
				idle.calls += calls;
				idle.ms += ms;
			}
		}
		const idlePolls = polls - busy.polls;
		const bytes = Buffer.byteLength(JSON.stringify(t.staticData));
		console.log(`Dastra Trigger, ${total} requests (${open} open), ${polls} polls`);
		console.log(`  activation:                 ${activation.calls} calls, ${activation.ms.toFixed(0)} ms`);
		console.log(`  idle poll:                  ${(idle.calls / idlePolls).toFixed(2)} calls, ${(idle.ms / idlePolls).toFixed(0)} ms`);
		console.log(`  poll after 50 changes:      ${(busy.calls / busy.polls).toFixed(2)} calls, ${(busy.ms / busy.polls).toFixed(0)} ms, ${(busy.items / busy.polls).toFixed(0)} items`);
		console.log('  (poll times are n8n-side: the time the fake API spent answering is subtracted)');
		console.log(`  static data after ${polls} polls: ${bytes} bytes`);
	} finally {
		await fake.stop();
	}
}
