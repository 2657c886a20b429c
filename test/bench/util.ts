import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

import type { LoggedRequest } from '../fake-dastra/server';

/**
 * Every fake of the bench enforces Dastra's limit (500 calls a minute) and keeps a listing's
 * selection and answered pages while nothing is written: Dastra answers calls side by side, the
 * fake one at a time in one thread, and its filtering of 10,000 or 100,000 requests per page
 * would be the fake's time, not the node's. The latency setting stands for Dastra's answer time.
 */
export const FAKE_ARGS = ['--rate-limit', '500', '--cache-listings'];

export interface FakeProcess {
	credentials: { privateKey: string; publicKey: string; workspaceId: number; baseUrl: string };
	log(): Promise<LoggedRequest[]>;
	clearLog(): Promise<void>;
	/** Every answer `ms` late from now on. */
	setLatency(ms: number): Promise<void>;
	/** How many calls the fake refused with 429 (when it enforces a rate limit). */
	rateLimited(): Promise<number>;
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
		setLatency: async (ms) => {
			await fetch(`${credentials.baseUrl}/__fake/latency`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ms }),
			});
		},
		rateLimited: async () => ((await (await fetch(`${credentials.baseUrl}/__fake/stats`)).json()) as { rateLimited: number }).rateLimited,
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
