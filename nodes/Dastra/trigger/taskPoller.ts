/**
 * The Dastra Trigger's task events, decided here and kept pure like poller.ts: plain JSON in,
 * plain JSON out, no clock, no I/O, no n8n import. taskFetch.ts reads; DastraTrigger.node.ts
 * persists (static data key `dastraTasks`, apart from the requests' state).
 *
 * Model. Each poll reads the workspace's whole task list (not archived) and compares every task
 * with what the trigger remembers of it: its state, and whether taskOverdue fired. Events come
 * from that comparison, not from timestamps, so a task read late (a listing that moved while it
 * was read) is reported at the next poll, never lost and never twice:
 * - taskCreated: a task never seen, created at or after the newest creation the trigger had seen
 *   (`since`). A task it never saw that is older (restored from the archive, or forgotten past the
 *   cap) is remembered silently.
 * - taskCompleted: the state is Closed and was not when last seen; a new task seen already Closed
 *   is created and completed.
 * - taskOverdue: the deadline has passed by Dastra's clock and the task is not closed: once per
 *   task (moving the deadline does not re-arm it). Tasks already overdue at activation are not news.
 * Tasks no longer listed (deleted, archived) stay remembered (a restored one is no news), up to
 * MAX_TRACKED_TASKS.
 */
import { parseDastraDate } from '../helpers/dates';
import { TASK_CLOSED_STATE } from '../types';

export const TASK_TRIGGER_EVENTS = ['taskCreated', 'taskCompleted', 'taskOverdue'] as const;
export type TaskTriggerEvent = (typeof TASK_TRIGGER_EVENTS)[number];

export const isTaskEvent = (event: string): event is TaskTriggerEvent =>
	(TASK_TRIGGER_EVENTS as readonly string[]).includes(event);

/** How many tasks the state remembers; past it, closed ones are forgotten first, lowest ID first. */
export const MAX_TRACKED_TASKS = 20_000;

/** The fields of a task the trigger reads. */
export interface TaskSnapshot {
	id: number;
	state: string;
	dateCreation: string;
	deadline: string | null;
}

/** One remembered task: its state and whether taskOverdue fired. */
export interface KnownTask {
	state: string;
	overdue: boolean;
}

export interface TaskPollState {
	v: 1;
	/** The newest creation date (epoch ms) seen in a consistent listing; null before any task was seen. */
	since: number | null;
	known: Record<string, KnownTask>;
}

export interface TaskEmission {
	event: TaskTriggerEvent;
	id: number;
}

export function toTaskSnapshot(task: Record<string, unknown>): TaskSnapshot {
	return {
		id: Number(task.id),
		state: String(task.state ?? ''),
		dateCreation: String(task.dateCreation ?? ''),
		deadline: typeof task.deadline === 'string' ? task.deadline : null,
	};
}

const isOverdue = (t: TaskSnapshot, now: number) => t.state !== TASK_CLOSED_STATE && parseDastraDate(t.deadline) < now;

