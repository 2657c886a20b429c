/**
 * What the trigger asks Dastra, kept apart from the decisions in poller.ts. All paging goes
 * through the transport's pager; a failure anywhere throws and the state is not touched.
 *
 * Why the reading is exact (README, "Dastra Trigger", has the long form):
 * - One answer is one snapshot. A listing read in one page cannot skip anything.
 * - A listing read over several pages can skip an item only if an item before the reader's page
 *   left the listing (deleted, archived, moved) while it was read. Then the walk is not accepted as
 *   consistent: the poll still emits what it read (each change once: `atCursor`), but the cursor
 *   stays, so the skipped change is listed again next poll. A multi-page walk is consistent when
 *   every page reported the same `total`, a walk to the end read exactly `total` distinct requests,
 *   and it held no change not already processed (every insertion into a listing is a change; an
 *   insertion that balances a removal would show as one).
 * - The cursor moves to the newest change of the first listing read (Dastra's dates), never to a
 *   clock: anything changed after that listing's answer carries a later or equal date. It never
 *   passes Dastra's clock either (poller.ts): a change dated in the future would hide the rest.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { parseDastraDate, toRuleDate } from '../helpers/dates';
import { dastraListing, dastraRequestAllItems, steadyListing as steady, type Listing } from '../transport/pager';
import { CLOSED_STATE, OPEN_STATES } from '../types';
import { changedAt, newestUpTo, type PollState } from './poller';

const PATH = '/DataSubjectRequests';
/** How long a finding about `sortBy` is trusted before it is checked again (n8n's clock). */
export const SORT_RECHECK_MS = 86_400_000;

// Without a Date header there is no Dastra clock to read; n8n's is the only one left (deadlines only).
function clock(serverTime: number): number {
	return Number.isNaN(serverTime) ? Date.now() : serverTime;
}

/**
 * A walk through the whole listing cut by the poll's budget, to go on with at the next poll (the
 * cursor, hence the query, stays the same meanwhile). `fresh`: a part already read held changes.
 */
export interface Walk {
	/** Pages read so far. */
	page: number;
	/** Items read so far. */
	read: number;
	/** `total` as the first page said it. */
	total: number;
	/** Every page so far said the same total. */
	steady: boolean;
	fresh: boolean;
	/** The newest change read so far (epoch ms), null for none. */
	newest: number | null;
}

export interface Reading {
	/** Every listed request read, possibly twice (overlaps are de-duplicated by the poller). */
	items: IDataObject[];
	/** The newest change (epoch ms) of the listing the cursor may move to. */
	newest: number;
	/** No listing was read over several pages, or each multi-page walk was steady. */
	atomic: boolean;
	steady: boolean;
	now: number;
	sort: { honoured: boolean; checkedAt: number } | undefined;
	/** The poll's budget ran out before the listings were read to where they should be. */
	cut: boolean;
	/** Where a cut walk through the whole listing goes on next poll (absent: it starts over). */
	walk?: Walk;
}

/** Options of a reading inside a poll (budget.ts). */
export interface ReadOptions {
	until?: () => boolean;
	/** A walk a previous poll left unfinished. */
	walk?: Walk;
}

/** A listed request's dates only, not a whole snapshot (100,000 of them a poll when Dastra ignores the filters). */
const datesOf = (i: IDataObject) => ({ dateCreation: String(i.dateCreation ?? ''), dateUpdate: typeof i.dateUpdate === 'string' ? i.dateUpdate : null });

/** When a listed request last changed (epoch ms). */
const changedAtOf = (i: IDataObject) => changedAt(datesOf(i));

/** The newest change among `items` (epoch ms) not dated after Dastra's clock `now`, NaN for none. */
function newestOf(items: IDataObject[], now: number): number {
	return newestUpTo(items.map(datesOf), now);
}

/**
 * Everything changed at or after the cursor (or, without a state, the newest changes). One call
 * when Dastra honours the `filters` rule and not much changed. If it ignores the rule, the answer
 * is the whole workspace by dateUpdate, newest first: if the sort is honoured it is read until it
 * passes the cursor and a listing by dateCreation finds new never-updated requests (2 calls when
 * idle); if not, it is read to the end.
 */
