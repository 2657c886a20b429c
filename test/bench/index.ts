/** `npm run bench`: prints the performance figures README quotes. Not part of `npm test`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config there at import time: a temp folder, removed at the end.
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-dastra-bench-'));
process.env.N8N_USER_FOLDER = userFolder;

async function main() {
	const { benchGetMany } = await import('./getMany');
	const { benchTrigger } = await import('./trigger');
	const { benchSeen } = await import('./seen');
	const { benchTaskTrigger } = await import('./tasks');
	await benchGetMany(10_000);
	await benchTrigger(100_000, 5_000, 100, 10);
	await benchTaskTrigger(10_000, 20);
	benchSeen();
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
