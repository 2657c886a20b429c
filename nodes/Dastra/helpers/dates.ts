// Dastra writes some dates without an offset ("2023-09-18T10:31:30.6882299"); they are UTC.
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds since the epoch, or NaN for null/garbage. Offset-less dates are read as UTC. */
export function parseDastraDate(value: unknown): number {
	if (typeof value !== 'string' || value === '') return NaN;
	return Date.parse(HAS_ZONE.test(value) ? value : `${value}Z`);
}

/** ISO 8601 in UTC with a Z, or null: what simplified items carry. */
export function toUtcIso(value: unknown): string | null {
	const ms = parseDastraDate(value);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
