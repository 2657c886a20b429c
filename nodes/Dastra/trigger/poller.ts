/**
 * The Dastra Trigger's decisions, kept pure: plain JSON in, plain JSON out, no clock, no I/O,
 * no n8n import. `DastraTrigger.node.ts` fetches and persists; this module says what to emit
 * and what to remember. Its only imports are the pure facts it shares with the other nodes
 * (Dastra's date format in helpers/dates.ts, the closed state in types.ts), so each lives in one
 * place; test/unit/Dastra/trigger/purity.test.ts keeps that list from growing.
 *
 * Model. The trigger sees snapshots: at each poll, the requests changed since the last poll.
 * "Exactly once" means: every change that a poll can observe is emitted by exactly one poll.
 * Several changes to one request between two polls are one `requestUpdated` (and one transition
 * from the state last seen to the state seen now). Transitions are relative to what this trigger
 * last saw: a request it never saw (closed or archived when it was activated) has no previous
 * state, so its first change is a `requestUpdated` only.
 *
 * Time comes from Dastra: change detection uses the requests' own `dateCreation`/`dateUpdate`,
 * and deadlines use Dastra's clock (the `Date` header of its answer), so a skewed n8n clock
 * neither loses nor repeats events. The cursor never passes that clock (plus MAX_CLOCK_SKEW_MS):
 * a request dated in the future (a bad import, a clock gone wrong) is reported once (it stays in
 * `atCursor` until the cursor reaches its date) and hides nothing changed after it.
 */

import { isoOf, parseDastraDate } from '../helpers/dates';
import { CLOSED_STATE } from '../types';

export const TRIGGER_EVENTS = [
	'requestCreated',
	'requestUpdated',
	'stateChanged',
	'stepChanged',
	'requestClosed',
	'deadlineApproaching',
	'requestOverdue',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/**
 * How many requests the state remembers. Open requests are kept first; past the cap, closed ones
 * are forgotten oldest first, then the open ones whose deadline is furthest away. A forgotten
 * request is treated as never seen: no transition events (a `requestUpdated` still fires) until
 * it is seen again, and no deadline events for it.
 */
export const MAX_TRACKED = 10_000;

const DAY_MS = 86_400_000;

/**
 * How far past Dastra's clock (its Date header, in whole seconds, or n8n's clock without one) a
 * change may be dated and still move the cursor: the header's rounding. The cursor moves only to
 * a change's own date, never to a clock (a clock ahead of Dastra's would hide what is filed in
 * between); changes dated later stay in `atCursor`, so none repeats.
 */
export const MAX_CLOCK_SKEW_MS = 1_000;

/**
 * The newest change among `snapshots` dated no later than Dastra's clock `now` (plus the skew),
 * in epoch ms; NaN for none. What the cursor may move to.
 */
export function newestUpTo(snapshots: Array<Pick<Snapshot, 'dateCreation' | 'dateUpdate'>>, now: number): number {
	const bound = Number.isNaN(now) ? Infinity : now + MAX_CLOCK_SKEW_MS;
	let max = -Infinity;
	for (const s of snapshots) {
		const at = changedAt(s);
		if (at <= bound && at > max) max = at;
	}
	return max === -Infinity ? NaN : max;
}

/** The fields of a request the trigger reads. */
export interface Snapshot {
	id: number;
	state: string;
	stepId: number | null;
	dateCreation: string;
	dateUpdate: string | null;
	expiryTime: string | null;
	/** Short hash of the request's content, to tell apart two changes in the same instant. */
	fingerprint: string;
}

/** One remembered request: [state, stepId, expiry (epoch seconds, 0 = none), flags]. */
export type Known = [string, number | null, number, number];
const WARNED = 1; // deadlineApproaching fired for the expiry stored beside it
const OVERDUE = 2; // requestOverdue fired

export interface PollState {
	v: 2;
	/**
	 * ISO UTC (ms): every change at or after it that Dastra lists is either processed (then in
	 * `atCursor`) or still to come. It moves only after a listing shown consistent, and only to the
	 * newest change that listing held (Dastra's own dates, never its Date header), and never past
	 * Dastra's clock plus MAX_CLOCK_SKEW_MS.
	 */
	cursor: string;
	/**
	 * Requests already processed whose change is at or after `cursor`: "fingerprint@epochMs".
	 * Listings ask for changes >= cursor, so these come back and must not be emitted twice.
	 */
	atCursor: Record<string, string>;
	known: Record<string, Known>;
	/** Whether Dastra honours `sortBy` on request listings, and when that was last checked (n8n's clock). */
	sort?: { honoured: boolean; checkedAt: number };
}

/** What a poll's reading says about itself (see fetch.ts). */
export interface ReadingFacts {
	/** The listings were read as a consistent whole: the cursor may move. */
	consistent: boolean;
	/** The newest change (epoch ms) in the listing the cursor may move to; NaN for none. */
	newest: number;
}

export interface TriggerConfig {
	events: TriggerEvent[];
	daysBeforeDeadline: number;
	/**
	 * Whether events about this request, as it stands in this poll, are emitted (the user's
	 * filters; the node checks them on the request Dastra returned). All are by default.
	 */
	accepts?: (s: Snapshot) => boolean;
}

export interface Emission {
	event: TriggerEvent;
	id: number;
	previousState?: string | null;
	previousStepId?: number | null;
}

/** The fields of a Dastra request the trigger reads, and a fingerprint of the rest. */
export function toSnapshot(dsr: Record<string, unknown>): Snapshot {
	const snapshot = {
		id: Number(dsr.id),
		state: String(dsr.state ?? ''),
		stepId: typeof dsr.workFlowStepId === 'number' ? dsr.workFlowStepId : null,
		dateCreation: String(dsr.dateCreation ?? ''),
		dateUpdate: typeof dsr.dateUpdate === 'string' ? dsr.dateUpdate : null,
		expiryTime: typeof dsr.expiryTime === 'string' ? dsr.expiryTime : null,
	} as Snapshot;
	// Computed when first read: only changes at or after the cursor need it, and hashing every
	// request of a large listing costs more than reading it (about 0.4 ms each).
	let fingerprint: string | undefined;
	Object.defineProperty(snapshot, 'fingerprint', {
		enumerable: true,
		get() {
			if (fingerprint === undefined) {
				// remainingDays moves with the clock alone; it is no change to the request.
				const content = { ...dsr };
				delete content.remainingDays;
				fingerprint = fnv1a(JSON.stringify(content));
			}
			return fingerprint;
		},
	});
	return snapshot;
}

function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36);
}

