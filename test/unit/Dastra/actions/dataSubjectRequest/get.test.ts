import { byId, dsr, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest get', () => {
	it('GETs the request by ID and returns it whole when Simplify is off', async () => {
		const seeded = fake.seed({ title: 'Access request', tags: [{ id: 201 }, { id: 203 }] });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number), simplify: false }));
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}`, query: {} }]);
		expect(r.json).toEqual([seeded]);
	});

	it('simplifies: flat fields, labels, offset-less dates read as UTC', async () => {
		const seeded = fake.seed(
			{ title: 'Access request', tags: [{ id: 201 }, { id: 203 }], refId: 'ZD-1' },
			Date.parse('2023-09-18T10:31:30.688Z'),
		);
		expect(seeded.dateCreation).toBe('2023-09-18T10:31:30.6880000');
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.json[0]).toMatchObject({
			id: seeded.id,
			dateCreation: '2023-09-18T10:31:30.688Z',
			expiryTime: '2023-10-18T10:31:30.688Z',
			step: 'New',
			entity: 'Moulinsart SA',
			tags: ['VIP', 'Legal review'],
			refId: 'ZD-1',
		});
	});

	it('accepts the request chosen from the list or by URL', async () => {
		const seeded = fake.seed();
		const fromList = await run(dsr('get', { requestId: { __rl: true, mode: 'list', value: String(seeded.id) } }));
		const byUrl = await run(
			dsr('get', {
				requestId: { __rl: true, mode: 'url', value: `https://app.dastra.eu/workspace/7/data-subject-requests/${seeded.id}` },
			}),
		);
		const urlById = await run(dsr('get', { requestId: byId(`={{ "https://app.dastra.eu/workspace/7/data-subject-requests/${seeded.id}?tab=1" }}`) }));
		expect(urlById.json[0].id).toBe(seeded.id);
		expect(fromList.json[0].id).toBe(seeded.id);
		expect(byUrl.json[0].id).toBe(seeded.id);
	});

	it.each([
		// Static values are checked by the locator's regex in n8n itself; expressions reach the node.
		['a non-numeric ID', byId('={{ "abc" }}'), 'Request ID "abc" is not a valid ID'],
		['an empty ID from an expression', byId('={{ "" }}'), 'Request ID is empty'],
		['an expression that gives nothing', byId('={{ $json.missing }}'), 'Request ID is empty'],
		['an expression that gives null', byId('={{ null }}'), 'Request ID is empty'],
		['a negative ID', byId('={{ -4 }}'), 'Request ID "-4" is not a valid ID'],
		[
			'a URL without an ID given By ID',
			byId('={{ "https://app.dastra.eu/workspace/7/requests" }}'),
			'"https://app.dastra.eu/workspace/7/requests" is not a Dastra request URL',
		],
	])('refuses %s before any call', async (_, requestId, message) => {
		const r = await run(dsr('get', { requestId }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
		expect(r.error?.context?.itemIndex).toBe(0);
	});

	it.each([
		['a list page', 'https://app.dastra.eu/workspace/7/requests'],
		['a workspace page, whose 7 is no request', 'https://app.dastra.eu/workspace/7'],
	])('By URL, refuses %s before any call rather than reading a number out of it', async (_, url) => {
		fake.seed({ id: 7 });
		const r = await run(dsr('get', { requestId: { __rl: true, mode: 'url', value: `={{ "${url}" }}` } }));
		expectCalls(r, []);
		expect(r.items).toEqual([]);
		expect(r.error?.message).toMatch(/URL/);
		expect(r.error?.context?.itemIndex).toBe(0);
	});

	it('names the request and workspace on a 404', async () => {
		const r = await run(dsr('get', { requestId: byId(42) }));
		expect(r.error?.message).toBe('Data subject request 42 was not found in workspace 7');
		expect(r.error?.description).toContain('Check the ID');
	});
});
