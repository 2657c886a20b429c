/**
 * Get Many with Return All over 10,000 requests: list calls made, wall time, peak memory.
 * The fake runs in a child process so the figures are the node's and n8n-core's alone.
 */
import { dastraWorkflow, runWorkflow } from '../harness/n8n';
import { startFakeProcess, peakMemory } from './util';

export async function benchGetMany(n = 10_000): Promise<void> {
	const fake = await startFakeProcess(['--bulk', String(n)]);
	try {
		const memory = peakMemory();
		const started = process.hrtime.bigint();
		const result = await runWorkflow(
			dastraWorkflow({ resource: 'dataSubjectRequest', operation: 'getAll', returnAll: true, simplify: false }),
			{ dastraApi: fake.credentials },
		);
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const peak = memory.stop();
		const items = result.output('Dastra').length;
		const calls = (await fake.log()).filter((c) => c.path.endsWith('/DataSubjectRequests')).length;
		if (items !== n) throw new Error(`expected ${n} items, got ${items}`);
		console.log(`Get Many, Return All, ${n} requests`);
		console.log(`  list calls:        ${calls}`);
		console.log(`  wall time:         ${ms.toFixed(0)} ms`);
		console.log(`  peak heap used:    ${(peak.heapUsed / 2 ** 20).toFixed(1)} MiB (RSS ${(peak.rss / 2 ** 20).toFixed(1)} MiB)`);
	} finally {
		await fake.stop();
	}
}
