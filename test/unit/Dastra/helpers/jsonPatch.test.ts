import { jsonPointer, toJsonPatch } from '../../../../nodes/Dastra/helpers/jsonPatch';

describe('toJsonPatch', () => {
	it('one replace per set field, one remove per cleared one; undefined is left out', () => {
		expect(toJsonPatch({ title: 'T', city: null, tags: [], skipped: undefined })).toEqual([
			{ op: 'replace', path: '/title', value: 'T' },
			{ op: 'remove', path: '/city' },
			{ op: 'replace', path: '/tags', value: [] },
		]);
	});

	it('patches memberwise objects one member at a time (add sets a member the object may lack)', () => {
		expect(toJsonPatch({ customFields: { a: 1, b: null }, other: { x: 1 } }, { memberwise: ['customFields'] })).toEqual([
			{ op: 'add', path: '/customFields/a', value: 1 },
			{ op: 'remove', path: '/customFields/b' },
			{ op: 'replace', path: '/other', value: { x: 1 } },
		]);
	});

	it('escapes ~ and / in a member name (RFC 6901), so a key cannot point elsewhere', () => {
		expect(jsonPointer('customFields', 'a/b~c')).toBe('/customFields/a~1b~0c');
		expect(toJsonPatch({ customFields: { '../title': 'x' } }, { memberwise: ['customFields'] })).toEqual([
			{ op: 'add', path: '/customFields/..~1title', value: 'x' },
		]);
	});
});
