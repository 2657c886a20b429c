/** helpers/dates.ts toIsoDate (task deadlines): typed dates without offset are wall-clock times in the workflow's zone, whatever the machine's. */
import { toIsoDate } from '../../../../nodes/Dastra/helpers/dates';

const toUtcFromZone = (v: unknown, zone: string, label: string) => toIsoDate(v, label, zone);

describe('toUtcFromZone', () => {
	it.each([
		['2026-01-31T17:00:00', 'Europe/Paris', '2026-01-31T16:00:00.000Z'],
		['2026-07-31T17:00', 'Europe/Paris', '2026-07-31T15:00:00.000Z'],
		['2026-07-31 17:00', 'America/New_York', '2026-07-31T21:00:00.000Z'],
		['2026-03-31', 'Asia/Kolkata', '2026-03-30T18:30:00.000Z'],
		['2028-02-29T23:59:59.5', 'UTC', '2028-02-29T23:59:59.500Z'],
		// 02:30 does not exist in Paris on 29 March 2026 (clocks go from 02:00 to 03:00): the later offset.
		['2026-03-29T02:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
		// 02:30 happens twice on 25 October 2026: the first (summer time) one.
		['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T00:30:00.000Z'],
		['2026-01-31T17:00:00+05:30', 'Europe/Paris', '2026-01-31T11:30:00.000Z'],
		['2026-01-31T17:00:00Z', 'Asia/Tokyo', '2026-01-31T17:00:00.000Z'],
	])('%s in %s is %s', (typed, zone, utc) => {
		expect(toUtcFromZone(typed, zone, 'Deadline')).toBe(utc);
	});

	it('takes a Date (an expression yielding one) as its instant', () => {
		expect(toUtcFromZone(new Date('2026-01-31T17:00:00Z'), 'Europe/Paris', 'Deadline')).toBe('2026-01-31T17:00:00.000Z');
	});

	it.each(['', 'tomorrow', '2026-02-30', '2026-13-01', '2026-01-31T24:00', '31/01/2026'])('refuses %j, saying how to write it', (typed) => {
		expect(() => toUtcFromZone(typed, 'Europe/Paris', 'Deadline')).toThrow(`Deadline "${typed}" is not a date`);
	});
});
