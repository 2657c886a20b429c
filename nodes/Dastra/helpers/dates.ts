/**
 * Every date the Dastra node reads or writes goes through here: Dastra's own dates, the dates
 * users type, and the HTTP dates of Dastra's answers (Date, Retry-After). Runtime imports: only
 * validate.ts's InputError, so the trigger's pure poller can share the readers.
 */
import { InputError } from './validate';

// Dastra writes some dates without an offset ("2023-09-18T10:31:30.6882299"); they are UTC.
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds since the epoch, or NaN for null/garbage. Offset-less dates are read as UTC. */
export function parseDastraDate(value: unknown): number {
	if (typeof value !== 'string' || value === '') return NaN;
	return Date.parse(HAS_ZONE.test(value) ? value : `${value}Z`);
}

/** An ISO UTC date as Dastra's `filters` rules take it: offset-less UTC, as its own example shows. */
export function toRuleDate(iso: string): string {
	return iso.replace(/Z$/, '');
}

/** ISO 8601 in UTC with a Z, or null: what simplified items carry. */
export function toUtcIso(value: unknown): string | null {
	const ms = parseDastraDate(value);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A date the user typed (any form Date.parse reads), as ISO 8601 UTC; refused before any call otherwise. */
export function toIsoDate(value: unknown, label: string): string {
	const text = String(value).trim();
	// Date.parse reads "1" as 2001 and "0" as 2000: a date names its year in four digits.
	const ms = /\d{4}/.test(text) ? Date.parse(text) : NaN;
	if (Number.isNaN(ms)) {
		throw new InputError(`${label} "${String(value)}" is not a date`, `Give ${label} as a date such as 2026-01-31 or 2026-01-31T12:00:00Z.`);
	}
	return new Date(ms).toISOString();
}

/** An HTTP date header (`Date`, `Retry-After`: "Wed, 21 Oct 2015 07:28:00 GMT") in epoch ms; NaN when absent or unreadable. */
export function parseHttpDate(value: unknown): number {
	if (value === undefined || value === null) return NaN;
	return Date.parse(String(value));
}
