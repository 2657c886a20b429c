/**
 * Installs the n8n versions the end-to-end suite runs on, each from its own lock file
 * (test/e2e/versions/n8n-<version>/), once: an install whose lock file has not changed is kept.
 *
 *   node --import tsx test/e2e/install.ts [version ...]   (default: N8N_E2E_VERSION or 2.8.4)
 *
 * Prints what is being installed and the elapsed time while npm runs (every 15 s in a terminal,
 * every minute otherwise); npm's own output goes to
 * test/e2e/versions/n8n-<version>/install.log (shown when the install fails).
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { allVersions, defaultVersion, e2eVersion, elapsed, type E2eVersion } from './versions';

const root = join(__dirname, '../..');

/** Runs npm in `cwd` (bounded: 20 minutes), its output appended to `log`, with progress lines. */
async function npm(what: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: string): Promise<void> {
	const started = Date.now();
	process.stdout.write(`  ${what}: npm ${args.join(' ')}\n`);
	const fd = openSync(log, 'a');
	const child = spawn('npm', args, { cwd, env, stdio: ['ignore', fd, fd] });
	closeSync(fd);
	// Every 15 s in a terminal, every minute in a CI log.
	const every = process.stdout.isTTY ? 15_000 : 60_000;
	const ticker = setInterval(() => process.stdout.write(`  ${what}: still running, ${elapsed(Date.now() - started)}\n`), every);
	const killer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	clearInterval(ticker);
	clearTimeout(killer);
	if (code !== 0) {
		const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
		throw new Error(`${what}: npm ${args.join(' ')} failed (exit ${code}) in ${relative(root, cwd)}; log ${relative(root, log)}:\n${tail}`);
	}
	process.stdout.write(`  ${what}: done in ${elapsed(Date.now() - started)}\n`);
}

/** `npm ci` when there is a lock file, `npm install` (which writes it) when there is none. */
function ciArgs(dir: string, extra: string[] = []) {
	return [existsSync(join(dir, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund', ...extra];
}

export async function install(v: E2eVersion): Promise<{ skipped: boolean; ms: number }> {
	if (v.installed()) return { skipped: true, ms: 0 };
	const started = Date.now();
	const log = join(v.dir, 'install.log');
	writeFileSync(log, '');
	console.log(`Installing n8n ${v.version} into ${relative(root, v.dir)} (once; a few minutes, ~2 GB)`);
	if (v.nodeFolder && !existsSync(join(v.nodeDir!, 'bin/node'))) {
		await npm(`Node for n8n ${v.version}`, ciArgs(v.nodeFolder), v.nodeFolder, process.env, log);
	}
	const env = v.env(process.env);
	const rebuild = v.config.rebuild;
	await npm(`n8n ${v.version}`, ciArgs(v.dir, rebuild ? ['--ignore-scripts'] : []), v.dir, env, log);
	if (rebuild?.length) {
		await npm(`n8n ${v.version} native modules`, ['rebuild', ...rebuild], v.dir, env, log);
	}
	writeFileSync(join(v.dir, 'node_modules/.n8n-e2e-installed'), v.lockHash());
	return { skipped: false, ms: Date.now() - started };
}

if (require.main === module) {
	const asked = process.argv.slice(2);
	const versions = asked.includes('all') ? allVersions : asked.length ? asked : [process.env.N8N_E2E_VERSION || defaultVersion];
	(async () => {
		for (const version of versions) {
			const result = await install(e2eVersion(version));
			console.log(result.skipped ? `n8n ${version}: already installed` : `n8n ${version}: installed in ${elapsed(result.ms)}`);
		}
	})().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