export async function readChanges(
	this: IPollFunctions,
	state: Pick<PollState, 'cursor' | 'sort'> | undefined,
	{ until, walk }: ReadOptions = {},
): Promise<Reading> {
	const cursor = state ? parseDastraDate(state.cursor) : Infinity;
	const rule = state && {
		separator: 'Or',
		rules: [
			{ field: 'DateCreation', operator: 'greaterThanInclusive', value: toRuleDate(state.cursor) },
			{ field: 'DateUpdate', operator: 'greaterThanInclusive', value: toRuleDate(state.cursor) },
		],
	};
	const qs: IDataObject = { sortBy: 'dateUpdate', asc: false, ...(rule ? { filters: JSON.stringify(rule) } : {}) };
	if (walk && state) return await resume.call(this, qs, walk, state.sort, until);
	const first = await dastraListing.call(this, PATH, qs, { stop: () => true });
	const now = clock(first.serverTime);
	const open = { ...first, stopped: false };
	// An item older than the cursor: the rule was ignored (without a state there is no rule).
	const ruleIgnored = !state || first.items.some((i) => changedAtOf(i) < cursor);
	if (!ruleIgnored) {
		const all = await dastraListing.call(this, PATH, qs, { first: open, until });
		return whole(all, now, state?.sort);
	}

	let sort = state?.sort;
	let honoured = sort?.honoured;
	const byCreation = { sortBy: 'dateCreation', asc: false };
	let createdFirst: Listing | undefined;
	if (!sort || !(Date.now() - sort.checkedAt < SORT_RECHECK_MS) || Date.now() < sort.checkedAt) {
		// Judged on the listing by dateCreation (never empty, unlike dateUpdate), read anyway when honoured.
		createdFirst = await dastraListing.call(this, PATH, byCreation, { stop: () => true });
		const found = await sortHonoured.call(this, createdFirst);
		// A one-page workspace tells nothing: it is read whole, and asked again next time.
		sort = found === undefined ? undefined : { honoured: found, checkedAt: Date.now() };
		honoured = found ?? false;
	}
	if (!honoured) {
		const all = await dastraListing.call(this, PATH, qs, { first: open, until });
		return whole(all, now, sort);
	}
	// Sorted newest first: read until a page reaches what is older than the cursor (or never updated).
	const past = (key: string) => (items: IDataObject[]) =>
		items.some((i) => {
			const at = parseDastraDate(i[key] as string | null);
			return Number.isNaN(at) || at < cursor;
		});
	const updated =
		first.items.length && past('dateUpdate')(first.items)
			? first
			: await dastraListing.call(this, PATH, qs, { first: open, stop: past('dateUpdate'), until });
	const created =
		createdFirst && (createdFirst.items.length === 0 || past('dateCreation')(createdFirst.items))
			? createdFirst
			: await dastraListing.call(this, PATH, byCreation, {
					stop: past('dateCreation'),
					until,
					...(createdFirst ? { first: { ...createdFirst, stopped: false } } : {}),
				});
	const items = [...updated.items, ...created.items];
	return {
		// Cut short: what was read is emitted, the cursor stays and the next poll reads from the top.
		cut: Boolean(updated.cut || created.cut),
		items,
		// Without a state (activation) nothing is emitted: the newest change of both listings counts.
		newest: state ? newestOf(updated.items, now) : newestOf(items, now),
		atomic: updated.totals.length === 1 && created.totals.length === 1,
		steady: steady(updated, false) && steady(created, false),
		now,
		sort,
	};
}

/** A reading of the whole listing (to its end, or cut by the budget: then `walk` says where it stopped). */
function whole(all: Listing, now: number, sort: Reading['sort']): Reading {
	const newest = newestOf(all.items, now);
	const reading: Reading = { items: all.items, newest, atomic: all.totals.length === 1, steady: steady(all, true), now, sort, cut: Boolean(all.cut) };
	if (all.cut) {
		reading.walk = {
			page: all.totals.length,
			read: all.items.length,
			total: all.totals[0],
			steady: all.totals.every((t) => t === all.totals[0]),
			fresh: false,
			newest: Number.isNaN(newest) ? null : newest,
		};
	}
	return reading;
}

