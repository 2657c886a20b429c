/**
 * helpers/dates.ts is the one reader of dates: elsewhere in nodes/ no Date.parse and no
 * new Date(...), which read an offset-less Dastra date ("2023-09-18T10:31:30.6882299", UTC) in
 * the n8n process's zone. A date goes through parseDastraDate / toUtcIso / toIsoDate /
 * parseHttpDate / isoOf instead.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const root = join(__dirname, '../../../../nodes');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('dates are read in helpers/dates.ts only', () => {
	it('no Date.parse, new Date(...), Date(...) string reads or moment/luxon parsing elsewhere in nodes/', () => {
		const offenders: string[] = [];
		for (const file of files(root)) {
			const rel = relative(root, file);
			if (rel === join('Dastra', 'helpers', 'dates.ts')) continue;
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, k) => {
					const code = line.replace(/\/\/.*$/, '');
					if (/Date\.parse\s*\(|new\s+Date\s*\(|\bDateTime\.from|\bmoment\s*\(/.test(code)) offenders.push(`${rel}:${k + 1}: ${line.trim()}`);
				});
		}
		expect(offenders).toEqual([]);
	});

	it('the check sees what it is meant to see', () => {
		const hit = (line: string) => /Date\.parse\s*\(|new\s+Date\s*\(|\bDateTime\.from|\bmoment\s*\(/.test(line);
		expect(hit("const at = Date.parse(payload.date);")).toBe(true);
		expect(hit('new Date(value).getTime()')).toBe(true);
		expect(hit('const now = Date.now();')).toBe(false);
	});
});
