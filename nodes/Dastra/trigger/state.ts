/**
 * Where the Dastra Trigger keeps its state in n8n's static data, and how it finds it again.
 *
 * n8n keys a node's static data ("node") by the node's *name*: after a rename the trigger would
 * find nothing, take a fresh baseline and swallow what changed since the last poll. So the state
 * is written in two places, each with a sequence number `seq` that grows at every write:
 * - the workflow's global static data, under the node's ID (a rename does not change it);
 * - the node's own static data, as before. On n8n's durable scheduler with durable cursors
 *   (`N8N_POLLER_DURABLE_CURSORS_ENABLED`, 2.4x) this one is n8n's poll cursor: kept per node
 *   ID, committed with the execution it starts and also by a poll that emits nothing.
 * A poll reads both and takes the one with the higher `seq`, so whichever copy n8n kept last
 * wins; a name-keyed state left by an older version of the node (no `seq`) is taken over once.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/** The key in the global static data: one entry per trigger node ID. */
export const GLOBAL_KEY = 'dastraTrigger';

/**
 * The states a trigger keeps: the request events' (`dastra` in the node's static data) and the task
 * events' (`dastraTasks`, trigger/taskFetch.ts), each under its own global key.
 */
const GLOBAL_KEYS: Record<string, string> = { dastra: GLOBAL_KEY, dastraTasks: 'dastraTriggerTasks' };
export type StateKey = 'dastra' | 'dastraTasks';

export interface Loaded {
	/** The state as it was saved (what poller.ts's decodeState reads), or undefined. */
	raw: unknown;
	/** Where it came from, for logs and tests. */
	from: 'node' | 'global' | 'none';
	seq: number;
}

function nodeKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return node.id || `name:${node.name}`;
}

function seqOf(entry: unknown): number {
	const seq = (entry as { seq?: unknown } | undefined)?.seq;
	return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : 0;
}

function globalEntry(ctx: IPollFunctions, key: StateKey): IDataObject | undefined {
	const all = ctx.getWorkflowStaticData('global')[GLOBAL_KEYS[key]] as IDataObject | undefined;
	const entry = all && typeof all === 'object' ? (all[nodeKey(ctx)] as IDataObject | undefined) : undefined;
	return entry && typeof entry === 'object' ? entry : undefined;
}

/** The newest saved state of this trigger node. */
export function loadState(ctx: IPollFunctions, key: StateKey = 'dastra'): Loaded {
	const own = ctx.getWorkflowStaticData('node');
	const global = globalEntry(ctx, key);
	const local = own[key] === undefined ? undefined : { state: own[key], seq: own[`${key}Seq`] };
	const candidates: Array<Loaded & { present: boolean }> = [
		{
			raw: global?.state,
			from: 'global',
			seq: seqOf(global),
			present: global?.state !== undefined,
		},
		{
			raw: local?.state,
			from: 'node',
			seq: seqOf(local),
			present: local !== undefined,
		},
	];
	let best: Loaded = { raw: undefined, from: 'none', seq: 0 };
	for (const c of candidates) {
		// On a tie the global copy (listed first) is kept: both were written together.
		if (c.present && (best.from === 'none' || c.seq > best.seq)) best = { raw: c.raw, from: c.from, seq: c.seq };
	}
	return best;
}

/**
 * A global entry of another trigger node that no poll wrote for this long belongs to a node deleted
 * from the workflow: it is dropped, so the workflow's static data does not keep it for ever. A
 * node that still exists (disabled, or polled less often than this) keeps its own copy, which n8n
 * holds under its name.
 */
export const STALE_ENTRY_MS = 90 * 86_400_000;

/** The other nodes' global entries, without the stale ones; an entry without a time (an older version wrote it) ages from now. */
function liveEntries(all: IDataObject, self: string, now: number): IDataObject {
	const out: IDataObject = {};
	for (const [id, entry] of Object.entries(all)) {
		if (id === self || !entry || typeof entry !== 'object') continue;
		const at = (entry as { at?: unknown }).at;
		if (typeof at !== 'number' || !Number.isFinite(at)) out[id] = { ...(entry as IDataObject), at: now };
		else if (now - at <= STALE_ENTRY_MS) out[id] = entry;
	}
	return out;
}

/** Writes the state in both places with the next sequence number. */
export function saveState(ctx: IPollFunctions, loaded: Pick<Loaded, 'seq'>, stored: IDataObject, key: StateKey = 'dastra'): void {
	const seq = loaded.seq + 1;
	const own = ctx.getWorkflowStaticData('node');
	own[key] = stored;
	own[`${key}Seq`] = seq;
	const global = ctx.getWorkflowStaticData('global');
	const name = GLOBAL_KEYS[key];
	const all = (global[name] && typeof global[name] === 'object' ? global[name] : {}) as IDataObject;
	const now = Date.now();
	// A new object at the top level, so n8n sees the change and saves it.
	global[name] = { ...liveEntries(all, nodeKey(ctx), now), [nodeKey(ctx)]: { seq, state: stored, at: now } };
}

/** Forgets a state in both places (the task events were unchosen while the workflow was active). */
export function dropState(ctx: IPollFunctions, key: StateKey): void {
	const own = ctx.getWorkflowStaticData('node');
	if (own[key] !== undefined) delete own[key];
	if (own[`${key}Seq`] !== undefined) delete own[`${key}Seq`];
	const global = ctx.getWorkflowStaticData('global');
	const name = GLOBAL_KEYS[key];
	const all = global[name] as IDataObject | undefined;
	if (all && typeof all === 'object' && all[nodeKey(ctx)] !== undefined) {
		const rest = { ...all };
		delete rest[nodeKey(ctx)];
		// A new object at the top level, so n8n sees the change and saves it.
		global[name] = rest;
	}
}