/** When a request last changed, as epoch ms: its update, or its creation if never updated. */
export function changedAt(s: Pick<Snapshot, 'dateCreation' | 'dateUpdate'>): number {
	const updated = parseDastraDate(s.dateUpdate);
	return Number.isNaN(updated) ? parseDastraDate(s.dateCreation) : updated;
}

function expirySeconds(s: Snapshot): number {
	const ms = parseDastraDate(s.expiryTime);
	return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * First activation: remember the open requests and start the cursor at the newest change Dastra
 * listed (its own dates, not its clock). Emits nothing. `open` must hold every request not
 * closed; `recent` the newest changes (at least every request changed at the newest instant),
 * whatever their state, so none of those is news later. `now` is Dastra's clock (epoch ms).
 */
export function baseline(
	open: Snapshot[],
	recent: Snapshot[],
	now: number,
	config: TriggerConfig,
): PollState {
	let newest = 0;
	for (const s of [...open, ...recent]) {
		const at = changedAt(s);
		if (!Number.isNaN(at)) newest = Math.max(newest, at);
	}
	// Never past Dastra's clock: a request dated in the future must not hide what comes before it.
	// When every change listed is in the future, the clock itself (nothing else to go by).
	const upTo = newestUpTo([...open, ...recent], now);
	const cursorMs = Number.isNaN(upTo) ? Math.min(newest, now) : upTo;
	const known: Record<string, Known> = {};
	const atCursor: Record<string, string> = {};
	const closedNow = recent.filter((r) => r.state === CLOSED_STATE && changedAt(r) >= newest);
	for (const s of [...open.filter((o) => o.state !== CLOSED_STATE), ...closedNow]) {
		// Deadlines already near or past at activation are where things stand, not news.
		known[s.id] = [s.state, s.stepId, expirySeconds(s), due(expirySeconds(s), 0, now, config)];
	}
	for (const s of [...open, ...recent]) {
		// Changes at the newest instant that the baseline already saw are not news either.
		if (changedAt(s) >= cursorMs) atCursor[s.id] = tieKey(s);
	}
	return capKnown({ v: 2, cursor: isoOf(cursorMs), atCursor, known });
}

function tieKey(s: Snapshot): string {
	return `${s.fingerprint}@${changedAt(s)}`;
}

/**
 * The changes to act on among what a listing returned: those after the cursor, and those at the
 * cursor not yet processed with that content. Pages of a listing may overlap; duplicates are dropped.
 */
export function newChanges(state: PollState, fetched: Snapshot[]): Snapshot[] {
	const cursor = parseDastraDate(state.cursor);
	const byId = new Map<number, Snapshot>();
	for (const s of fetched) {
		const at = changedAt(s);
		if (Number.isNaN(at) || at < cursor) continue;
		if (state.atCursor[s.id] === tieKey(s)) continue;
		const prev = byId.get(s.id);
		if (!prev || changedAt(prev) <= at) byId.set(s.id, s);
	}
	return [...byId.values()].sort((a, b) => changedAt(a) - changedAt(b) || a.id - b.id);
}

/**
 * Requests whose deadline event is due at `now` (Dastra's clock) and that this poll's listing did
 * not return: they are re-read (one listing by IDs) before anything is emitted about them, since
 * they may have been archived, deleted or closed without the trigger seeing it.
 */
export function deadlineCandidates(
	state: PollState,
	changes: Snapshot[],
	now: number,
	config: TriggerConfig,
): number[] {
	const changed = new Set(changes.map((c) => c.id));
	return Object.entries(state.known)
		.filter(([id, [stateName, , expiry, flags]]) => {
			return !changed.has(Number(id)) && stateName !== CLOSED_STATE && due(expiry, flags, now, config) !== 0;
		})
		.map(([id]) => Number(id));
}

function flagsFor(state: PollState, s: Snapshot): number {
	const known = state.known[s.id];
	if (!known) return 0;
	// A new deadline (e.g. the request became complex) may warn again; overdue stays once.
	return known[2] === expirySeconds(s) ? known[3] : known[3] & OVERDUE;
}

/** The flags of the deadline events due now and not yet fired (0 for none). */
function due(expiry: number, flags: number, now: number, config: TriggerConfig): number {
	if (!expiry) return 0;
	const ms = expiry * 1000;
	let out = 0;
	if (
		config.events.includes('deadlineApproaching') &&
		!(flags & WARNED) &&
		ms - now <= config.daysBeforeDeadline * DAY_MS
	) {
		out |= WARNED;
	}
	if (config.events.includes('requestOverdue') && !(flags & OVERDUE) && ms < now) out |= OVERDUE;
	return out;
}

/**
 * One poll's decision. `changes` are `newChanges(...)` of a complete listing: on a failed fetch,
 * do not call this and keep the old state, so the next poll catches up. `recheck` holds the
 * `deadlineCandidates` asked for and the snapshots Dastra returned for them; a candidate it did not
 * return (archived or deleted) is forgotten. `now` is Dastra's clock in epoch ms.
 */
export function diff(
	state: PollState,
	changes: Snapshot[],
	recheck: { ids: number[]; found: Snapshot[] },
	now: number,
	config: TriggerConfig,
	reading: ReadingFacts,
): { emit: Emission[]; next: PollState } {
	const wants = new Set(config.events);
	const emit: Emission[] = [];
	const known: Record<string, Known> = { ...state.known };
	const cursor = parseDastraDate(state.cursor);
	// Only a consistent reading moves the cursor, and only to the newest change it held: a
	// listing that moved while it was read may have skipped one, which must come back. Never past
	// Dastra's clock (`now`): a change dated later stays in atCursor until the cursor reaches it
	// (`reading.newest` is newestUpTo(listing, now); the bound here only guards it).
	const nextCursor =
		reading.consistent && !Number.isNaN(reading.newest)
			? Math.max(cursor, Math.min(reading.newest, now + MAX_CLOCK_SKEW_MS))
			: cursor;
	const atCursor: Record<string, string> = { ...state.atCursor };
	const push = (s: Snapshot, e: Emission) => {
		if (wants.has(e.event) && (config.accepts?.(s) ?? true)) emit.push(e);
	};
	const deadlines = (s: Snapshot) => {
		const k = known[s.id];
		if (s.state === CLOSED_STATE) return;
		const fire = due(k[2], k[3], now, config);
		if (fire & WARNED) push(s, { event: 'deadlineApproaching', id: s.id });
		if (fire & OVERDUE) push(s, { event: 'requestOverdue', id: s.id });
		known[s.id] = [k[0], k[1], k[2], k[3] | fire];
	};

	for (const s of changes) {
		const prev = known[s.id];
		// New: never seen by this trigger, and created at or after the newest change it had seen.
		if (!prev && state.atCursor[s.id] === undefined && parseDastraDate(s.dateCreation) >= cursor) {
			push(s, { event: 'requestCreated', id: s.id });
		} else {
			push(s, { event: 'requestUpdated', id: s.id });
			if (prev && prev[0] !== s.state) {
				push(s, { event: 'stateChanged', id: s.id, previousState: prev[0] });
				if (s.state === CLOSED_STATE) push(s, { event: 'requestClosed', id: s.id, previousState: prev[0] });
			}
			if (prev && prev[1] !== s.stepId) {
				push(s, { event: 'stepChanged', id: s.id, previousStepId: prev[1] });
			}
		}
		known[s.id] = [s.state, s.stepId, expirySeconds(s), flagsFor(state, s)];
		deadlines(s);
		atCursor[s.id] = tieKey(s);
	}
	// Only changes at or after the new cursor can come back.
	for (const [id, key] of Object.entries(atCursor)) {
		if (Number(key.slice(key.lastIndexOf('@') + 1)) < nextCursor) delete atCursor[id];
	}

	const found = new Map(recheck.found.map((s) => [s.id, s]));
	for (const id of recheck.ids) {
		const s = found.get(id);
		const k = known[id];
		if (!k) continue;
		if (!s) {
			delete known[id];
			continue;
		}
		// The re-read may show a change the next listing will report: take only the deadline now,
		// so that change still produces its transition events then.
		known[id] = [k[0], k[1], expirySeconds(s), k[2] === expirySeconds(s) ? k[3] : k[3] & OVERDUE];
		deadlines(s);
	}

	return {
		emit,
		next: capKnown({
			...state,
			cursor: isoOf(nextCursor),
			atCursor,
			known,
		}),
	};
}

/**
 * A saved cursor past Dastra's clock `now` (saved by a version without the bound, or Dastra's
 * clock went back) hides every change dated before it. Moved back to `now`; what is at the old
 * cursor stays processed (atCursor). Undefined when the cursor is fine. Changes made while it was
 * ahead cannot be told apart from those already reported, so the caller warns about them.
 */
export function repairCursor(state: PollState, now: number): PollState | undefined {
	if (Number.isNaN(now) || !(parseDastraDate(state.cursor) > now + MAX_CLOCK_SKEW_MS)) return undefined;
	return { ...state, cursor: isoOf(now) };
}

/** Keeps `known` within MAX_TRACKED: closed first (lowest ID first), then open by furthest deadline. */
export function capKnown(state: PollState, max = MAX_TRACKED): PollState {
	const entries = Object.entries(state.known);
	if (entries.length <= max) return state;
	const rank = ([id, [s, , expiry]]: [string, Known]) => [s === CLOSED_STATE ? 0 : 1, s === CLOSED_STATE ? Number(id) : -expiry];
	entries.sort((a, b) => {
		const [ga, va] = rank(a);
		const [gb, vb] = rank(b);
		return ga - gb || va - vb;
	});
	const kept = entries.slice(entries.length - max);
	return { ...state, known: Object.fromEntries(kept) };
}

// ---- static data: compact, validated when read ------------------------------------------------

const STATE_CODES: Record<string, string> = { Open: 'O', IdentityValidation: 'I', Processing: 'P', Active: 'A', Closed: 'C' };
const CODE_STATES = Object.fromEntries(Object.entries(STATE_CODES).map(([k, v]) => [v, k]));

/** The state as saved: `known` packed as "O101.t3k2ps.1" (state, step, expiry base 36, flags); a closed request keeps "C105". */
export interface StoredState {
	v: 2;
	cursor: string;
	atCursor: Record<string, string>;
	known: Record<string, string>;
	sort?: { honoured: boolean; checkedAt: number };
}

function packKnown([stateName, stepId, expiry, flags]: Known): string {
	const code = STATE_CODES[stateName] ?? `~${stateName.replace(/[.~]/g, '')}~`;
	const step = stepId === null ? '' : String(stepId);
	// A closed request needs only its state and step (for transitions if it reopens).
	if (stateName === CLOSED_STATE) return `${code}${step}`;
	return `${code}${step}.${expiry.toString(36)}.${flags}`;
}

function unpackKnown(text: unknown): Known | undefined {
	if (typeof text !== 'string') return undefined;
	const m = /^(?:([OIPAC])|~([^~.]*)~)(\d*)(?:\.([0-9a-z]+)\.([0-3]))?$/.exec(text);
	if (!m) return undefined;
	const stateName = m[1] ? CODE_STATES[m[1]] : m[2];
	return [stateName, m[3] === '' ? null : Number(m[3]), m[4] ? parseInt(m[4], 36) : 0, m[5] ? Number(m[5]) : 0];
}

export function encodeState(state: PollState): StoredState {
	const known: Record<string, string> = {};
	for (const [id, k] of Object.entries(state.known)) known[id] = packKnown(k);
	return { v: 2, cursor: state.cursor, atCursor: state.atCursor, known, ...(state.sort ? { sort: state.sort } : {}) };
}

const TIE = /^[^@]+@\d+$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The saved state, checked field by field; undefined when there is none or it does not hold
 * together (then the trigger re-baselines). Version 1 states are converted.
 */
export function decodeState(raw: unknown): { state?: PollState; problem?: string } {
	if (raw === undefined || raw === null) return {};
	const r = raw as Record<string, unknown>;
	const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
	if (!isObject(r)) return { problem: 'it is not an object' };
	if (r.v !== 1 && r.v !== 2) return { problem: `unknown version ${JSON.stringify(r.v)}` };
	if (typeof r.cursor !== 'string' || !ISO.test(r.cursor) || Number.isNaN(parseDastraDate(r.cursor))) return { problem: 'the cursor is not a date' };
	if (!isObject(r.atCursor)) return { problem: 'atCursor is not an object' };
	for (const [id, key] of Object.entries(r.atCursor)) {
		if (!/^\d+$/.test(id) || typeof key !== 'string' || !TIE.test(key)) return { problem: `atCursor entry ${id} is invalid` };
	}
	if (!isObject(r.known)) return { problem: 'known is not an object' };
	const known: Record<string, Known> = {};
	for (const [id, value] of Object.entries(r.known)) {
		const k = r.v === 1 ? unpackV1(value) : unpackKnown(value);
		if (!/^\d+$/.test(id) || !k) return { problem: `known entry ${id} is invalid` };
		known[id] = k;
	}
	const sort = r.sort as { honoured?: unknown; checkedAt?: unknown } | undefined;
	const sortOk = isObject(sort) && typeof sort.honoured === 'boolean' && typeof sort.checkedAt === 'number';
	return {
		state: {
			v: 2,
			cursor: r.cursor,
			atCursor: r.atCursor as Record<string, string>,
			known,
			...(sortOk ? { sort: { honoured: sort.honoured as boolean, checkedAt: sort.checkedAt as number } } : {}),
		},
	};
}

function unpackV1(value: unknown): Known | undefined {
	if (!Array.isArray(value) || value.length !== 4) return undefined;
	const [stateName, stepId, expiry, flags] = value as unknown[];
	if (typeof stateName !== 'string' || (stepId !== null && typeof stepId !== 'number')) return undefined;
	if (typeof expiry !== 'number' || typeof flags !== 'number') return undefined;
	return [stateName, stepId, expiry, flags];
}
