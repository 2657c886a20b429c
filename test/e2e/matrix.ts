/**
 * `npm run test:matrix [-- version ...]`: the end-to-end suite on every n8n version in
 * test/e2e/versions (or the ones named), each installed once from its own lock file, then one line
 * per version: its Node, install time, tests passed and failed, run time. Exits non-zero when any
 * version failed. The next version installs while this one's tests run. E2E_RESULTS_DIR, when
 * set, receives jest's JSON results as e2e-<version>.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { install } from './install';
import { allVersions, e2eVersion, elapsed } from './versions';

const root = join(__dirname, '../..');

async function main() {
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : allVersions;
	const own = !process.env.E2E_RESULTS_DIR;
	const results = process.env.E2E_RESULTS_DIR ?? mkdtempSync(join(tmpdir(), 'n8n-dastra-matrix-'));
	const jest = join(root, 'node_modules/jest/bin/jest.js');
	const lines: string[] = [];
	let failed = false;
	// Installs run one after the other, each overlapping the previous version's tests (which
	// mostly wait for polls): CI's wall time is about the installs' sum, not installs + tests.
	let previous: Promise<unknown> = Promise.resolve();
	const installs = versions.map((version) => {
		const done = previous.then(() => install(e2eVersion(version)));
		previous = done.catch(() => undefined);
		return done.then(
			(r) => r,
			(error: Error) => error,
		);
	});
	for (const [k, version] of versions.entries()) {
		const v = e2eVersion(version);
		const done = await installs[k];
		if (done instanceof Error) {
			failed = true;
			lines.push(`n8n ${version.padEnd(9)} install FAILED: ${done.message.split('\n')[0]}`);
			continue;
		}
		const installMs = done.ms;
		const node = execFileSync('node', ['--version'], { env: v.env(process.env) }).toString().trim();
		const out = join(results, `e2e-${version}.json`);
		rmSync(out, { force: true });
		console.log(`\n== n8n ${version} on Node ${node}`);
		const started = Date.now();
		// jest runs on this Node; the n8n it starts runs on the version's Node (harness.ts).
		const child = spawn(process.execPath, [jest, '-c', 'jest.e2e.config.js', '--runInBand', '--json', `--outputFile=${out}`], {
			cwd: root,
			env: { ...process.env, N8N_E2E_VERSION: version },
			stdio: 'inherit',
		});
		const killer = setTimeout(() => child.kill('SIGKILL'), 30 * 60_000);
		const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
		clearTimeout(killer);
		const ms = Date.now() - started;
		let summary = 'no results';
		if (existsSync(out)) {
			const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number };
			summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed`;
		}
		if (code !== 0) failed = true;
		const installed = installMs ? `installed in ${elapsed(installMs)}` : 'already installed';
		lines.push(`n8n ${version.padEnd(9)} Node ${node.padEnd(9)} ${code === 0 ? 'ok  ' : 'FAIL'} ${summary}, e2e ${elapsed(ms)} (${installed})`);
	}
	if (own) rmSync(results, { recursive: true, force: true });
	console.log(`\n== e2e matrix\n${lines.join('\n')}`);
	process.exit(failed ? 1 : 0);
}

void main();
