/**
 * Every date the Dastra node reads or writes goes through here: Dastra's own dates (its answers
 * and its webhook payloads), the dates users type, and the HTTP dates of Dastra's answers (Date,
 * Retry-After). Nothing else in nodes/ calls Date.parse or new Date(...)
 * (test/unit/Dastra/helpers/dateUse.test.ts greps for it). Runtime imports: only validate.ts's
 * InputError, so the trigger's pure poller can share the readers. No clock is read here.
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

/** Epoch milliseconds as ISO 8601 UTC with a Z ("2026-03-29T01:30:00.000Z"). */
export function isoOf(ms: number): string {
	return new Date(ms).toISOString();
}

/** ISO 8601 in UTC with a Z, or null: what simplified items carry. */
export function toUtcIso(value: unknown): string | null {
	const ms = parseDastraDate(value);
	return Number.isNaN(ms) ? null : isoOf(ms);
}

/** The hint every dateTime parameter carries: which zone a time typed without an offset is read in. */
export const TYPED_DATE_HINT =
	"A time without an offset (as the date picker gives it) is read in the workflow's time zone: Workflow Settings > Timezone, else n8n's GENERIC_TIMEZONE. Add Z or an offset (e.g. +02:00) to give another.";

// A typed date: date, optional time (T or space), optional fraction, optional Z or offset.
const TYPED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// Another form Date.parse reads that states its zone ("Thu, 01 Jan 2026 00:10:00 GMT", "... GMT+0100 (CET)").
const NAMES_ZONE = /(\bGMT\b|\bUTC\b|\bZ$|[+-]\d{2}:?\d{2}\b)/i;

/**
 * A date the user typed, as ISO 8601 UTC. Without an offset (n8n's date picker gives
 * "2026-01-01T00:10:00") it is a wall-clock time in `timeZone` (the workflow's: this.getTimezone()),
 * as n8n's own nodes read it; with Z or an offset, as given. A Date or a Luxon DateTime (an
 * expression's result) is taken as the instant it is. Refused before any call otherwise.
 */
export function toIsoDate(value: unknown, label: string, timeZone: string): string {
	const refuse = () =>
		new InputError(
			`${label} "${String(value)}" is not a date`,
			`Give ${label} as a date such as 2026-01-31 or 2026-01-31T12:00:00 (read in the workflow's time zone, ${timeZone}), or with an offset such as 2026-01-31T12:00:00+01:00.`,
		);
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw refuse();
		return isoOf(value.getTime());
	}
	const text = (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function'
		? String((value as { toISO: () => unknown }).toISO())
		: String(value ?? '')
	).trim();
	const m = TYPED.exec(text);
	if (m) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
		const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
		// Date.UTC rolls over (2026-02-30 is March 2nd): such a date is refused, not moved.
		const back = new Date(wall);
		if (Number.isNaN(wall) || back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
			throw refuse();
		}
		if (zone) return isoOf(wall - offsetOfText(zone));
		return isoOf(wallToInstant(wall, checkedZone(timeZone, label)));
	}
	if (NAMES_ZONE.test(text)) {
		const ms = Date.parse(text);
		if (!Number.isNaN(ms)) return isoOf(ms);
	}
	throw refuse();
}

function offsetOfText(zone: string): number {
	if (/^z$/i.test(zone)) return 0;
	const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) as RegExpExecArray;
	return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

function isKnownZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

function checkedZone(timeZone: string, label: string): string {
	if (!isKnownZone(timeZone)) {
		throw new InputError(
			`The workflow's time zone "${timeZone}" is unknown, so ${label} cannot be read`,
			`Choose a time zone in Workflow Settings > Timezone, or give ${label} with an offset such as +01:00 or Z.`,
		);
	}
	return timeZone;
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms` (e.g. +3 600 000 in Paris in winter). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
	const second = ms - (((ms % 1000) + 1000) % 1000);
	return wall - second;
}

/**
 * The instant at which `timeZone`'s wall clock shows `wall` (a wall-clock time written as if it
 * were UTC). On the night the clocks go back the hour shown twice is its first occurrence; on the
 * night they go forward a time that does not exist is moved forward by the gap (02:30 in Paris on
 * 29 March 2026 is 03:30 CEST), as Luxon and moment do.
 */
export function wallToInstant(wall: number, timeZone: string): number {
	const day = 86_400_000;
	const before = zoneOffsetMs(wall - day, timeZone);
	const after = zoneOffsetMs(wall + day, timeZone);
	const fits = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
	return fits.length ? Math.min(...fits) : wall - before;
}

/** An HTTP date header (`Date`, `Retry-After`: "Wed, 21 Oct 2015 07:28:00 GMT") in epoch ms; NaN when absent or unreadable. */
export function parseHttpDate(value: unknown): number {
	if (value === undefined || value === null) return NaN;
	return Date.parse(String(value));
}
