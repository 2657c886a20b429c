/**
 * The one pager: every paged listing of the Dastra API is walked here. Paging follows `total`
 * (a page shorter than asked is not the end); pages that run dry before `total` fail the call,
 * and an answer that is not a listing (an HTML login page of a proxy, a wrong base URL) fails it
 * too, saying what came back.
 */
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { parseHttpDate } from '../helpers/dates';
import type { Page } from '../types';
import { dastraCall, MAX_PAGE_SIZE, type DastraContext } from './index';

/** Dastra lists come as `{items, total}`; a few older endpoints answer a bare array. */
export function asPage<T>(res: unknown): Page<T> {
	if (Array.isArray(res)) return { items: res as T[], total: res.length };
	const page = (res ?? {}) as Partial<Page<T>>;
	const items = Array.isArray(page.items) ? page.items : [];
	return { items, total: typeof page.total === 'number' ? page.total : items.length };
}

/** A listing answer, or an error saying what came back instead. */
export function toPage<T>(ctx: DastraContext, res: unknown, path: string): Page<T> {
	if (Array.isArray(res)) return { items: res as T[], total: res.length };
	const page = res as Partial<Page<T>> | null;
	if (page && typeof page === 'object' && !Buffer.isBuffer(page) && Array.isArray(page.items)) {
		return { items: page.items, total: typeof page.total === 'number' ? page.total : page.items.length };
	}
	// Only the shape is named, never the content: an answer may echo the keys (send() has already
	// refused bodies that are not JSON, with their redacted first bytes).
	const text = Buffer.isBuffer(res) ? res.toString('utf8') : typeof res === 'string' ? res : '';
	const keys = page && typeof page === 'object' && !Buffer.isBuffer(page) ? Object.keys(page).slice(0, 8) : [];
	const what = /^\s*</.test(text)
		? 'an HTML page'
		: text
			? 'text that is not JSON'
			: `JSON that is not a listing (${keys.length ? `keys: ${keys.join(', ')}` : typeof res})`;
	return failPage(
		ctx,
		`Dastra answered ${path} with ${what}`,
		'Check the Base URL in the Dastra API credential (it should be the API, e.g. https://api.dastra.eu, not the app) and any proxy between n8n and Dastra.',
	);
}

function failPage(ctx: DastraContext, message: string, description: string): never {
	throw new NodeApiError(ctx.getNode(), { message }, { message, description });
}

export interface Listing {
	items: IDataObject[];
	/** `total` as each page reported it, in page order. */
	totals: number[];
	/** Whether the walk stopped before `total` because `stop` said so (or `limit` was reached). */
	stopped: boolean;
	/** The first answer's `Date` header (epoch ms, NaN when absent or garbage). */
	serverTime: number;
	/** Whether the walk stopped before `total` because `until` said time was up (the trigger's poll budget). */
	cut?: boolean;
	/** Whether the walk ran past the listing's last page before reading `total` items: it moved under the walk. */
	moved?: boolean;
}

/**
 * Calls in flight while a listing's pages after the first are read. Measured (`npm run bench`,
 * the fake 150 ms late, a shared 2-core machine): Get Many of 10,000 requests (20 calls) took
 * ~4.0 s one page at a time, ~2.6 s with 2 in flight, ~2.4 s with 4 or 6, ~2.1 s with 8 (the same
 * read at 0 ms: 1-1.9 s of CPU); the trigger's 200-page poll 21.8 s with 4, 21.1 s with 8. Past 4
 * the gain is within the noise, and 4 keeps a burst small next to Dastra's 500 calls a minute,
 * which every workflow using the key shares.
 */
export const PAGES_IN_FLIGHT = 4;

/** Reads of a listing that changed while it was read, before Return All gives up. */
export const LISTING_READS = 3;

interface ListingOptions {
	size?: number;
	/** Read page after page until it says enough (the pages after the first are then read one at a time). */
	stop?: (items: IDataObject[]) => boolean;
	/** At most this many items are needed: only the pages that hold them are read. */
	limit?: number;
	first?: Listing;
	tenant?: boolean;
	/**
	 * Asked before each page (or group of pages read together) after the first this call reads:
	 * true ends the walk there, at a page boundary, with `cut` (the trigger's poll budget).
	 */
	until?: () => boolean;
	/** Items an earlier call of the same walk read (a walk resumed at page `first.totals.length + 1`). */
	read?: number;
}