/** Later copies win: pages that overlap (a listing that moved) may return a task twice. */
function latest(tasks: TaskSnapshot[]): TaskSnapshot[] {
	const byId = new Map<number, TaskSnapshot>();
	for (const t of tasks) if (Number.isSafeInteger(t.id) && t.id > 0) byId.set(t.id, t);
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

function newestCreation(tasks: TaskSnapshot[], since: number | null): number | null {
	let max = since ?? -Infinity;
	for (const t of tasks) {
		const at = parseDastraDate(t.dateCreation);
		if (at > max) max = at;
	}
	return max === -Infinity ? null : max;
}

/** First activation: remember every listed task where it stands. Emits nothing. `now` is Dastra's clock. */
export function taskBaseline(tasks: TaskSnapshot[], now: number): TaskPollState {
	const list = latest(tasks);
	const known: Record<string, KnownTask> = {};
	for (const t of list) known[t.id] = { state: t.state, overdue: isOverdue(t, now) };
	return capTasks({ v: 1, since: newestCreation(list, null), known });
}

/**
 * One poll's decision over the complete task list (on a failed read, do not call this and keep
 * the old state). `consistent`: the listing was one page, or a steady multi-page walk that held no
 * task never seen; only then may `since` move, so a task a moving listing skipped still counts as
 * new when it shows.
 */
export function taskDiff(
	state: TaskPollState,
	tasks: TaskSnapshot[],
	now: number,
	events: readonly string[],
	consistent: boolean,
): { emit: TaskEmission[]; next: TaskPollState } {
	const wants = new Set(events);
	const emit: TaskEmission[] = [];
	const push = (event: TaskTriggerEvent, id: number) => {
		if (wants.has(event)) emit.push({ event, id });
	};
	const known: Record<string, KnownTask> = { ...state.known };
	const list = latest(tasks);
	for (const t of list) {
		const prev = state.known[t.id];
		const closed = t.state === TASK_CLOSED_STATE;
		if (!prev) {
			const isNew = state.since === null || parseDastraDate(t.dateCreation) >= state.since;
			if (isNew) {
				push('taskCreated', t.id);
				if (closed) push('taskCompleted', t.id);
			}
		} else if (closed && prev.state !== TASK_CLOSED_STATE) {
			push('taskCompleted', t.id);
		}
		let overdue = prev?.overdue ?? false;
		if (!overdue && isOverdue(t, now)) {
			push('taskOverdue', t.id);
			overdue = true;
		}
		known[t.id] = { state: t.state, overdue };
	}
	return {
		emit,
		next: capTasks({ v: 1, since: consistent ? newestCreation(list, state.since) : state.since, known }),
	};
}

/** Keeps `known` within `max`: closed tasks go first, then open ones, lowest ID first. */
export function capTasks(state: TaskPollState, max = MAX_TRACKED_TASKS): TaskPollState {
	const entries = Object.entries(state.known);
	if (entries.length <= max) return state;
	const rank = ([id, k]: [string, KnownTask]) => [k.state === TASK_CLOSED_STATE ? 0 : 1, Number(id)];
	entries.sort((a, b) => {
		const [ga, ia] = rank(a);
		const [gb, ib] = rank(b);
		return ga - gb || ia - ib;
	});
	return { ...state, known: Object.fromEntries(entries.slice(entries.length - max)) };
}

// ---- static data: compact, validated when read ------------------------------------------------

const CODES: Record<string, string> = { Open: 'O', Active: 'A', Closed: 'C', Archived: 'R' };
const STATES = Object.fromEntries(Object.entries(CODES).map(([k, v]) => [v, k]));

/** The state as saved: each task as "O", "A!" (state code, `!` once taskOverdue fired), or "~Other~". */
export interface StoredTaskState {
	v: 1;
	since: number | null;
	known: Record<string, string>;
}

export function encodeTaskState(state: TaskPollState): StoredTaskState {
	const known: Record<string, string> = {};
	for (const [id, k] of Object.entries(state.known)) {
		known[id] = `${CODES[k.state] ?? `~${k.state.replace(/[~!]/g, '')}~`}${k.overdue ? '!' : ''}`;
	}
	return { v: 1, since: state.since, known };
}

/** The saved state, checked; undefined when there is none or it does not hold together (then: a new baseline). */
export function decodeTaskState(raw: unknown): { state?: TaskPollState; problem?: string } {
	if (raw === undefined || raw === null) return {};
	const r = raw as Record<string, unknown>;
	if (typeof r !== 'object' || Array.isArray(r)) return { problem: 'it is not an object' };
	if (r.v !== 1) return { problem: `unknown version ${JSON.stringify(r.v)}` };
	if (r.since !== null && (typeof r.since !== 'number' || !Number.isFinite(r.since))) return { problem: 'since is not a date' };
	if (!r.known || typeof r.known !== 'object' || Array.isArray(r.known)) return { problem: 'known is not an object' };
	const known: Record<string, KnownTask> = {};
	for (const [id, value] of Object.entries(r.known as Record<string, unknown>)) {
		const m = typeof value === 'string' ? /^(?:([OACR])|~([^~!]*)~)(!?)$/.exec(value) : null;
		if (!/^\d+$/.test(id) || !m) return { problem: `known entry ${id} is invalid` };
		known[id] = { state: m[1] ? STATES[m[1]] : m[2], overdue: m[3] === '!' };
	}
	return { state: { v: 1, since: r.since as number | null, known } };
}
