/**
 * A real n8n (N8N_E2E_VERSION, default 2.8.4; installed in test/e2e/versions/n8n-<version>/ by
 * test/e2e/install.ts, on the Node that version needs) with the packed n8n-nodes-dastra loaded
 * as a community package: `npm pack`, unpacked into a fresh N8N_USER_FOLDER/.n8n/nodes, exactly
 * where n8n installs community packages. Every n8n started here binds 127.0.0.1 on free ports and
 * is stopped by its pid; every wait is bounded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { e2eVersion, type E2eVersion } from './versions';

const root = join(__dirname, '../..');
/** The n8n under test. */
export const n8nVersion: E2eVersion = e2eVersion();
const n8nBin = n8nVersion.bin;

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface N8n {
	folder: string;
	env: NodeJS.ProcessEnv;
	/**
	 * Runs an n8n CLI command to its end (bounded) and returns what it printed. Asynchronous on
	 * purpose: the fake Dastra lives in this process and must keep answering meanwhile.
	 */
	cli(args: string[], timeoutMs?: number): Promise<string>;
	importCredential(credential: object): Promise<void>;
	/** Imports the workflow and runs it with `n8n execute`; returns its run data. */
	execute(workflow: E2eWorkflow): Promise<RunData>;
	cleanup(): void;
}

export interface E2eWorkflow {
	id: string;
	name: string;
	nodes: object[];
	connections: object;
}

export interface E2eItem {
	json: Record<string, unknown>;
	binary?: Record<string, Record<string, unknown>>;
}

export type RunData = Record<string, Array<{ data?: { main: E2eItem[][] }; error?: { message: string } }>>;

export async function setupN8n(options: { folder?: string; port?: number } = {}): Promise<N8n> {
	const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'n8n-dastra-e2e-'));
	const nodes = join(folder, '.n8n/nodes');
	const pkg = join(nodes, 'node_modules/n8n-nodes-dastra');
	// A fresh copy of the pack each time (the dev sandbox keeps its folder between runs).
	rmSync(pkg, { recursive: true, force: true });
	mkdirSync(pkg, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], { cwd: root })
		.toString()
		.trim()
		.split('\n')
		.pop()!;
	execFileSync('tar', ['-xzf', join(folder, tarball), '-C', pkg, '--strip-components=1']);
	writeFileSync(
		join(nodes, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-dastra': '0.1.0' } }),
	);
	// Jest's own variables (NODE_ENV=test above all) change how n8n runs: leave them out.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('JEST_') && !k.startsWith('N8N_')),
	);
	const env: NodeJS.ProcessEnv = {
		...n8nVersion.env(inherited),
		N8N_USER_FOLDER: folder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(options.port ?? (await freePort())),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENCRYPTION_KEY: 'n8n-dastra-e2e-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
	};
	let imported = 0;
	const n8n: N8n = {
		folder,
		env,
		async cli(args, timeoutMs = 120_000) {
			const child = spawn(n8nBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let out = '';
			child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
			child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
			clearTimeout(timer);
			// `execute` exits non-zero when the workflow failed, yet prints its run data.
			if (code !== 0 && args[0] !== 'execute') {
				throw new Error(`n8n ${args.join(' ')} failed (exit ${code}):\n${out}`);
			}
			return out;
		},
		async importCredential(credential) {
			const file = join(folder, `credential-${imported++}.json`);
			writeFileSync(file, JSON.stringify([credential]));
			await n8n.cli(['import:credentials', `--input=${file}`]);
		},
		async execute(workflow) {
			const file = join(folder, `workflow-${imported++}.json`);
			writeFileSync(
				file,
				JSON.stringify([{ versionId: crypto.randomUUID(), active: false, settings: {}, ...workflow }]),
			);
			await n8n.cli(['import:workflow', `--input=${file}`]);
			const out = await n8n.cli(['execute', `--id=${workflow.id}`, '--rawOutput']);
			// The run data is pretty-printed JSON: from a line that is `{` to the next line that is
			// `}` (nested lines are indented). n8n may log more lines after it (seen on 2.8.4 when
			// the machine is busy), so the end is found rather than assumed.
			const start = out.indexOf('{\n');
			const end = out.indexOf('\n}', start);
			if (start === -1 || end === -1) throw new Error(`n8n execute printed no run data:\n${out}`);
			return (JSON.parse(out.slice(start, end + 2)) as { data: { resultData: { runData: RunData } } }).data.resultData.runData;
		},
		cleanup() {
			rmSync(folder, { recursive: true, force: true });
		},
	};
	return n8n;
}

