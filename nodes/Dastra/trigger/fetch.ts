/**
 * What the trigger asks Dastra, kept apart from the decisions in poller.ts. Every listing is read
 * to the end before the poller sees it: a failure anywhere throws and the state is not touched.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { asPage, dastraRequestAllItems, dastraRequestWithTime, MAX_PAGE_SIZE } from '../transport';
import { changedAt, parseDastraDate, type PollState } from './poller';

const PATH = '/DataSubjectRequests';
const OPEN_STATES = ['Open', 'IdentityValidation', 'Processing', 'Active'];

/** Dastra's rule format: offset-less UTC, as its own example shows. */
function ruleDate(iso: string): string {
	return iso.replace(/Z$/, '');
}

/** Every request not closed (for the first activation), and Dastra's clock. */
export async function listOpen(this: IPollFunctions): Promise<{ items: IDataObject[]; now: number }> {
	const first = await dastraRequestWithTime.call(this, 'GET', PATH, {
		qs: { states: OPEN_STATES, page: 1, size: MAX_PAGE_SIZE, sortBy: 'id', asc: true },
	});
	const { items, total } = asPage<IDataObject>(first.body);
	const rest =
		total > items.length && items.length === MAX_PAGE_SIZE
			? await pagesFrom.call(this, 2, { states: OPEN_STATES, sortBy: 'id', asc: true })
			: [];
	return { items: [...items, ...rest], now: clock(first.serverTime) };
}

async function pagesFrom(this: IPollFunctions, from: number, qs: IDataObject): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let page = from; ; page++) {
		const { body } = await dastraRequestWithTime.call(this, 'GET', PATH, { qs: { ...qs, page, size: MAX_PAGE_SIZE } });
		const { items, total } = asPage<IDataObject>(body);
		out.push(...items);
		if (items.length < MAX_PAGE_SIZE || page * MAX_PAGE_SIZE >= total) return out;
	}
}

// Without a Date header there is no Dastra clock to read; n8n's is the only one left.
function clock(serverTime: number): number {
	return Number.isNaN(serverTime) ? Date.now() : serverTime;
}

/**
 * Everything changed at or after the cursor. One call when Dastra honours the `filters` rule and
 * not much changed. If it ignores the rule, the answer is sorted by dateUpdate, newest first: it is
 * read until it passes the cursor, and a second listing sorted by dateCreation finds the new
 * requests (2 calls when idle). Whether Dastra honours the sort cannot be told from one page, so
 * it is asked once (the same listing, oldest first: an ignored sort returns the same first
 * request) and remembered; if it ignores the sort too, the listing is read to the end.
 */
export async function listChanges(
	this: IPollFunctions,
	state: Pick<PollState, 'cursor' | 'sortHonoured'>,
): Promise<{ items: IDataObject[]; now: number; sortHonoured?: boolean }> {
	const cursor = Date.parse(state.cursor);
	const rule = {
		separator: 'Or',
		rules: [
			{ field: 'DateCreation', operator: 'greaterThanInclusive', value: ruleDate(state.cursor) },
			{ field: 'DateUpdate', operator: 'greaterThanInclusive', value: ruleDate(state.cursor) },
		],
	};
	let now = NaN;
	let sortHonoured = state.sortHonoured;
	const get = async (qs: IDataObject) => {
		const res = await dastraRequestWithTime.call(this, 'GET', PATH, { qs });
		if (Number.isNaN(now)) now = clock(res.serverTime);
		return asPage<IDataObject>(res.body);
	};
	const read = async (sortBy: 'dateUpdate' | 'dateCreation', withRule: boolean) => {
		const items: IDataObject[] = [];
		let ruleIgnored = false;
		let sawKey = false;
		for (let page = 1; ; page++) {
			const qs = { sortBy, asc: false, size: MAX_PAGE_SIZE, ...(withRule ? { filters: JSON.stringify(rule) } : {}) };
			const { items: pageItems, total } = await get({ ...qs, page });
			let passed = false;
			for (const item of pageItems) {
				items.push(item);
				if (changedAt(item as never) < cursor) ruleIgnored = true;
				const key = parseDastraDate(item[sortBy] as string | null);
				if (Number.isNaN(key)) {
					// Never updated (the dateCreation listing finds those). In a sorted listing,
					// undated items after dated ones mean every dated item has been read.
					if (sawKey) passed = true;
					continue;
				}
				sawKey = true;
				if (key < cursor) passed = true;
			}
			if (pageItems.length < MAX_PAGE_SIZE || page * MAX_PAGE_SIZE >= total) {
				return { items, ruleIgnored, complete: true };
			}
			if (passed && (ruleIgnored || !withRule)) {
				sortHonoured ??= await sortIsHonoured(pageItems[0], qs);
				if (sortHonoured) return { items, ruleIgnored, complete: false };
			}
		}
	};
	const sortIsHonoured = async (firstDesc: IDataObject, qs: IDataObject) => {
		const { items } = await get({ ...qs, asc: true, page: 1, size: 1 });
		return items.length > 0 && items[0].id !== firstDesc.id;
	};

	const updated = await read('dateUpdate', true);
	if (!updated.ruleIgnored || updated.complete) return { items: updated.items, now, sortHonoured };
	const created = await read('dateCreation', false);
	return { items: [...updated.items, ...created.items], now, sortHonoured };
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
