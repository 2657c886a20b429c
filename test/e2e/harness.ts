/**
 * A real n8n 2.8.4 (installed in test/e2e/node_modules) with the packed n8n-nodes-dastra loaded
 * as a community package: `npm pack`, unpacked into a fresh N8N_USER_FOLDER/.n8n/nodes, exactly
 * where n8n installs community packages. Every n8n started here binds 127.0.0.1 on free ports and
 * is stopped by its pid; every wait is bounded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const n8nBin = join(__dirname, 'node_modules/.bin/n8n');

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
		...inherited,
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
			const start = out.indexOf('{\n');
			if (start === -1) throw new Error(`n8n execute printed no run data:\n${out}`);
			return (JSON.parse(out.slice(start)) as { data: { resultData: { runData: RunData } } }).data.resultData.runData;
		},
		cleanup() {
			rmSync(folder, { recursive: true, force: true });
		},
	};
	return n8n;
}

/** `n8n start`, waited for until its REST API answers (bounded), stopped by pid. */
export async function startN8n(n8n: N8n): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
	const child = spawn(n8nBin, ['start'], { env: n8n.env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const url = `http://127.0.0.1:${n8n.env.N8N_PORT}`;
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n start exited early:\n${output}`);
		try {
			// /healthz answers before the REST API is mounted; the public settings route answers after.
			if ((await fetch(`${url}/rest/settings`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`n8n did not answer within 120 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return {
		url,
		process: child,
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

/** Waits (bounded) until `check` holds. */
export async function until(what: string, check: () => boolean, ms = 30_000) {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Sets up n8n's owner and returns a caller of its REST API with the owner's session. */
export async function ownerRest(baseUrl: string) {
	const browser = { 'browser-id': 'n8n-dastra-e2e' };
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...browser },
		body: JSON.stringify({ email: 'owner@example.org', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-123' }),
	});
	if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
	const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	return async (method: string, path: string, body?: object) => {
		const res = await fetch(`${baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie, ...browser },
			body: body ? JSON.stringify(body) : undefined,
		});
		const json = (await res.json()) as { data: Record<string, unknown> };
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
		return json.data;
	};
}
