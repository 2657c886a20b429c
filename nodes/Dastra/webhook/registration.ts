import type { IDataObject } from 'n8n-workflow';

import type { WebHookUrl } from '../transport/webhooks';

/** What the node keeps in the workflow's static data: the webhook it registered and its key. */
export interface Registration {
	webhookId?: number;
	signatureKey?: string;
}

/** The same events, whatever the order or repeats. */
export function sameEvents(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) {
	const x = [...new Set(a ?? [])].sort();
	const y = [...new Set(b ?? [])].sort();
	return x.length === y.length && x.every((v, i) => v === y[i]);
}

export type ExistingVerdict =
	/** This very webhook is registered, unblocked, for the same events: keep it. */
	| { reuse: true; webhook: WebHookUrl }
	/** None to keep; `stale` lists the webhooks to remove first, `blocked` whether one was blocked. */
	| { reuse: false; stale: WebHookUrl[]; blocked: boolean };

/** The path of a URL, or '' when it is not one. */
function pathOf(url: unknown): string {
	try {
		return new URL(String(url ?? '')).pathname;
	} catch {
		return '';
	}
}

/** A URL as WHATWG parses it (host lower-cased, default port dropped), or as given when it is not one. */
export function normaliseUrl(url: unknown): string {
	const text = String(url ?? '');
	try {
		return new URL(text).href;
	} catch {
		return text;
	}
}

/**
 * What to do with the webhooks Dastra lists for this workspace, for a node that wants `url` and
 * `events` and knows the webhook `known.webhookId` with the key `known.signatureKey` (from its
 * static data). Only that webhook can be re-used: for any other, n8n cannot check the signatures.
 * Stale: every other webhook at this URL, and the known one when it sits at another URL (n8n's
 * public address changed): left there, Dastra would keep delivering to an address n8n has left.
 * With `ownPath` (the node's webhook path, which holds its unique webhook ID), every webhook whose
 * address holds that path is this node's too: a test URL left by an interrupted Listen for Test
 * Event, or an old public address, and stale.
 */
export function judgeExisting(
	list: WebHookUrl[],
	url: string,
	events: readonly string[],
	known: Registration,
	ownPath?: string,
): ExistingVerdict {
	const wanted = normaliseUrl(url);
	const isKnown = (w: WebHookUrl) => known.webhookId !== undefined && Number(w.id) === known.webhookId;
	const isOwnPath = (w: WebHookUrl) => ownPath !== undefined && ownPath !== '' && pathOf(w.url).endsWith(ownPath);
	const candidates = list.filter((w) => w && (normaliseUrl(w.url) === wanted || isKnown(w) || isOwnPath(w)));
	const mine = candidates.find(isKnown);
	const keyKnown =
		typeof known.signatureKey === 'string' &&
		known.signatureKey !== '' &&
		(mine?.signatureKey === undefined || mine.signatureKey === known.signatureKey);
	if (
		mine &&
		normaliseUrl(mine.url) === wanted &&
		keyKnown &&
		!mine.inError &&
		sameEvents(mine.subscribedEvents, events)
	) {
		return { reuse: true, webhook: mine };
	}
	return { reuse: false, stale: candidates, blocked: candidates.some((w) => w.inError === true) };
}

/**
 * The registration as static data holds it, types normalised (static data is JSON the user can
 * edit, and an ID saved as "500" must still match Dastra's 500); anything unusable is left out.
 */
export function readRegistration(data: IDataObject): Registration {
	const id = typeof data.webhookId === 'string' && data.webhookId.trim() !== '' ? Number(data.webhookId) : data.webhookId;
	const registration: Registration = {};
	if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) registration.webhookId = id;
	if (typeof data.signatureKey === 'string' && data.signatureKey !== '') registration.signatureKey = data.signatureKey;
	return registration;
}

/**
 * Whether Dastra can call n8n at `url`. `refuse`: n8n does not know its public address (the
 * default localhost, or a bind-all address such as 0.0.0.0 from N8N_HOST in Docker). `warn`: an
 * address Dastra's cloud most likely cannot reach, or plain http; allowed, for proxies and tests.
 */
export function judgeAddress(url: string): { refuse: true } | { refuse: false; warn?: string } {
	let host = '';
	let protocol = '';
	try {
		({ hostname: host, protocol } = new URL(url));
	} catch {
		return { refuse: true };
	}
	host = host.toLowerCase();
	const bare = host.replace(/^\[|\]$/g, '');
	if (!/^https?:$/.test(protocol) || host === 'localhost' || host.endsWith('.localhost')) return { refuse: true };
	if (bare === '0.0.0.0' || bare === '::') return { refuse: true };
	let why: string | undefined;
	if (/^127\./.test(bare) || bare === '::1') why = 'a loopback address';
	else if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(bare) || /^f[cd][0-9a-f]{2}:/.test(bare)) {
		why = 'a private address';
	} else if (protocol === 'http:') why = 'not https';
	return why ? { refuse: false, warn: why } : { refuse: false };
}
