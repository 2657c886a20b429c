import { parseDastraDate, parseHttpDate, toIsoDate, toRuleDate, toUtcIso } from '../../../../nodes/Dastra/helpers/dates';
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
		expect(toIsoDate('2026-01-31T12:00:00+01:00', 'From')).toBe('2026-01-31T11:00:00.000Z');
		expect(() => toIsoDate('yesterday', 'From')).toThrow(InputError);
	});

	it('reads HTTP dates (Date, Retry-After)', () => {
		expect(parseHttpDate('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(Date.UTC(2015, 9, 21, 7, 28));
		expect(parseHttpDate(undefined)).toBeNaN();
		expect(parseHttpDate('soon')).toBeNaN();
	});
});
