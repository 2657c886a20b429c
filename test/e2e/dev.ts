/**
 * `npm run dev`: the pack in a real n8n against a local Dastra sandbox, for trying workflows
 * with no Dastra account. Builds and packs the pack, starts the fake Dastra seeded with demo
 * requests, imports a "Dastra sandbox" credential pointing at it, and starts n8n 2.8.4 on
 * http://localhost:5678 with the pack loaded. Ctrl-C stops both. n8n's data (owner, workflows)
 * stays in .dev/ between runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { seedDemo } from '../fake-dastra/seed';
import { FakeDastra } from '../fake-dastra/server';
import { freePort, setupN8n, startN8n } from './harness';

const root = join(__dirname, '../..');

async function portOr(preferred: number): Promise<number> {
	const { createServer } = await import('node:net');
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(freePort()));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
	});
}

async function main() {
	if (!existsSync(join(__dirname, 'node_modules/.bin/n8n'))) {
		console.log('Installing n8n 2.8.4 into test/e2e (once, about 3 minutes)...');
		execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: __dirname, stdio: 'inherit' });
	}
	const fake = new FakeDastra();
	seedDemo(fake);
	await fake.start(await portOr(5680));

	const folder = join(root, '.dev');
	mkdirSync(folder, { recursive: true });
	const n8n = await setupN8n({ folder, port: await portOr(5678) });
	await n8n.importCredential({ id: 'dastraSandbox01', name: 'Dastra sandbox', type: 'dastraApi', data: fake.credentials() });
	const server = await startN8n(n8n);

	console.log(`
  Dastra sandbox  ${fake.baseUrl}  (${fake.dsrs.size} demo requests, workspace ${fake.workspaceId})
  n8n             http://localhost:${n8n.env.N8N_PORT}

  Open n8n, create the owner account on first visit, then add a "Dastra" node or a
  "Dastra Trigger": the credential "Dastra sandbox" is ready. Examples to import: examples/.
  Ctrl-C stops both.
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await server.stop();
		await fake.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	server.process.once('exit', () => void stop());
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
