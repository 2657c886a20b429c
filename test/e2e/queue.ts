/**
 * `npm run test:queue`: the pack in n8n's queue mode, the way n8n scales past one process.
 * Starts Debian's redis-server and PostgreSQL as this script's own processes on free loopback
 * ports, data in a temp folder (installs them with apt when missing), then n8n main plus two
 * `n8n worker`s sharing them (N8N_E2E_VERSION, default 2.8.4), and shows:
 *   - the Dastra Trigger polls on main, and each event runs once, on a worker (main's log says
 *     "Enqueued execution N", a worker's "Worker started execution N");
 *   - the Dastra node in that execution, on the worker, reads the right request from Dastra;
 *   - the trigger's static data (its cursor) is in Postgres;
 *   - main stopped, a request created meanwhile, main started again, another request: each
 *     event arrives once, nothing lost, nothing repeated.
 * Every process is stopped by its pid; every wait is bounded. Exits non-zero on any failure.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { strict as assert } from 'node:assert';

import { FakeDastra } from '../fake-dastra/server';
import { dastraNode, dastraTriggerNode, forwardNode, freePort, n8nVersion, setupN8n, startN8n, until, untilQuiet, type RunningN8n } from './harness';
import { install } from './install';
import { activateWorkflow, activationError, ownerSession } from './rest';
import { elapsed } from './versions';

const started = Date.now();
const say = (what: string) => console.log(`[${elapsed(Date.now() - started)}] ${what}`);
const children: Array<{ name: string; child: ChildProcess; signal: NodeJS.Signals }> = [];

function onPath(bin: string) {
	return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

function postgresBin(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
	return version ? join(base, version, 'bin') : undefined;
}

/** redis-server and PostgreSQL from Debian, installed with apt when missing (needs root). */
function ensureServices() {
	const missing = [!onPath('redis-server') && 'redis-server', !postgresBin() && 'postgresql'].filter(Boolean) as string[];
	if (!missing.length) return;
	say(`Installing ${missing.join(' and ')} with apt-get`);
	const aptInstall = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 10 * 60_000 });
	if (aptInstall().status !== 0) {
		spawnSync('apt-get', ['update'], { stdio: 'inherit', timeout: 5 * 60_000 });
		if (aptInstall().status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (run as root, or install them yourself)`);
	}
}

/** A process of ours, stopped by pid at the end. */
function own(name: string, child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
	children.push({ name, child, signal });
	return child;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}

async function main() {
	await install(n8nVersion);
	ensureServices();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-dastra-queue-'));
	chmodSync(dir, 0o755);
	const fake = new FakeDastra();
	const running: Array<{ name: string; n8n: RunningN8n }> = [];
	try {
		// Redis, no persistence: the queue only.
		const redisPort = await freePort();
		own('redis', spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' }));
		await until('redis', () => spawnSync('redis-cli', ['-p', String(redisPort), 'ping']).stdout?.toString().trim() === 'PONG', 20_000);

		// PostgreSQL: initdb + postgres as the postgres user when we are root (it refuses root).
		const pgbin = postgresBin()!;
		const pgdata = join(dir, 'pg');
		mkdirSync(pgdata);
		const asPostgres: { uid?: number; gid?: number } = {};
		if (userInfo().uid === 0) {
			const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
			const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
			chownSync(pgdata, uid, gid);
			Object.assign(asPostgres, { uid, gid });
		}
		const init = spawnSync(join(pgbin, 'initdb'), ['-D', pgdata, '-A', 'trust', '-U', 'postgres', '--no-sync'], { ...asPostgres, cwd: pgdata, timeout: 120_000 });
		if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr?.toString()}`);
		const pgPort = await freePort();
		own('postgres', spawn(join(pgbin, 'postgres'), ['-D', pgdata, '-p', String(pgPort), '-h', '127.0.0.1', '-k', pgdata, '-F'], { ...asPostgres, cwd: pgdata, stdio: 'ignore' }), 'SIGINT');
		const psql = (sql: string) => execFileSync(join(pgbin, 'psql'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', 'postgres', '-tAc', sql]).toString().trim();
		await until('postgres', () => spawnSync(join(pgbin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)]).status === 0, 30_000);
		say(`redis-server on 127.0.0.1:${redisPort}, PostgreSQL on 127.0.0.1:${pgPort}, data in ${dir}`);

		await fake.start();
		const n8n = await setupN8n({ folder: join(dir, 'n8n') });
		Object.assign(n8n.env, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			N8N_LOG_LEVEL: 'info',
		});
		await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
		const startMain = async (k: number) => {
			const main = await startN8n(n8n, { logFile: join(dir, `main-${k}.log`) });
			own(`n8n main ${k}`, main.process);
			running.push({ name: `main ${k}`, n8n: main });
			return main;
		};
		let main = await startMain(1);
		const workers: RunningN8n[] = [];
		for (const k of [1, 2]) {
			const health = await freePort();
			const worker = await startN8n(n8n, {
				command: 'worker',
				env: { N8N_PORT: String(await freePort()), N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(health) },
				readyUrl: `http://127.0.0.1:${health}/healthz`,
				logFile: join(dir, `worker-${k}.log`),
			});
			own(`n8n worker ${k}`, worker.process);
			running.push({ name: `worker ${k}`, n8n: worker });
			workers.push(worker);
		}
		say(`n8n ${n8nVersion.version} main on ${main.url}, 2 workers (queue mode)`);

		// Dastra Trigger (on main) -> Dastra Get (on a worker) -> HTTP Request posting to the fake.
		const rest = await ownerSession(main.url);
		const workflow = await rest('POST', '/workflows', {
			name: 'Dastra queue mode',
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {
				'Dastra Trigger': { main: [[{ node: 'Get', type: 'main', index: 0 }]] },
				Get: { main: [[{ node: 'Forward', type: 'main', index: 0 }]] },
			},
			nodes: [
				dastraTriggerNode({ pollTimes: { item: [{ mode: 'custom', cronExpression: n8nVersion.pollCron }] }, events: ['requestCreated'], simplify: true }),
				dastraNode('Get', { resource: 'dataSubjectRequest', operation: 'get', requestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, [240, 0]),
				forwardNode(fake.baseUrl, "={{ JSON.stringify({ id: $json.id, title: $json.title, event: $('Dastra Trigger').item.json.event }) }}", [480, 0]),
			],
		});
		const workflowId = String(workflow.id);
		await activateWorkflow(rest, workflow, main);
		const poll = n8nVersion.pollEveryMs + 30_000;
		const listCalls = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests').length;
		await until('the trigger\'s first poll (on main)', () => {
			const refused = activationError(main.output());
			if (refused) throw new Error(`n8n refused to activate the workflow: ${refused}`);
			return listCalls() > 0;
		}, poll);
		await untilQuiet('the first poll to finish', () => fake.log.length);
		say('The trigger polls (first poll: baseline, nothing emitted)');

		type Forwarded = { id: number; title: string; event: string };
		const events = () => fake.events as Forwarded[];
		const a = fake.seed({ title: 'Queue A' });
		await until('request A\'s event', () => events().length >= 1, poll);
		assert.deepEqual(events(), [{ id: a.id, title: 'Queue A', event: 'requestCreated' }]);
		const enqueued = /Enqueued execution (\d+)/.exec(main.output());
		assert.ok(enqueued, 'main enqueued the execution');
		const onWorker = workers.findIndex((w) => w.output().includes(`Worker started execution ${enqueued[1]} `));
		assert.ok(onWorker >= 0, `execution ${enqueued[1]} ran on a worker`);
		assert.ok(!main.output().includes('Worker started execution'), 'main ran no execution itself');
		say(`Request A: execution ${enqueued[1]} enqueued by main, run by worker ${onWorker + 1}; the Dastra node on the worker read "${events()[0].title}"`);

		const staticData = psql(`select "staticData" from workflow_entity where id = '${workflowId}'`);
		assert.ok(staticData && staticData !== '{}' && staticData !== '', `the trigger's static data is in Postgres (got ${JSON.stringify(staticData)})`);
		say(`The trigger's static data is in Postgres (workflow_entity."staticData", ${staticData.length} characters)`);

		// Restart main, with a request created while it is down.
		await main.stop();
		say('Main stopped');
		const b = fake.seed({ title: 'Queue B (created while main was down)' });
		main = await startMain(2);
		say('Main started again');
		await until('request B\'s event', () => events().length >= 2, 2 * poll);
		const c = fake.seed({ title: 'Queue C' });
		await until('request C\'s event', () => events().length >= 3, poll);
		const seen = listCalls();
		await until('one more poll', () => listCalls() > seen, poll);
		assert.deepEqual(
			events().map((e) => e.id),
			[a.id, b.id, c.id],
			'each request created once, each event once, in order',
		);
		const executions = Number(psql(`select count(*) from execution_entity where "workflowId" = '${workflowId}'`));
		assert.equal(executions, 3, 'three executions in Postgres');
		const ranOn = workers.map((w) => (w.output().match(/Worker started execution/g) ?? []).length);
		assert.equal(ranOn[0] + ranOn[1], 3, 'the three executions ran on the workers');
		say(`Main restarted between B and C: events A, B, C each once (executions per worker: ${ranOn.join(', ')})`);
		console.log(`\ntest:queue: ok, n8n ${n8nVersion.version} queue mode (main + 2 workers, Redis, PostgreSQL) in ${elapsed(Date.now() - started)}`);
	} catch (error) {
		for (const { name, n8n } of running) {
			console.error(`\n-- n8n ${name}'s log ends with:\n${n8n.output().split('\n').slice(-25).join('\n')}`);
		}
		throw error;
	} finally {
		for (const { child, signal } of children.reverse()) await stopChild(child, signal);
		await fake.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`\ntest:queue: FAILED: ${error.message}`);
		process.exit(1);
	},
);
