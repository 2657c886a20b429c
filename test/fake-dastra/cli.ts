/**
 * Starts the fake Dastra on its own: for the dev sandbox and the benchmarks.
 *   tsx test/fake-dastra/cli.ts [--port 5680] [--demo] [--bulk N] [--closed-share 0.95] [--ignore-rules] [--ignore-sort]
 *     [--latency MS] (each answer MS late) [--rate-limit N] (N calls a minute, then 429 with Retry-After)
 *     [--cache-listings] (keeps a listing's selection and answered pages while nothing is written)
 * Prints one JSON line {"baseUrl", "privateKey", "publicKey", "workspaceId"} once listening.
 */
import { seedBulk, seedDemo } from './seed';
import { FakeDastra } from './server';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : (process.argv[i + 1] ?? '');
}

async function main() {
	const fake = new FakeDastra({
		privateKey: process.env.DASTRA_PRIVATE_KEY,
		publicKey: process.env.DASTRA_PUBLIC_KEY,
	});
	if (process.argv.includes('--demo')) seedDemo(fake);
	// A Dastra (or a proxy) that ignores `filters` rules / `sortBy` on listings.
	fake.honoursRules = !process.argv.includes('--ignore-rules');
	fake.honoursSort = !process.argv.includes('--ignore-sort');
	fake.cachesListings = process.argv.includes('--cache-listings');
	fake.latencyMs = Number(arg('latency') ?? 0);
	const perMinute = Number(arg('rate-limit') ?? 0);
	if (perMinute > 0) fake.rateLimit = { calls: perMinute, windowMs: 60_000 };
	const bulk = Number(arg('bulk') ?? 0);
	if (bulk > 0) seedBulk(fake, bulk, { closedShare: Number(arg('closed-share') ?? 0) });
	await fake.start(Number(arg('port') ?? 0));
	console.log(JSON.stringify(fake.credentials()));
	const stop = async () => {
		await fake.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
