/**
 * `npm run bench`: prints the performance figures README quotes. Not part of `npm test`.
 *   npm run bench [-- --latency 0,150] [--only getMany|byHand|trigger,...] [--behaviour 'sort ignored']
 * Every fake enforces Dastra's rate limit (500 calls a minute): the run ends by counting the 429s
 * they gave, which must be 0 (the limiter spaces calls instead).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config there at import time: a temp folder, removed at the end.
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-dastra-bench-'));
process.env.N8N_USER_FOLDER = userFolder;

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

const LATENCIES = (arg('latency') ?? '0,150').split(',').map(Number);
const ONLY = arg('only')?.split(',');
const runs = (name: string) => !ONLY || ONLY.includes(name);

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
	const { benchGetMany } = await import('./getMany');
	const { benchByHand } = await import('./byHand');
	const { benchTrigger } = await import('./trigger');
	const { startFakeProcess, FAKE_ARGS } = await import('./util');
	let limited = 0;
	const n = 10_000;
	if (runs('getMany') || runs('byHand')) {
		const fake = await startFakeProcess(['--bulk', String(n), ...FAKE_ARGS]);
		try {
			if (runs('getMany')) {
				console.log(`Get Many, Return All, ${n} requests (n8n-core in this process)`);
				for (const latency of LATENCIES) {
					await fake.setLatency(latency);
					const f = await benchGetMany(fake, n);
					console.log(
						`  ${latency} ms latency: ${f.calls} list calls, ${s(f.ms)} wall, peak heap ${f.heapMiB.toFixed(1)} MiB (RSS ${f.rssMiB.toFixed(1)} MiB)`,
					);
				}
			}
			if (runs('byHand')) {
				console.log(`Get Many against the HTTP Request node's pagination by hand, ${n} requests (real n8n, executionTime of each node)`);
				for (const f of await benchByHand(fake, n, LATENCIES)) {
					console.log(
						`  ${f.latencyMs} ms latency: by hand ${s(f.byHandMs)}, Get Many ${s(f.getManyMs)} (${f.calls} list calls each, medians of ${f.runs} runs), ratio ${(f.getManyMs / f.byHandMs).toFixed(2)}`,
					);
				}
			}
			limited += await fake.rateLimited();
		} finally {
			await fake.stop();
		}
	}
	if (runs('trigger')) limited += await benchTrigger(100_000, 5_000, LATENCIES, arg('behaviour'));
	if (runs('tasks')) {
		const { benchTaskTrigger } = await import('./tasks');
		await benchTaskTrigger(10_000, 20);
	}
	if (runs('seen')) {
		const { benchSeen } = await import('./seen');
		benchSeen();
	}
	console.log(`429s drawn from fakes enforcing 500 calls a minute: ${limited}`);
	if (limited > 0) throw new Error(`the bench drew ${limited} 429s`);
}

main()
	.then(() => 0)
	.catch((error) => {
		console.error(error);
		return 1;
	})
	.then((code) => {
		rmSync(userFolder, { recursive: true, force: true });
		process.exit(code);
	});