export interface RunningN8n {
	url: string;
	process: ChildProcess;
	/** Everything n8n printed so far (its log). */
	output(): string;
	stop(): Promise<void>;
}

/**
 * `n8n <command>` (start by default, or worker), waited for until it answers on `readyUrl`
 * (bounded), stopped by pid. Its output is kept, and also written to `logFile` when given.
 */
export async function startN8n(
	n8n: N8n,
	options: { command?: string; env?: NodeJS.ProcessEnv; readyUrl?: string; logFile?: string; timeoutMs?: number } = {},
): Promise<RunningN8n> {
	const env = { ...n8n.env, ...options.env };
	const child = spawn(n8nBin, [options.command ?? 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const log = options.logFile ? createWriteStream(options.logFile) : undefined;
	const keep = (d: Buffer) => {
		output += d.toString();
		log?.write(d);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	child.once('exit', () => log?.end());
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	// /healthz answers before the REST API is mounted; the public settings route answers after.
	// n8n 2.4x answers every path but /healthz/readiness with a 200 "n8n is starting up" page
	// until its start-up is done (its REST routes then 404 or 401: seen in CI on 2.41.1), so
	// readiness must say so too where it exists (older versions answer it 404).
	const readyUrls = options.readyUrl ? [options.readyUrl] : [`${url}/rest/settings`, `${url}/healthz/readiness`];
	const ready = async () => {
		for (const u of readyUrls) {
			const res = await fetch(u);
			if (!res.ok && !(res.status === 404 && u.endsWith('/healthz/readiness'))) return false;
		}
		return true;
	};
	const timeoutMs = options.timeoutMs ?? 120_000;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited early:\n${output}`);
		try {
			if (await ready()) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`n8n ${options.command ?? 'start'} did not answer within ${timeoutMs / 1000} s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return {
		url,
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

export const manualTrigger = { id: 'manual', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

export function dastraNode(name: string, parameters: object, position: [number, number], extra: object = {}) {
	return {
		id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
		name,
		type: 'n8n-nodes-dastra.dastra',
		typeVersion: 1,
		position,
		parameters,
		credentials: { dastraApi: { id: 'dastraE2eCred01', name: 'Dastra e2e' } },
		...extra,
	};
}

/** The Dastra Trigger with the e2e credential. */
export function dastraTriggerNode(parameters: object) {
	return { ...dastraNode('Dastra Trigger', parameters, [0, 0]), id: 'trigger', type: 'n8n-nodes-dastra.dastraTrigger' };
}

/** An HTTP Request node posting `jsonBody` (an expression) to the fake's /__fake/events. */
export function forwardNode(fakeBaseUrl: string, jsonBody: string, position: [number, number]) {
	return {
		id: 'forward',
		name: 'Forward',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: { method: 'POST', url: `${fakeBaseUrl}/__fake/events`, sendBody: true, specifyBody: 'json', jsonBody, options: {} },
	};
}

/** Waits (bounded) until `check` holds; on time-out, shows the end of `log` (n8n's) if given. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000, log?: () => string) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) {
			const tail = log ? `\nn8n's log ends with:\n${log().split('\n').slice(-40).join('\n')}` : '';
			throw new Error(`timed out after ${ms} ms waiting for ${what}${tail}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Waits (bounded) until `count()` (the fake's calls) has not moved for `quietMs`: a poll whose
 * first call was seen has finished. Changing the fake's data before that races the poll.
 */
export async function untilQuiet(what: string, count: () => number, quietMs = 3_000, ms = 60_000) {
	let last = count();
	let since = Date.now();
	await until(
		what,
		() => {
			if (count() !== last) {
				last = count();
				since = Date.now();
			}
			return Date.now() - since >= quietMs;
		},
		ms,
	);
}

/** A chain: each node feeds the next. */
export function chain(id: string, nodes: Array<{ name: string } & Record<string, unknown>>): E2eWorkflow {
	const connections: Record<string, object> = {};
	for (let k = 0; k + 1 < nodes.length; k++) {
		connections[nodes[k].name] = { main: [[{ node: nodes[k + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, nodes, connections };
}

export function output(run: RunData, node: string) {
	return run[node]?.[0]?.data?.main?.[0] ?? [];
}
