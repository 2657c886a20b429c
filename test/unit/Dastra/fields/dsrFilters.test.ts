import {
	dsrFiltersCollection,
	matches,
	readDsrFilters,
	toDsrListQuery,
} from '../../../../nodes/Dastra/fields/dsrFilters';
import { InputError } from '../../../../nodes/Dastra/helpers/validate';

const dsr = {
	id: 7,
	state: 'Processing',
	purposes: ['Access', 'Erasure'],
	areaId: 3,
	widgetId: 12,
	tags: [{ id: 5, label: 'vip' }],
	workFlowStepId: 40,
	refId: 'T-1',
	email: 'Ann@Example.com',
};

describe('DSR filters: one schema for the query and the match', () => {
	it('reads, checks and turns the filters into the list query', () => {
		const f = readDsrFilters({
			states: ['Open', 'Processing'],
			entityId: '3',
			tagIds: '5, 6',
			workflowStepIds: [],
			refId: 'T-1',
			email: 'ann@example.com',
		});
		expect(f).toEqual({
			states: ['Open', 'Processing'],
			entityId: 3,
			tagIds: [5, 6],
			refId: 'T-1',
			email: 'ann@example.com',
		});
		expect(toDsrListQuery(f)).toEqual({
			states: ['Open', 'Processing'],
			areaId: 3,
			tags: [5, 6],
			filters: JSON.stringify({
				separator: 'And',
				rules: [
					{ field: 'RefId', operator: 'equal', value: 'T-1' },
					{ field: 'Email', operator: 'equal', value: 'ann@example.com' },
				],
			}),
		});
	});

	it('refuses a bad value before any call', () => {
		expect(() => readDsrFilters({ states: ['Opened'] })).toThrow(InputError);
		expect(() => readDsrFilters({ tagIds: 'x' })).toThrow(/Tag ID "x"/);
	});

	it.each([
		[{}, true],
		[{ states: ['Processing'] }, true],
		[{ states: ['Open'] }, false],
		[{ purposes: ['Erasure', 'Opposition'] }, true],
		[{ purposes: ['Opposition'] }, false],
		[{ entityId: 3 }, true],
		[{ entityId: 4 }, false],
		[{ widgetId: 12 }, true],
		[{ widgetId: 13 }, false],
		[{ tagIds: [6, 5] }, true],
		[{ tagIds: [6] }, false],
		[{ workflowStepIds: [40] }, true],
		[{ workflowStepIds: [41] }, false],
		[{ ids: [7] }, true],
		[{ ids: [8] }, false],
		[{ refId: 'T-1' }, true],
		[{ refId: 't-1' }, false],
		[{ email: 'ann@example.com' }, true],
		[{ email: 'bob@example.com' }, false],
		// Dastra's to apply: a request carries nothing to check them against.
		[{ q: 'nothing like it', archived: true, overtaking: true, userIds: [99] }, true],
	])('matches(%j) is %s', (filters, expected) => {
		expect(matches(dsr, filters)).toBe(expected);
	});

	it.each([
		[{}, true],
		[{ states: ['Open'] }, false],
		[{ purposes: ['Access'] }, false],
		[{ entityId: 3 }, false],
		[{ tagIds: [5] }, false],
		[{ workflowStepIds: [40] }, false],
		[{ refId: '' }, true],
		[{ refId: 'T-1' }, false],
		// A missing value is no value, not the text "null".
		[{ refId: 'null' }, false],
		[{ states: ['null'] }, false],
		[{ email: 'null' }, false],
		[{ email: 'ann@example.com' }, false],
	])('on a request that carries none of the fields (null or missing), matches(%j) is %s', (filters, expected) => {
		const bare = { id: 9, state: null, purposes: null, areaId: '3', tags: [null, { id: '5' }], refId: null };
		expect(matches(bare, filters)).toBe(expected);
	});

	it('offers the trigger only the filters it names', () => {
		const c = dsrFiltersCollection(['states', 'widgetId'], 'As the request stands');
		expect(c.options?.map((o) => o.name)).toEqual(['states', 'widgetId']);
		expect(c.description).toBe('As the request stands');
		expect(dsrFiltersCollection().options).toHaveLength(13);
	});
});
