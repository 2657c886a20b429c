/**
 * An outer deadline for every call made with one context: the Dastra Trigger's poll budget
 * (trigger/budget.ts). While one is set, a call never waits (retries, Retry-After, its own
 * timeout) past it, and a 429 asking for a longer wait than what is left fails at once (see
 * send.ts). Kept apart so the transport needs no knowledge of polling.
 */
const deadlines = new WeakMap<object, number>();

/** Sets (epoch ms) or clears (undefined) the deadline of calls made with `ctx`. */
export function setCallDeadline(ctx: object, deadline: number | undefined): void {
	if (deadline === undefined) deadlines.delete(ctx);
	else deadlines.set(ctx, deadline);
}

export function callDeadline(ctx: object): number | undefined {
	return deadlines.get(ctx);
}
