/**
 * The first reading (the baseline) when it does not fit in one poll's budget: it goes on over
 * several polls, emitting nothing, and nothing changed meanwhile is missed.
 *
 * In one poll the baseline starts the cursor at the newest change Dastra lists (poller.ts). Over
 * several polls that is not safe: a request changed after its page was read would fall behind a
 * cursor moved past it by a later page. So a baseline spread over polls starts the cursor at
 * Dastra's clock when it began (the `Date` header of its first answer, whole seconds) less
 * START_MARGIN_MS, and remembers no change at or after it as seen: every change made after the
 * baseline began is reported once it ends (a request changed during those polls is reported as
 * updated or created, without a transition it was not seen to make; one changed within the
 * margin before, too). The open requests read meanwhile are remembered for transitions and deadlines.
 */
import { isoOf } from '../helpers/dates';
import { baseline, capKnown, decodeState, encodeState, MAX_TRACKED, type PollState, type Snapshot, type TriggerConfig } from './poller';
import type { Walk } from './fetch';

export const START_MARGIN_MS = 1000;

/** A baseline under way, as saved: `known` packed as in the state. */
export interface PendingBaseline {
	/** Epoch ms (Dastra's clock, less the margin) the cursor starts at. */
	start: number;
	walk: Walk;
	known: Record<string, string>;
}

/** Adds the open requests of one part of the walk (with their deadline flags as of `now`). */
export function extendPending(
	pending: Pick<PendingBaseline, 'start' | 'known'>,
	open: Snapshot[],
	now: number,
	config: TriggerConfig,
	walk: Walk,
): PendingBaseline {
	const part = encodeState(baseline(open, [], now, config)).known;
	let known = { ...pending.known, ...part };
	// Kept within the cap as it grows (the state's own rule), so the saved state stays small.
	if (Object.keys(known).length > MAX_TRACKED) known = encodeState(capKnown(decodeKnown(known))).known;
	return { start: pending.start, walk, known };
}

function decodeKnown(known: Record<string, string>, start = 0): PollState {
	const { state } = decodeState({ v: 2, cursor: isoOf(start), atCursor: {}, known });
	if (!state) throw new Error('unreachable: packed entries always decode');
	return state;
}

/** The state a finished baseline starts from. */
export function finishPending(pending: PendingBaseline): PollState {
	return capKnown(decodeKnown(pending.known, pending.start));
}

/** The pending baseline saved beside the state, if it holds together. */
export function readPending(raw: unknown): PendingBaseline | undefined {
	const p = (raw as { pending?: Record<string, unknown> } | undefined)?.pending;
	if (!p || typeof p !== 'object' || typeof p.start !== 'number' || !Number.isFinite(p.start)) return undefined;
	const w = p.walk as Record<string, unknown> | undefined;
	const int = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
	if (!w || !int(w.page) || !int(w.read) || !int(w.total) || typeof w.steady !== 'boolean') return undefined;
	if (!p.known || typeof p.known !== 'object') return undefined;
	// The packed entries are checked as a state's are.
	if (
		!decodeState({
			v: 2,
			cursor: isoOf(0),
			atCursor: {},
			known: p.known,
		}).state
	)
		return undefined;
	return p as unknown as PendingBaseline;
}
