import { parseDastraDate, parseHttpDate, toIsoDate, toRuleDate, toUtcIso, wallToInstant, zoneOffsetMs } from '../../../../nodes/Dastra/helpers/dates';
import { InputError } from '../../../../nodes/Dastra/helpers/validate';

describe('dates: the one place dates are read and written', () => {
	it("reads Dastra's offset-less dates as UTC and keeps explicit offsets", () => {
		expect(parseDastraDate('2023-09-18T10:31:30.6882299')).toBe(Date.parse('2023-09-18T10:31:30.688Z'));
		expect(parseDastraDate('2023-09-18T12:31:30+02:00')).toBe(Date.parse('2023-09-18T10:31:30Z'));
		expect(parseDastraDate(null)).toBeNaN();
		expect(toUtcIso('2023-09-18T10:31:30')).toBe('2023-09-18T10:31:30.000Z');
		expect(toUtcIso('not a date')).toBeNull();
		// Dastra's `filters` rules take its own offset-less form.
		expect(toRuleDate('2026-05-04T08:00:00.000Z')).toBe('2026-05-04T08:00:00.000');
	});

	it('turns a typed date into ISO UTC, or refuses it before any call', () => {
		expect(toIsoDate('2026-01-31T12:00:00+01:00', 'From', 'Asia/Tokyo')).toBe('2026-01-31T11:00:00.000Z');
		expect(toIsoDate('2026-01-31T12:00:00Z', 'From', 'Asia/Tokyo')).toBe('2026-01-31T12:00:00.000Z');
		expect(toIsoDate('Sat, 31 Jan 2026 12:00:00 GMT', 'From', 'Asia/Tokyo')).toBe('2026-01-31T12:00:00.000Z');
		expect(toIsoDate(new Date(Date.UTC(2026, 0, 31, 12)), 'From', 'Asia/Tokyo')).toBe('2026-01-31T12:00:00.000Z');
		// A Luxon DateTime (what $now and friends are): the instant it is.
		expect(toIsoDate({ toISO: () => '2026-01-31T13:00:00.000+01:00' }, 'From', 'Asia/Tokyo')).toBe('2026-01-31T12:00:00.000Z');
		for (const bad of ['yesterday', '2026-02-30', '2026-01-31T24:00:00', '31/01/2026 12:00', '']) {
			expect(() => toIsoDate(bad, 'From', 'UTC')).toThrow(InputError);
		}
	});

	it('reads an offset given in hours only (+01, -05) as given', () => {
		expect(toIsoDate('2026-01-31T12:00:00+01', 'From', 'Asia/Tokyo')).toBe('2026-01-31T11:00:00.000Z');
		expect(toIsoDate('2026-01-31T12:00:00-05', 'From', 'Asia/Tokyo')).toBe('2026-01-31T17:00:00.000Z');
	});

	it('refuses an invalid Date (an expression such as new Date("soon")) and an empty value, naming the field', () => {
		expect(() => toIsoDate(new Date('soon'), 'Deadline', 'Europe/Paris')).toThrow(new InputError('Deadline "Invalid Date" is not a date', ''));
		for (const empty of [undefined, null]) {
			let error: InputError | undefined;
			try {
				toIsoDate(empty, 'Deadline', 'Europe/Paris');
			} catch (e) {
				error = e as InputError;
			}
			expect(error).toBeInstanceOf(InputError);
			expect(error?.message).toBe(`Deadline "${String(empty)}" is not a date`);
			expect(error?.description).toMatch(/^Give Deadline as a date such as 2026-01-31 .*\(read in the workflow's time zone, Europe\/Paris\)/);
		}
	});

	it("reads a typed time without an offset in the workflow's zone, the same in every process zone", () => {
		expect(toIsoDate('2026-01-01T00:10:00', 'From', 'Europe/Paris')).toBe('2025-12-31T23:10:00.000Z');
		expect(toIsoDate('2026-07-01 00:10', 'From', 'Europe/Paris')).toBe('2026-06-30T22:10:00.000Z');
		expect(toIsoDate('2026-01-01', 'From', 'America/Los_Angeles')).toBe('2026-01-01T08:00:00.000Z');
		expect(toIsoDate('2026-01-01T00:10:00.5', 'From', 'UTC')).toBe('2026-01-01T00:10:00.500Z');
		expect(() => toIsoDate('2026-01-01T00:10:00', 'From', 'DEFAULT')).toThrow('The workflow\'s time zone "DEFAULT" is unknown');
	});

	it('daylight-saving nights: the skipped hour moves forward, the repeated hour is its first time', () => {
		// Paris, 29 March 2026: 02:00 CET -> 03:00 CEST; 25 October 2026: 03:00 CEST -> 02:00 CET.
		expect(toIsoDate('2026-03-29T01:59:00', 'x', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
		expect(toIsoDate('2026-03-29T02:30:00', 'x', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
		expect(toIsoDate('2026-03-29T03:00:00', 'x', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
		expect(toIsoDate('2026-10-25T02:30:00', 'x', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
		expect(toIsoDate('2026-10-25T03:00:00', 'x', 'Europe/Paris')).toBe('2026-10-25T02:00:00.000Z');
		// Los Angeles, 8 March and 1 November 2026.
		expect(toIsoDate('2026-03-08T02:30:00', 'x', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00.000Z');
		expect(toIsoDate('2026-11-01T01:30:00', 'x', 'America/Los_Angeles')).toBe('2026-11-01T08:30:00.000Z');
		expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Paris')).toBe(3_600_000);
		expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Paris')).toBe(7_200_000);
		expect(wallToInstant(Date.UTC(2026, 5, 1, 12), 'UTC')).toBe(Date.UTC(2026, 5, 1, 12));
	});

	it('reads HTTP dates (Date, Retry-After)', () => {
		expect(parseHttpDate('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(Date.UTC(2015, 9, 21, 7, 28));
		expect(parseHttpDate(undefined)).toBeNaN();
		expect(parseHttpDate('soon')).toBeNaN();
	});
});
