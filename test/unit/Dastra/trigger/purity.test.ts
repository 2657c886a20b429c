/**
 * poller.ts stays pure: no n8n runtime, no I/O, no clock. It may import only the pure facts it
 * shares with the other nodes (dates, states), so each lives in one place; this test keeps that
 * list from growing unnoticed.
 */
import { readFileSync } from 'fs';
import { dirname, join, relative } from 'path';

const root = join(__dirname, '../../../../nodes/Dastra');

/** The modules a file loads at run time (type-only imports are erased), followed through relative imports. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
	const text = readFileSync(file, 'utf8');
	for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
		const spec = m[1];
		const target = spec.startsWith('.') ? join(dirname(file), `${spec}.ts`) : spec;
		if (seen.has(target)) continue;
		seen.add(target);
		if (spec.startsWith('.')) runtimeImports(target, seen);
	}
	return seen;
}

describe('trigger/poller.ts', () => {
	it('loads only helpers/dates.ts, helpers/validate.ts and types.ts: no package, no clock, no I/O', () => {
		const files = [...runtimeImports(join(root, 'trigger/poller.ts'))].map((f) => (f.startsWith('/') ? relative(root, f) : f));
		expect(files.sort()).toEqual(['helpers/dates.ts', 'helpers/validate.ts', 'types.ts']);
		for (const f of files) expect(readFileSync(join(root, f), 'utf8')).not.toMatch(/Date\.now\(|new Date\(\)|process\.|require\(/);
	});
});
