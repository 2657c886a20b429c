import type { IDataObject } from 'n8n-workflow';

/**
 * Bad input, found before anything is written to Dastra: mostly before any call, sometimes after
 * a read that checks it (a tag ID against the workspace's tags). Field converters, operations and
 * transport/lookups.ts throw it without knowing the node or the item; helpers/errors.ts turns it
 * into a NodeOperationError (the router with the item index, the triggers without).
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** A positive whole number given as a number or a string of digits. */
export function toId(value: unknown, label: string): number {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) {
		throw new InputError(
			text === '' ? `${label} is empty` : `${label} "${text}" is not a valid ID`,
			`Give ${label} as a positive whole number, e.g. 42.`,
		);
	}
	return Number(text);
}

export function maxLength(value: unknown, max: number, label: string): string {
	const text = String(value ?? '');
	if (text.length > max) {
		throw new InputError(
			`${label} is ${text.length} characters long; Dastra accepts at most ${max}`,
			`Shorten ${label} to ${max} characters or fewer.`,
		);
	}
	return text;
}

/**
 * A text value as Dastra stores it: numbers and booleans from expressions become their text, so
 * `4521` goes out as "4521" and matches the Reference ID Dastra holds.
 */
export function toText(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * One address, no display name or brackets: a local part of letters (any script), digits and
 * RFC 5322 atom signs, no leading, trailing or double dot; a domain of dot-separated labels of
 * letters (IDN allowed), digits and inner hyphens, ending in a label of 2+ letters. Invisible
 * characters (zero-width spaces, joiners, BOM: Unicode Cf) and control characters are refused.
 */
const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+\\p{L}{2,}$`, 'u');

export function toEmail(value: unknown, label = 'Email'): string {
	const raw = toText(value);
	const text = maxLength(raw.trim(), 255, label);
	// trim() would drop a BOM silently: any invisible character is refused wherever it is.
	if (!EMAIL.test(text) || /[\p{Cf}\p{Cc}]/u.test(raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''))) {
		throw new InputError(
			`${label} "${text}" is not a valid email address`,
			'Give an address such as name@example.com.',
		);
	}
	return text;
}

export function toEnum(value: unknown, allowed: readonly string[], label: string): string {
	const text = String(value ?? '');
	if (!allowed.includes(text)) {
		throw new InputError(
			`${label} "${text}" is not one Dastra knows`,
			`Use one of: ${allowed.join(', ')}.`,
		);
	}
	return text;
}

export function toEnumList(value: unknown, allowed: readonly string[], label: string): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list
		.map((v) => String(v).trim())
		.filter((v) => v !== '')
		.map((v) => toEnum(v, allowed, label));
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** A JSON object given as an object or as JSON text; arrays and scalars are refused. */
export function toJsonObject(value: unknown, label: string): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		parsed = parseJson(value);
		if (parsed === NOT_JSON) {
			throw new InputError(
				`${label} is not valid JSON`,
				`Give ${label} as a JSON object, e.g. {"13_long": "value"}.`,
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputError(
			`${label} must be a JSON object`,
			`Give ${label} as a JSON object, e.g. {"13_long": "value"}, not a list or a single value.`,
		);
	}
	return parsed as IDataObject;
}

/** A comma-separated list or array of IDs, e.g. "12, 13". */
export function toIdList(value: unknown, label: string): number[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list
		.map((v) => (typeof v === 'number' ? String(v) : String(v).trim()))
		.filter((v) => v !== '')
		.map((v) => toId(v, label));
}

/** What a browser reads as markup: `<` then a letter (a tag), `/` (an end tag), `!` (a comment) or `?`. */
const HTML_TAG = /<[a-z/!?]/i;

export function toPlainText(value: unknown, max: number, label: string): string {
	const text = maxLength(toText(value), max, label);
	if (HTML_TAG.test(text)) {
		throw new InputError(
			`${label} contains HTML, which Dastra refuses here`,
			`Remove the HTML tags from ${label} and send plain text.`,
		);
	}
	return text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dastra names messages and files by UUID. */
export function toUuid(value: unknown, label: string): string {
	const text = String(value ?? '').trim();
	if (!UUID.test(text)) {
		throw new InputError(
			text === '' ? `${label} is empty` : `${label} "${text}" is not a valid ID`,
			`Give ${label} as Dastra shows it, a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.`,
		);
	}
	return text.toLowerCase();
}
