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
	/** `total` as each page reported it. */
	totals: number[];
	/** Whether the walk stopped before `total` because `stop` said so. */
	stopped: boolean;
	/** The first answer's `Date` header (epoch ms, NaN when absent or garbage). */
	serverTime: number;
	/** Whether the walk stopped before `total` because `until` said time was up (the trigger's poll budget). */
	cut?: boolean;
}

/**
 * Walks a workspace listing page by page (page 1 may be given, already read) until `total` is
 * reached or `stop(page items)` says enough. A page that comes back empty before `total` fails.
 */
export async function dastraListing(
	this: DastraContext,
	path: string,
	qs: IDataObject,
	options: {
		size?: number;
		stop?: (items: IDataObject[]) => boolean;
		first?: Listing;
		tenant?: boolean;
		/** Asked before each page but the first one this call reads: true ends the walk there, with `cut`. */
		until?: () => boolean;
		/** Items an earlier call of the same walk read (a walk resumed at page `first.totals.length + 1`). */
		read?: number;
	} = {},
): Promise<Listing> {
	const size = options.size ?? MAX_PAGE_SIZE;
	const out: Listing = options.first
		? { ...options.first, items: [...options.first.items], totals: [...options.first.totals] }
		: { items: [], totals: [], stopped: false, serverTime: NaN };
	const read = options.read ?? 0;
	const firstPage = out.totals.length + 1;
	for (let page = firstPage; ; page++) {
		if (page > 1) {
			const total = out.totals[out.totals.length - 1];
			if (out.stopped || read + out.items.length >= total) return out;
			if (page > firstPage && options.until?.()) return { ...out, cut: true };
		}
		const query = { ...qs, page, size };
		const res = (await dastraCall.call(this, options.tenant ? 'tenant' : 'workspace', 'GET', path, {
			qs: query,
			full: true,
		})) as IN8nHttpFullResponse;
		if (page === firstPage && Number.isNaN(out.serverTime)) out.serverTime = parseHttpDate((res.headers as IDataObject | undefined)?.date); // Dastra's clock
		const { items, total } = toPage<IDataObject>(this, res.body, path);
		out.totals.push(total);
		if (items.length === 0 && read + out.items.length < total) {
			return failPage(
				this,
				`Dastra's listing ${path} ran dry at page ${page}: total says ${total}, ${out.items.length} read`,
				'The listing changed or a proxy cut it short. Nothing was skipped: try again; if it persists, check the proxy between n8n and Dastra.',
			);
		}
		out.items.push(...items);
		if (options.stop?.(items)) out.stopped = true;
	}
}

/**
 * Walks a paged listing with the largest page Dastra allows (or `limit`, if smaller),
 * and stops as soon as the total is reached: no extra empty-page call.
 * `keep` filters items client-side (for rules Dastra may ignore); `limit` counts kept items.
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
	const out: IDataObject[] = [];
	const full = () => limit !== undefined && out.length >= limit;
	await dastraListing.call(this, path, qs, {
		size,
		tenant,
		stop(items) {
			for (const item of items) {
				if (full()) break;
				if (!keep || keep(item)) out.push(item);
			}
			return full();
		},
	});
	return out;
}
