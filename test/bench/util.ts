import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

import type { LoggedRequest } from '../fake-dastra/server';

export interface FakeProcess {
	credentials: { privateKey: string; publicKey: string; workspaceId: number; baseUrl: string };
	log(): Promise<LoggedRequest[]>;
	clearLog(): Promise<void>;
	stop(): Promise<void>;
}

/** Starts test/fake-dastra/cli.ts in a child process and waits for its first line. */
export async function startFakeProcess(args: string[]): Promise<FakeProcess> {
	const cli = join(__dirname, '../fake-dastra/cli.ts');
	const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
	const line = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('fake Dastra did not start within 60 s')), 60_000);
		createInterface({ input: child.stdout! }).once('line', (l) => {
			clearTimeout(timer);
			resolve(l);
		});
		child.once('exit', (code) => reject(new Error(`fake Dastra exited with ${code}`)));
	});
	const credentials = JSON.parse(line) as FakeProcess['credentials'];
	return {
		credentials,
		log: async () => (await (await fetch(`${credentials.baseUrl}/__fake/log`)).json()) as LoggedRequest[],
		clearLog: async () => {
			await fetch(`${credentials.baseUrl}/__fake/log`, { method: 'DELETE' });
		},
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** Samples heap and RSS every 5 ms until stopped; returns the peaks. */
export function peakMemory() {
	global.gc?.();
	const peak = { heapUsed: 0, rss: 0 };
	const sample = () => {
		const m = process.memoryUsage();
		peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
		peak.rss = Math.max(peak.rss, m.rss);
	};
	sample();
	const timer = setInterval(sample, 5);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return peak;
		},
	};
}
