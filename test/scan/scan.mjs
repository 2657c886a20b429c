// Runs the analysis of @n8n/scan-community-package (the check n8n applies before a community
// package can be verified) on the source tree and on the unpacked `npm pack` tarball.
// Usage: npm run scan   (after `npm run build`; installs the scanner into test/scan if needed)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scanner = join(here, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');

if (!existsSync(scanner)) {
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scanner);

const work = mkdtempSync(join(tmpdir(), 'dastra-scan-'));
let failed = false;
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root })
		.toString()
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	for (const [label, dir, patterns] of [
		['source', root, SOURCE_FILE_PATTERNS],
		['tarball', join(work, 'package'), ['**/*.js', 'package.json']],
	]) {
		const result = await analyzePackage(dir, patterns);
		console.log(`scan ${label}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
		if (result.details) console.log(result.details);
		failed ||= !result.passed;
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