async function readPage(ctx: DastraContext, path: string, qs: IDataObject, page: number, size: number, tenant?: boolean) {
	const res = (await dastraCall.call(ctx, tenant ? 'tenant' : 'workspace', 'GET', path, {
		qs: { ...qs, page, size },
		full: true,
	})) as IN8nHttpFullResponse;
	return { ...toPage<IDataObject>(ctx, res.body, path), date: (res.headers as IDataObject | undefined)?.date };
}

/**
 * Adds one page to the walk, in order. A page that comes back empty before `total` fails, unless
 * it lies past the listing's last page as `total` counts it (`perPage`, the server's page size):
 * then requests moved forward under the walk (one deleted on a page already read, another filed
 * since) and the walk ends `moved`, for steadyListing to call unsteady and the caller to read again.
 */
function addPage(ctx: DastraContext, out: Listing, path: string, page: number, { items, total }: Page<IDataObject>, read: number, perPage: number) {
	out.totals.push(total);
	if (items.length === 0 && read + out.items.length < total) {
		if ((page - 1) * perPage >= total) {
			out.moved = true;
			return;
		}
		return failPage(
			ctx,
			`Dastra's listing ${path} ran dry at page ${page}: total says ${total}, ${read + out.items.length} read`,
			'The listing changed or a proxy cut it short. Nothing was skipped: try again; if it persists, check the proxy between n8n and Dastra.',
		);
	}
	out.items.push(...items);
}