/**
 * Goes on with a walk a previous poll left unfinished. Once it reaches the end, the walk as a
 * whole is steady only if every page gave the same total, exactly that many requests were read
 * and no part of it held a change (a walk over several polls cannot compare IDs across them).
 */
async function resume(this: IPollFunctions, qs: IDataObject, walk: Walk, sort: Reading['sort'], until?: () => boolean): Promise<Reading> {
	const first: Listing = { items: [], totals: Array<number>(walk.page).fill(walk.total), stopped: false, serverTime: NaN };
	const rest = await dastraListing.call(this, PATH, qs, { first, read: walk.read, until });
	const items = rest.items;
	const read = walk.read + items.length;
	const same = walk.steady && rest.totals.every((t) => t === walk.total);
	const now = clock(rest.serverTime);
	const here = newestOf(items, now);
	const newest = walk.newest === null ? here : Number.isNaN(here) ? walk.newest : Math.max(walk.newest, here);
	if (rest.cut) {
		return {
			items,
			newest,
			atomic: false,
			steady: false,
			now,
			sort,
			cut: true,
			walk: { page: rest.totals.length, read, total: walk.total, steady: same, fresh: walk.fresh, newest: Number.isNaN(newest) ? null : newest },
		};
	}
	return { items, newest, atomic: false, steady: same && read === walk.total && !walk.fresh, now, sort, cut: false };
}

/**
 * Whether Dastra honours `sortBy`, judged on the listing's own first page (by dateCreation, newest
 * first): it must be in order, and the same listing oldest first must start with a different
 * request no newer than that page's last one. Undefined when one page holds the whole listing.
 */
async function sortHonoured(this: IPollFunctions, first: Listing): Promise<boolean | undefined> {
	const keys = first.items.map((i) => parseDastraDate(i.dateCreation as string | null));
	if (keys.some((k) => Number.isNaN(k))) return false;
	for (let k = 1; k < keys.length; k++) if (keys[k] > keys[k - 1]) return false;
	if (first.items.length === 0 || first.totals[0] <= first.items.length) return undefined;
	const asc = await dastraListing.call(this, PATH, { sortBy: 'dateCreation', asc: true }, { size: 1, stop: () => true });
	const ascFirst = asc.items[0];
	if (!ascFirst) return false;
	return ascFirst.id !== first.items[0].id && parseDastraDate(ascFirst.dateCreation as string | null) <= keys[keys.length - 1];
}

/** Every request not closed (for the first activation), and whether the walk was steady. */
export async function listOpen(
	this: IPollFunctions,
	until?: () => boolean,
	walk?: Walk,
): Promise<{ items: IDataObject[]; steady: boolean; cut: boolean; walk: Walk; now: number }> {
	const first: Listing | undefined = walk && { items: [], totals: Array<number>(walk.page).fill(walk.total), stopped: false, serverTime: NaN };
	const all = await dastraListing.call(this, PATH, { states: [...OPEN_STATES], sortBy: 'id', asc: true }, { until, first, read: walk?.read });
	const total = walk?.total ?? all.totals[0];
	const read = (walk?.read ?? 0) + all.items.length;
	const same = (walk?.steady ?? true) && all.totals.every((t) => t === total);
	return {
		items: all.items.filter((i) => i.state !== CLOSED_STATE),
		steady: walk ? same && read === total : steady(all, true),
		cut: Boolean(all.cut),
		walk: { page: all.totals.length, read, total, steady: same, fresh: false, newest: null },
		now: clock(all.serverTime),
	};
}

/** Fresh copies of the given requests (one listing by IDs; archived or deleted ones are absent). */
export async function listByIds(this: IPollFunctions, ids: number[]): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	// Keep URLs short: 100 IDs a call.
	for (let k = 0; k < ids.length; k += 100) {
		out.push(...(await dastraRequestAllItems.call(this, PATH, { ids: ids.slice(k, k + 100) })));
	}
	return out;
}

/** The newest requests, for a manual "Fetch test event". */
export async function listRecent(this: IPollFunctions): Promise<IDataObject[]> {
	return await dastraRequestAllItems.call(this, PATH, { sortBy: 'dateCreation', asc: false }, { limit: 50 });
}
