/**
 * Dastra Trigger, task events only, over a workspace of N tasks (the fake in this process): calls
 * and n8n-side time of the activation, of an idle poll and of a poll after 50 changes, and the
 * size of the saved task state.
 */
import { FakeDastra } from '../fake-dastra/server';
import { seedTask, touchTask } from '../fake-dastra/tasks';
import { triggerHarness } from '../harness/n8n';

export async function benchTaskTrigger(total = 10_000, polls = 20): Promise<void> {
	const fake = new FakeDastra();
	await fake.start();
	try {
		const t0 = Date.now() - 30 * 86_400_000;
		for (let k = 0; k < total; k++) seedTask(fake, { state: k % 3 ? 'Closed' : 'Open', objectId: String(1000 + (k % 500)) }, t0 + k * 1000);
		const t = triggerHarness({ events: ['taskCreated', 'taskCompleted', 'taskOverdue'] }, { dastraApi: fake.credentials() as never });
		const measure = async () => {
			fake.log = [];
			const started = Date.now();
			const items = (await t.poll()) ?? [];
			const fakeMs = fake.log.reduce((sum, c) => sum + (c.ms ?? 0), 0);
			return { calls: fake.log.length, ms: Date.now() - started - fakeMs, items: items.length };
		};
		const activation = await measure();
		const idle = { calls: 0, ms: 0 };
		const busy = { calls: 0, ms: 0, items: 0 };
		for (let p = 0; p < polls; p++) {
			const changing = p % 2 === 0;
			if (changing) {
				for (let k = 0; k < 50; k++) {
					if (k % 2) seedTask(fake, { label: `new ${p}-${k}` });
					else touchTask(fake, 5000 + ((p * 50 + k) % total), { state: 'Closed' });
				}
			}
			const m = await measure();
			const into = changing ? busy : idle;
			into.calls += m.calls;
			into.ms += m.ms;
			if (changing) busy.items += m.items;
		}
		const n = polls / 2;
		const bytes = JSON.stringify((t.staticData['node:Dastra Trigger'] as { dastraTasks: unknown }).dastraTasks).length;
		console.log(`Dastra Trigger, task events, ${total} tasks (n8n-side times; the fake's own time subtracted)`);
		console.log(`  activation: ${activation.calls} calls, ~${Math.round(activation.ms)} ms`);
		console.log(`  idle poll: ${(idle.calls / n).toFixed(2)} calls, ~${Math.round(idle.ms / n)} ms`);
		console.log(`  poll after 50 changes: ${(busy.calls / n).toFixed(2)} calls, ~${Math.round(busy.ms / n)} ms, ${(busy.items / n).toFixed(0)} items`);
		console.log(`  saved task state: ${bytes} bytes (${(bytes / total).toFixed(1)} a task)`);
	} finally {
		await fake.stop();
	}
}