/** Runs `read(0..count-1)` with at most `inFlight` at a time; results in order. The first error stops new reads. */
async function inParallel<T>(count: number, inFlight: number, read: (k: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (!failure && next < count) {
			const k = next++;
			try {
				results[k] = await read(k);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
	if (failure) throw failure.error;
	return results;
}

/**
 * Walks a workspace listing (page 1 may be given, already read) until `total` is reached,
 * `limit` items are read, or `stop(page items)` says enough. Once page 1 has told `total`, the
 * pages that hold the rest are read PAGES_IN_FLIGHT at a time and assembled in page order; with
 * `stop` they are read one at a time (the walk usually ends after a page or two). A server that
 * pages by a smaller size than asked is followed by the size of its first page. A page that comes
 * back empty before `total` fails.
 */
export async function dastraListing(this: DastraContext, path: string, qs: IDataObject, options: ListingOptions = {}): Promise<Listing> {
	const size = options.size ?? MAX_PAGE_SIZE;
	const out: Listing = options.first
		? { ...options.first, items: [...options.first.items], totals: [...options.first.totals] }
		: { items: [], totals: [], stopped: false, serverTime: NaN };
	const limit = options.limit ?? Infinity;
	const read = options.read ?? 0;
	let readHere = 0;
	const done = () => {
		if (out.stopped || out.moved) return true;
		if (out.items.length >= limit) out.stopped = true;
		return out.stopped || (out.totals.length > 0 && read + out.items.length >= out.totals[out.totals.length - 1]);
	};
	// The server's page size: the most one page held in this call (a resumed walk, before its first
	// page, assumes the size asked).
	let widest = 0;
	const serverPage = () => widest || size;
	const fetchPage = async (page: number) => {
		const answer = await readPage(this, path, qs, page, size, options.tenant);
		widest = Math.max(widest, answer.items.length);
		// Dastra's clock: the first answer this call reads (a resumed walk has none yet).
		if (readHere++ === 0 && Number.isNaN(out.serverTime)) out.serverTime = parseHttpDate(answer.date);
		return answer;
	};
	// Time is up (the poll's budget): the walk ends at a page boundary, after at least one page read here.
	const cut = () => readHere > 0 && options.until?.() === true;
	if (out.totals.length === 0) {
		const first = await fetchPage(1);
		addPage(this, out, path, 1, first, read, serverPage());
		if (options.stop?.(first.items)) out.stopped = true;
	}
	if (!options.stop && !done()) {
		// Every page but the last holds as many items as page 1 (Dastra's size, or a proxy's smaller one).
		const perPage = Math.min(size, out.items.length / out.totals.length) || size;
		const wanted = Math.min(out.totals[out.totals.length - 1], limit);
		const from = out.totals.length + 1;
		const to = Math.max(Math.ceil(wanted / perPage), from - 1);
		// With `until`, the first page this call reads alone, then PAGES_IN_FLIGHT at a time, asking
		// before each group (a walk resumed or begun by an earlier call stops at a page boundary as
		// early as a walk read page by page would); without, one pool.
		for (let start = from; start <= to; ) {
			if (cut()) return { ...out, cut: true };
			const group = !options.until ? to - from + 1 : readHere === 0 ? 1 : PAGES_IN_FLIGHT;
			const end = Math.min(to, start + group - 1);
			const pages = await inParallel(end - start + 1, PAGES_IN_FLIGHT, (k) => fetchPage(start + k));
			for (const [k, answer] of pages.entries()) {
				// A page read beside others may have met a listing that moved under it: read alone once
				// more before calling it dry (what it then holds, steadyListing judges).
				const page = answer.items.length === 0 && read + out.items.length < answer.total ? await fetchPage(start + k) : answer;
				addPage(this, out, path, start + k, page, read, serverPage());
			}
			start = end + 1;
		}
	}
	// Page by page from here: a walk with `stop`, or pages a growing listing added.
	for (let page = out.totals.length + 1; !done(); page++) {
		if (cut()) return { ...out, cut: true };
		const next = await fetchPage(page);
		addPage(this, out, path, page, next, read, serverPage());
		if (options.stop?.(next.items)) out.stopped = true;
	}
	return out;
}

/**
 * Whether a walk shows no sign of having moved while it was read: every page reported the same
 * `total` and, for a walk read to its end, exactly `total` distinct items came back. (An item
 * removed before a page not yet read shifts the rest forward: one is skipped and `total` drops.)
 */
export function steadyListing(listing: Listing, toEnd: boolean): boolean {
	if (listing.moved) return false;
	if (listing.totals.length <= 1) return true;
	const total = listing.totals[0];
	if (listing.totals.some((t) => t !== total)) return false;
	if (!toEnd) return true;
	return listing.items.length === total && new Set(listing.items.map((i, k) => i.id ?? `#${k}`)).size === total;
}

function changedError(ctx: DastraContext, path: string, listing: Listing): never {
	const totals = [...new Set(listing.totals)];
	const what =
		totals.length > 1
			? `its total went ${totals.join(' -> ')} from page to page`
			: `${new Set(listing.items.map((i) => i.id)).size} distinct items came back for a total of ${listing.totals[0]}`;
	return failPage(
		ctx,
		`Dastra's listing ${path} changed while it was read, ${LISTING_READS} times in a row: ${what}`,
		'Requests were created, deleted or archived in Dastra while n8n read the list page by page, so an item could have been skipped or read twice; nothing is returned rather than an incomplete list. Run it again, or narrow the list with filters.',
	);
}

/**
 * Walks a paged listing with the largest page Dastra allows (or `limit`, if smaller),
 * and stops as soon as the total is reached: no extra empty-page call.
 * `keep` filters items client-side (for rules Dastra may ignore); `limit` counts kept items.
 * A listing that changed while it was read (steadyListing) is read again, up to LISTING_READS
 * times, then fails: never a silent gap.
 */
export async function dastraRequestAllItems(
	this: DastraContext,
	path: string,
	qs: IDataObject = {},
	{
		limit,
		keep,
		tenant,
	}: { limit?: number; keep?: (item: IDataObject) => boolean; tenant?: boolean } = {},
): Promise<IDataObject[]> {
	const size = limit !== undefined && !keep ? Math.min(Math.max(limit, 1), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
	for (let read = 1; ; read++) {
		const out: IDataObject[] = [];
		const full = () => limit !== undefined && out.length >= limit;
		const take = (items: IDataObject[]) => {
			for (const item of items) {
				if (full()) break;
				if (!keep || keep(item)) out.push(item);
			}
			return full();
		};
		// With `keep` and a limit, how many pages hold `limit` matches is unknown: page by page until then.
		const listing =
			keep && limit !== undefined
				? await dastraListing.call(this, path, qs, { size, tenant, stop: take })
				: await dastraListing.call(this, path, qs, { size, tenant, limit });
		if (steadyListing(listing, !listing.stopped)) {
			if (!(keep && limit !== undefined)) take(listing.items);
			return out;
		}
		if (read >= LISTING_READS) return changedError(this, path, listing);
	}
}
