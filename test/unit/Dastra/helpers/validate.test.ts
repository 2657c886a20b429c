/**
 * The converters on values an expression can give that the editor cannot: null, undefined,
 * numbers, objects, arrays. The operation tests cover the usual strings through the node.
 */
import {
	InputError,
	maxLength,
	toEnum,
	toEnumList,
	toId,
	toIdList,
	toJsonObject,
	toText,
	toUuid,
} from '../../../../nodes/Dastra/helpers/validate';

/** What a converter throws: the message and description, or that it threw nothing. */
function thrown(convert: () => unknown) {
	try {
		convert();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return { message: (error as InputError).message, description: (error as InputError).description };
	}
	return 'nothing thrown';
}

describe('validate: values from expressions', () => {
	it('null and undefined IDs are "empty", not "null" or "undefined"', () => {
		for (const value of [null, undefined, '  ']) {
			expect(thrown(() => toId(value, 'Widget ID'))).toEqual({
				message: 'Widget ID is empty',
				description: 'Give Widget ID as a positive whole number, e.g. 42.',
			});
			expect(thrown(() => toUuid(value, 'File ID'))).toEqual({
				message: 'File ID is empty',
				description: 'Give File ID as Dastra shows it, a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.',
			});
		}
		expect(toId(42, 'Widget ID')).toBe(42);
	});

	it('text: null is empty, numbers and booleans their text, objects their JSON', () => {
		expect([toText(null), toText(undefined), toText(4521), toText(false), toText({ a: 1 }), toText(['x'])]).toEqual([
			'',
			'',
			'4521',
			'false',
			'{"a":1}',
			'["x"]',
		]);
		expect(maxLength(null, 3, 'Title')).toBe('');
	});

	it('enums: null is no value Dastra knows; lists come as arrays or comma-separated text, null as none', () => {
		expect(thrown(() => toEnum(null, ['Open'], 'State'))).toEqual({ message: 'State "" is not one Dastra knows', description: 'Use one of: Open.' });
		expect(toEnumList([' Open', 'Closed '], ['Open', 'Closed'], 'State')).toEqual(['Open', 'Closed']);
		expect(toEnumList('Open, ,Closed', ['Open', 'Closed'], 'State')).toEqual(['Open', 'Closed']);
		expect(toEnumList(null, ['Open'], 'State')).toEqual([]);
		expect(toEnumList(undefined, ['Open'], 'State')).toEqual([]);
	});

	it('ID lists: arrays of numbers or text, comma-separated text, null as none', () => {
		expect(toIdList([12, ' 13 '], 'Tag ID')).toEqual([12, 13]);
		expect(toIdList('12, 13,', 'Tag ID')).toEqual([12, 13]);
		expect(toIdList(null, 'Tag ID')).toEqual([]);
		expect(thrown(() => toIdList([12, 'x'], 'Tag ID'))).toEqual({
			message: 'Tag ID "x" is not a valid ID',
			description: 'Give Tag ID as a positive whole number, e.g. 42.',
		});
	});

	it('JSON objects: blank text is an empty object; an object passes as it is; null and lists are refused', () => {
		expect(toJsonObject('   ', 'Custom Fields')).toEqual({});
		expect(toJsonObject({ a: 1 }, 'Custom Fields')).toEqual({ a: 1 });
		const refused = {
			message: 'Custom Fields must be a JSON object',
			description: 'Give Custom Fields as a JSON object, e.g. {"13_long": "value"}, not a list or a single value.',
		};
		expect(thrown(() => toJsonObject(null, 'Custom Fields'))).toEqual(refused);
		expect(thrown(() => toJsonObject([1], 'Custom Fields'))).toEqual(refused);
		expect(thrown(() => toJsonObject('{a:', 'Custom Fields'))).toEqual({
			message: 'Custom Fields is not valid JSON',
			description: 'Give Custom Fields as a JSON object, e.g. {"13_long": "value"}.',
		});
	});
});
