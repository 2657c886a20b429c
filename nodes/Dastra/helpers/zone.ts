/**
 * Dates users type without an offset ("2026-03-31T17:00", "2026-03-31") are wall-clock times in
 * the workflow's zone (n8n's Settings > Timezone, `this.getTimezone()`), not in the zone of the
 * machine n8n runs on: a Paris user typing 17:00 means 17:00 in Paris. Pure: Intl only.
 */
import { InputError } from './validate';

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** The zone's offset from UTC (ms) at the instant `utcMs`. */
function offsetAt(zone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

function validZone(zone: string): string {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone;
	} catch {
		return 'UTC';
	}
}

/**
 * A typed date as ISO 8601 UTC. With an offset (or Z) it is that instant; without one it is read
 * in `zone`. A time that happens twice (clocks going back) is the earlier; one that never happens
 * (clocks going forward) is read with the offset before the jump, so 02:30 becomes 03:30. Refused
 * before any call when it is not a date.
 */
export function toUtcFromZone(value: unknown, zone: string, label: string): string {
	const text = (value instanceof Date ? value.toISOString() : String(value ?? '')).trim();
	const refuse = () =>
		new InputError(
			`${label} "${text}" is not a date`,
			`Give ${label} as a date such as 2026-01-31 or 2026-01-31T17:00 (read in the workflow's time zone), or with an offset such as 2026-01-31T17:00:00+01:00.`,
		);
	if (HAS_ZONE.test(text)) {
		const ms = Date.parse(text);
		if (Number.isNaN(ms)) throw refuse();
		return new Date(ms).toISOString();
	}
	const m = WALL.exec(text);
	if (!m) throw refuse();
	const [y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m.slice(1);
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
	const check = new Date(wall);
	if (Number.isNaN(wall) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) throw refuse();
	const tz = validZone(zone);
	// The offsets in force half a day either side; a candidate is valid if its own offset matches.
	const candidates = [offsetAt(tz, wall - 43_200_000), offsetAt(tz, wall + 43_200_000)].map((o) => wall - o);
	const valid = candidates.filter((c) => offsetAt(tz, c) === wall - c);
	// Twice (clocks went back): the earlier; never (clocks went forward): the offset before the jump.
	const utc = valid.length ? Math.min(...valid) : candidates[0];
	return new Date(utc).toISOString();
}
