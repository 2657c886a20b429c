/**
 * One poll at a time per trigger. n8n's in-memory scheduler (2.8, and 2.4x without the durable
 * scheduler) starts a poll on time even while the last one still runs, and the durable
 * scheduler abandons a poll after N8N_SCHEDULER_POLL_TIMEOUT (45 s) without stopping it. Two
 * polls reading the same saved state would emit the same changes twice. A poll that starts
 * while another of the same trigger (workflow ID + node ID) runs in this n8n process does
 * nothing, and says so in n8n's log.
 *
 * A poll is bounded (budget.ts), so a running mark older than STALE_MS belongs to a poll that
 * will never finish (a hung process): it no longer blocks.
 */
export const STALE_MS = 10 * 60_000;

const running = new Map<string, { since: number }>();

/** Marks the trigger as polling; `busySince` (epoch ms) when another poll of it still runs. */
export function enterPoll(key: string, now = Date.now()): { release: () => void } | { busySince: number } {
	const other = running.get(key);
	if (other !== undefined && now - other.since < STALE_MS) return { busySince: other.since };
	const mine = { since: now };
	running.set(key, mine);
	return {
		release: () => {
			if (running.get(key) === mine) running.delete(key);
		},
	};
}
