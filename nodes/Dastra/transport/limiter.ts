/**
 * Dastra's rate limit, kept on n8n's side: 500 calls a minute and 10,000 per 10 minutes per API
 * key. Every try of every call of every Dastra node in this n8n process takes a slot here first;
 * when a window is full the call waits (n8n-workflow's sleep) until its slot instead of drawing a
 * 429. The windows slide: a burst of up to 500 calls goes at once, the next one waits until the
 * oldest of them is a minute old. The state is module-level (one per process: in queue mode each
 * worker and main count alone, and a 429 is still retried as retry.ts says) and keyed by a hash
 * of the Base URL and the key, never by the key itself.
 */
import { createHash } from 'crypto';
import type { INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export interface RateLimit {
	calls: number;
	windowMs: number;
}

export const DASTRA_RATE_LIMITS: readonly RateLimit[] = [
	{ calls: 500, windowMs: 60_000 },
	{ calls: 10_000, windowMs: 600_000 },
];

/** Dastra counts a call when it arrives, n8n when it leaves: each window is held this much longer. */
export const RATE_MARGIN_MS = 1_000;

/** Send times (epoch ms, ascending: granted or still to come) per key. */
export class RateLimiter {
	private readonly sent = new Map<string, number[]>();
	private readonly longest: number;

	constructor(
		readonly limits: readonly RateLimit[] = DASTRA_RATE_LIMITS,
		readonly marginMs = RATE_MARGIN_MS,
	) {
		this.longest = Math.max(...limits.map((l) => l.windowMs)) + marginMs;
	}

	/**
	 * Takes the first slot that keeps every window within its limit and returns when the call may
	 * go; a slot at or after `deadline` is not taken (the answer is then that later time).
	 */
	reserve(key: string, now = Date.now(), deadline = Infinity): number {
		let times = this.sent.get(key);
		if (!times) {
			times = [];
			this.sent.set(key, times);
		}
		// Calls older than the longest window no longer count.
		let old = 0;
		while (old < times.length && times[old] <= now - this.longest) old++;
		if (old) times.splice(0, old);
		let at = Math.max(now, times[times.length - 1] ?? now);
		for (const { calls, windowMs } of this.limits) {
			if (times.length >= calls) at = Math.max(at, times[times.length - calls] + windowMs + this.marginMs);
		}
		if (at < deadline) times.push(at);
		return at;
	}

	/** Calls counted for `key` whose send time is within the last `windowMs` (or still to come). */
	count(key: string, windowMs: number, now = Date.now()): number {
		return (this.sent.get(key) ?? []).filter((t) => t > now - windowMs).length;
	}

	/** Forgets every call counted (tests: each test starts as if its calls came a minute apart). */
	clear(): void {
		this.sent.clear();
	}

	/** The keys held (hashes), for tests: no key ever appears in them. */
	keys(): string[] {
		return [...this.sent.keys()];
	}
}

/** The one limiter of this n8n process. */
export const dastraLimiter = new RateLimiter();

/** The limiter's key: a hash of the Base URL's origin and the key(s) a call carries. */
export function rateKey(baseUrl: string, secrets: readonly string[]): string {
	let origin = baseUrl;
	try {
		origin = new URL(baseUrl).origin;
	} catch {
		// A Base URL that is not one fails later, with its own message.
	}
	return createHash('sha256').update([origin, ...secrets].join('\n')).digest('hex');
}

/**
 * Waits for this call's slot under Dastra's rate limit. A slot later than the call's own deadline
 * fails at once rather than sleeping past it.
 */
export async function rateSlot(
	target: { baseUrl: string; secrets: readonly string[]; node: INode },
	deadline: number,
	limiter = dastraLimiter,
): Promise<void> {
	const now = Date.now();
	const at = limiter.reserve(rateKey(target.baseUrl, target.secrets), now, deadline);
	if (at <= now) return;
	if (at >= deadline) {
		const seconds = Math.ceil((at - now) / 1000);
		const message = `Dastra's rate limit for this API key is used up for the next ${seconds} s`;
		throw new NodeApiError(
			target.node,
			{ message },
			{
				message,
				description:
					'This n8n has sent Dastra 500 calls in the last minute (or 10,000 in 10 minutes) with this key. Run fewer workflows with this key at once, or spread them out (Loop Over Items and a Wait node).',
			},
		);
	}
	await sleep(at - now);
}
