/**
 * Issue 18: "all" is said, never inferred. Version 1.1 of the node (the default for new nodes)
 * has Processings (`scope`): with Selected, an expression that gives no ID is an error naming the
 * field before any call; All acts on every processing. Saved version-1 nodes keep "none = all".
 */
import { Dastra } from '../../../../../nodes/Dastra/Dastra.node';
import { DATA_PROCESSINGS } from '../../../../fake-dastra/routes/processings';
import { byId, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });
const ids = DATA_PROCESSINGS.map((p) => p.id);
const extra = { setState: { state: 'Done' }, notifyRecipients: {}, remove: {} } as const;
const operations = Object.keys(extra) as Array<keyof typeof extra>;

describe('Request Processing: the processings to act on', () => {
	it('the node is versioned the n8n way: 1 and 1.1, new nodes get 1.1', () => {
		const { description } = new Dastra();
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		const scope = description.properties.filter((p) => p.name === 'scope');
		expect(scope.length).toBeGreaterThan(0);
		for (const p of scope) expect(p).toMatchObject({ default: 'selected', displayOptions: { show: { '@version': [1.1] } } });
	});

	const empties: Array<[string, unknown]> = [
		['a missing field', '={{ $json.processingId }}'],
		['""', '={{ "" }}'],
		['null', '={{ null }}'],
		['[]', '={{ [] }}'],
		['[""]', '={{ [""] }}'],
		['blanks', '={{ " , " }}'],
	];
	const cases = operations.flatMap((op) => empties.map(([name, value]) => [op, name, value] as const));

	it.each(cases)('%s with Selected and %s: an error naming the field, before any call', async (op, _name, value) => {
		const dsr = fake.seed();
		const before = JSON.stringify(fake.processings.get(dsr.id));
		const r = await run(rp(op, { requestId: byId(dsr.id), ...extra[op], processingIds: value }), { typeVersion: 1.1, items: [{ processingId: '' }] });
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Processing Names or IDs is empty');
		expect(r.error?.description).toContain('All Processings of the Request');
		expect(JSON.stringify(fake.processings.get(dsr.id))).toBe(before);
	});

	it.each(operations)('%s with Selected and nothing chosen: n8n flags the required field and runs nothing', async (op) => {
		const dsr = fake.seed();
		const before = fake.log.length;
		await expect(run(rp(op, { requestId: byId(dsr.id), ...extra[op], processingIds: [] }), { typeVersion: 1.1 })).rejects.toThrow(/issues/);
		expect(fake.log.length).toBe(before);
	});

	it.each(operations)('%s with All: every processing of the request, sent as the explicit list', async (op) => {
		const dsr = fake.seed();
		// Processing IDs left over from before the switch to All are not read.
		const r = await run(rp(op, { requestId: byId(dsr.id), ...extra[op], scope: 'all', processingIds: ['not-a-uuid'] }), { typeVersion: 1.1 });
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)[0]).toEqual({ method: 'GET', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, query: {} });
		const body = r.calls[1].body as { ids?: string[] } | string[];
		expect(Array.isArray(body) ? body : body.ids).toEqual(ids);
	});

	it.each(operations)('%s with Selected: only the IDs given', async (op) => {
		const dsr = fake.seed();
		const r = await run(rp(op, { requestId: byId(dsr.id), ...extra[op], processingIds: `={{ ["${ids[1]}"] }}` }), { typeVersion: 1.1 });
		expect(r.error).toBeUndefined();
		const body = r.calls[0].body as { ids?: string[] } | string[];
		expect(Array.isArray(body) ? body : body.ids).toEqual([ids[1]]);
	});

	it.each(operations)('%s in a saved version-1 node: an empty expression still means all (unchanged behaviour)', async (op) => {
		const dsr = fake.seed();
		const r = await run(rp(op, { requestId: byId(dsr.id), ...extra[op], processingIds: '={{ $json.processingId }}' }), { typeVersion: 1, items: [{ processingId: '' }] });
		expect(r.error).toBeUndefined();
		const body = r.calls[1].body as { ids?: string[] } | string[];
		expect(Array.isArray(body) ? body : body.ids).toEqual(ids);
	});
});
