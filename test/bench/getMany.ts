/**
 * Get Many with Return All over 10,000 requests, in n8n-core in this process, at the fake's
 * current latency: list calls made, wall time, peak memory. The fake runs in a child process so
 * the figures are the node's and n8n-core's alone.
 */
import { dastraWorkflow, runWorkflow } from '../harness/n8n';
import { peakMemory, type FakeProcess } from './util';

export interface GetManyFigures {
	calls: number;
	ms: number;
	heapMiB: number;
	rssMiB: number;
}

export async function benchGetMany(fake: FakeProcess, n = 10_000): Promise<GetManyFigures> {
	await fake.clearLog();
	const memory = peakMemory();
	const started = process.hrtime.bigint();
	const result = await runWorkflow(
		dastraWorkflow({ resource: 'dataSubjectRequest', operation: 'getAll', returnAll: true, simplify: false }),
		{ dastraApi: fake.credentials },
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const peak = memory.stop();
	const items = result.output('Dastra').length;
	if (items !== n) throw new Error(`expected ${n} items, got ${items}: ${JSON.stringify(result.error('Dastra'))}`);
	const calls = (await fake.log()).filter((c) => c.path.endsWith('/DataSubjectRequests')).length;
	return { calls, ms, heapMiB: peak.heapUsed / 2 ** 20, rssMiB: peak.rss / 2 ** 20 };
}
