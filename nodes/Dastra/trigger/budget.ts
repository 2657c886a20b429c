/**
 * How long one poll may read. n8n 2.4x tells a poll its budget (`getPollBudgetMs()`: 36 s on
 * the durable scheduler, which abandons a poll at 45 s; 5 min otherwise) and older versions say
 * nothing; n8n 2.4x also aborts a publication whose activation poll runs past ~84 s. The trigger
 * takes the smaller of n8n's budget and its own MAX_POLL_MS, and stops reading pages while there
 * is still time for the slowest page seen so far twice over and RESERVE (a quarter) of the budget: the poll
 * then ends with what it read, at a point the next poll goes on from (fetch.ts).
 */
export const MAX_POLL_MS = 30_000;
/** The share of the budget kept for what follows the listings (re-reads, the state). */
const RESERVE = 0.25;

export interface PollBudget {
	/** Epoch ms by which the poll must have returned. */
	deadline: number;
	/** The budget in ms. */
	ms: number;
	/** Whether n8n gave the budget (getPollBudgetMs). */
	fromN8n: boolean;
	/** Asked before each further page: true when there is no time left for one. */
	until: () => boolean;
}

/** The poll's budget: n8n's `getPollBudgetMs()` where it exists (feature-detected), capped by MAX_POLL_MS. */
export function pollBudget(ctx: object, now = Date.now(), clock: () => number = Date.now): PollBudget {
	const get = (ctx as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	let ms = MAX_POLL_MS;
	let fromN8n = false;
	if (typeof get === 'function') {
		const given = Number((get as () => unknown).call(ctx));
		if (Number.isFinite(given) && given > 0) {
			fromN8n = true;
			ms = Math.min(ms, given);
		}
	}
	const deadline = now + ms;
	let last = now;
	let slowest = 0;
	return {
		deadline,
		ms,
		fromN8n,
		until() {
			const t = clock();
			slowest = Math.max(slowest, t - last);
			last = t;
			return deadline - t < 2 * slowest + RESERVE * ms;
		},
	};
}
