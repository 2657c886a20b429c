/**
 * `npm run dev`: the pack in a real n8n against a local Dastra sandbox, for trying workflows
 * with no Dastra account. Installs n8n once (N8N_E2E_VERSION, default 2.8.4; progress and
 * elapsed time shown), builds and packs the pack, starts the fake Dastra seeded with demo
 * requests and its sign-in server (fake OAuth2, approving at once), imports a "Dastra sandbox"
 * credential (API key) and two OAuth2 ones pointing at them, and starts n8n on
 * http://localhost:5678 (or a free port when 5678 is taken, said so) with the pack loaded;
 * n8n's own log goes to .dev/n8n.log. Ctrl-C stops both. The sandbox's data resets at every
 * start; n8n's data (owner, workflows, executions) stays in .dev/ between runs.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

import { FakeOAuth } from '../fake-dastra/oauth';
import { seedDemo } from '../fake-dastra/seed';
import { FakeDastra } from '../fake-dastra/server';
import { freePort, n8nVersion, setupN8n, startN8n } from './harness';
import { install } from './install';
import { elapsed } from './versions';

const root = join(__dirname, '../..');
const notes: string[] = [];

/** The preferred port when free, else a free one, and a note saying which was taken instead. */
async function portOr(preferred: number, what: string): Promise<number> {
	const free = await new Promise<boolean>((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	if (free) return preferred;
	const port = await freePort();
	notes.push(`Port ${preferred} was busy: ${what} is on ${port} instead.`);
	console.log(`  ${notes[notes.length - 1]}`);
	return port;
}

async function main() {
	const started = Date.now();
	const step = (what: string) => console.log(`[${elapsed(Date.now() - started)}] ${what}`);
	step(`n8n ${n8nVersion.version}: ${n8nVersion.installed() ? 'installed' : 'not installed yet'}`);
	await install(n8nVersion);
	step('Starting the Dastra sandbox (fake Dastra API with demo data)');
	const fake = new FakeDastra();
	seedDemo(fake);
	await fake.start(await portOr(5680, 'the Dastra sandbox'));
	const oauth = await new FakeOAuth({ clientId: fake.publicKey, clientSecret: fake.privateKey }).start(
		await portOr(5681, "the sandbox's sign-in server"),
	);
	fake.oauth = oauth;

	const folder = join(root, '.dev');
	mkdirSync(folder, { recursive: true });
	const logFile = join(folder, 'n8n.log');
	step('Packing n8n-nodes-dastra into .dev/ and importing the "Dastra sandbox" credential');
	const n8n = await setupN8n({ folder, port: await portOr(5678, 'n8n') });
	await n8n.importCredential({ id: 'dastraSandbox01', name: 'Dastra sandbox', type: 'dastraApi', data: fake.credentials() });
	// OAuth2: only what a user types; n8n derives the sign-in addresses from the Account URL.
	await n8n.importCredential({ id: 'dastraSandbox02', name: 'Dastra sandbox (OAuth2, client credentials)', type: 'dastraOAuth2Api', data: oauth.typed(fake, 'clientCredentials') });
	await n8n.importCredential({ id: 'dastraSandbox03', name: 'Dastra sandbox (OAuth2, sign in)', type: 'dastraOAuth2Api', data: oauth.typed(fake) });
	step(`Starting n8n ${n8nVersion.version} (its log: ${relative(root, logFile)})`);
	const server = await startN8n(n8n, { logFile });

	console.log(`
  Dastra sandbox  ${fake.baseUrl}  (${fake.dsrs.size} demo requests, workspace ${fake.workspaceId})
  Sign-in server  ${oauth.baseUrl}  (the sandbox's OAuth2: approves every sign-in at once)
  n8n             http://localhost:${n8n.env.N8N_PORT}  (n8n ${n8nVersion.version}; its log: ${relative(root, logFile)})
${notes.map((n) => `  ${n}\n`).join('')}
  Open n8n, create the owner account on first visit, then add a "Dastra" node or a
  "Dastra Trigger": the credential "Dastra sandbox" is ready (Authentication: API Key). For
  Authentication: OAuth2, "Dastra sandbox (OAuth2, client credentials)" is ready too, and
  "Dastra sandbox (OAuth2, sign in)" needs one click on "Connect my account" (the sandbox approves).
  Examples to import: examples/.
  The sandbox's data resets at every start (the demo requests come back, your changes to them
  go); n8n's owner, workflows and executions stay in .dev/ (delete it to start over).
  Ready in ${elapsed(Date.now() - started)}. Ctrl-C stops both.
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await server.stop();
		await oauth.stop();
		await fake.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	server.process.once('exit', (code) => {
		if (!stopping) console.log(`\nn8n exited (code ${code}); its log: ${relative(root, logFile)}`);
		void stop();
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
