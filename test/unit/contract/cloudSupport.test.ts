/**
 * n8n's verification (and n8n Cloud) takes a community package only in strict mode with n8n's
 * stock ESLint config. `n8n-node cloud-support` (@n8n/node-cli 0.48.3,
 * dist/commands/cloud-support.js) decides "eligible" exactly so: package.json `n8n.strict === true`
 * and the root eslint.config.mjs, whitespace collapsed, equal to the line below. `npm run
 * cloud-support` runs node-cli's own command in CI; this test keeps it true without node-cli.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

test('package.json has n8n.strict: true', () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n?: { strict?: unknown } };
	expect(pkg.n8n?.strict).toBe(true);
});

test('eslint.config.mjs is n8n-node cloud-support\'s stock config, unchanged', () => {
	const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8').replace(/\s+/g, ' ').trim();
	expect(config).toBe("import { config } from '@n8n/node-cli/eslint'; export default config;");
});
