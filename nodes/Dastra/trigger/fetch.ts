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
 *   clock: anything changed after that listing's answer carries a later or equal date.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { parseDastraDate, toRuleDate } from '../helpers/dates';
import { dastraListing, dastraRequestAllItems, steadyListing as steady, type Listing } from '../transport/pager';
import { CLOSED_STATE, OPEN_STATES } from '../types';
import { changedAt, type PollState } from './poller';

const PATH = '/DataSubjectRequests';
/** How long a finding about `sortBy` is trusted before it is checked again (n8n's clock). */
export const SORT_RECHECK_MS = 86_400_000;

// Without a Date header there is no Dastra clock to read; n8n's is the only one left (deadlines only).
function clock(serverTime: number): number {
	return Number.isNaN(serverTime) ? Date.now() : serverTime;
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
}

/** When a listed request last changed (epoch ms): only its dates, not a whole snapshot (100,000 of them a poll when Dastra ignores the filters). */
const changedAtOf = (i: IDataObject) =>
	changedAt({ dateCreation: String(i.dateCreation ?? ''), dateUpdate: typeof i.dateUpdate === 'string' ? i.dateUpdate : null });

/** The newest change among `items` (epoch ms), NaN for none. */
function newestOf(items: IDataObject[]): number {
	let max = -Infinity;
	for (const i of items) {
		const at = changedAtOf(i);
		if (at > max) max = at;
	}
	return max === -Infinity ? NaN : max;
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
): Promise<Reading> {
	const cursor = state ? Date.parse(state.cursor) : Infinity;
	const rule = state && {
		separator: 'Or',
		rules: [
			{ field: 'DateCreation', operator: 'greaterThanInclusive', value: toRuleDate(state.cursor) },
			{ field: 'DateUpdate', operator: 'greaterThanInclusive', value: toRuleDate(state.cursor) },
		],
	};
	const qs: IDataObject = { sortBy: 'dateUpdate', asc: false, ...(rule ? { filters: JSON.stringify(rule) } : {}) };
	const first = await dastraListing.call(this, PATH, qs, { stop: () => true });
	const now = clock(first.serverTime);
	const open = { ...first, stopped: false };
	// An item older than the cursor: the rule was ignored (without a state there is no rule).
	const ruleIgnored = !state || first.items.some((i) => changedAtOf(i) < cursor);
	if (!ruleIgnored) {
		const all = await dastraListing.call(this, PATH, qs, { first: open });
		return { items: all.items, newest: newestOf(all.items), atomic: all.totals.length === 1, steady: steady(all, true), now, sort: state?.sort };
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
		const all = await dastraListing.call(this, PATH, qs, { first: open });
		return { items: all.items, newest: newestOf(all.items), atomic: all.totals.length === 1, steady: steady(all, true), now, sort };
	}
	// Sorted newest first: read until a page reaches what is older than the cursor (or never updated).
	const past = (key: string) => (items: IDataObject[]) =>
		items.some((i) => {
			const at = parseDastraDate(i[key] as string | null);
			return Number.isNaN(at) || at < cursor;
		});
	const updated =
		first.items.length && past('dateUpdate')(first.items) ? first : await dastraListing.call(this, PATH, qs, { first: open, stop: past('dateUpdate') });
	const created =
		createdFirst && (createdFirst.items.length === 0 || past('dateCreation')(createdFirst.items))
			? createdFirst
			: await dastraListing.call(this, PATH, byCreation, {
					stop: past('dateCreation'),
					...(createdFirst ? { first: { ...createdFirst, stopped: false } } : {}),
				});
	const items = [...updated.items, ...created.items];
	return {
		items,
		// Without a state (activation) nothing is emitted: the newest change of both listings counts.
		newest: state ? newestOf(updated.items) : newestOf(items),
		atomic: updated.totals.length === 1 && created.totals.length === 1,
		steady: steady(updated, false) && steady(created, false),
		now,
		sort,
	};
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
export async function listOpen(this: IPollFunctions): Promise<{ items: IDataObject[]; steady: boolean }> {
	const all = await dastraListing.call(this, PATH, { states: [...OPEN_STATES], sortBy: 'id', asc: true });
	return { items: all.items.filter((i) => i.state !== CLOSED_STATE), steady: steady(all, true) };
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
