import { exportBytes } from '../../../../fake-dastra/routes/dsrExtras';
import { dsr, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

function seedSome() {
	const t0 = Date.parse('2026-02-01T08:00:00Z');
	fake.seed({ title: 'Erase Jane', purposes: ['Erasure'], email: 'jane@example.org', refId: 'T-1' }, t0);
	fake.seed({ title: 'Access Bob', purposes: ['Access'], email: 'bob@example.org', areaId: 12 }, t0 + 1000);
	fake.seed({ title: 'Erase Bob', purposes: ['Erasure'], email: 'bob@example.org' }, t0 + 2000);
}

const rowsOf = (ids: number[]) =>
	ids.map((id) => {
		const d = fake.view(fake.dsrs.get(id)!);
		return { id, title: d.title, state: d.state, purposes: d.purposes.join('|'), email: d.email, dateCreation: d.dateCreation };
	});

describe('dataSubjectRequest export', () => {
	it('POSTs the list query as JSON to /export/xlsx and puts the file, named and typed by Dastra, in binary data', async () => {
		seedSome();
		const r = await run(dsr('export', { format: 'xlsx', filters: { purposes: ['Erasure'], states: ['Open'] }, options: { sortBy: 'dateCreation', ascending: true } }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/export/xlsx', query: {} }]);
		expect(r.calls[0].headers['content-type']).toMatch(/^application\/json/);
		expect(r.calls[0].body).toEqual({ archived: false, states: ['Open'], purposes: ['Erasure'], sortBy: 'dateCreation', asc: true });
		const expected = exportBytes('xlsx', rowsOf([1000, 1002]));
		const mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
		expect(r.json).toEqual([{ format: 'xlsx', fileName: 'DataSubjectRequests-export.xlsx', mimeType, size: expected.length }]);
		const file = r.items[0].binary!.data;
		expect(file).toMatchObject({ fileName: 'DataSubjectRequests-export.xlsx', mimeType, fileExtension: 'xlsx' });
		expect(Buffer.from(file.data, 'base64')).toEqual(expected);
	});

	it.each([
		['csv', 'text/csv'],
		['json', 'application/json'],
		['pdf', 'application/pdf'],
		['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['html', 'text/html'],
	])('%s: the bytes Dastra sent, in the chosen output field', async (format, mimeType) => {
		seedSome();
		const r = await run(dsr('export', { format, binaryPropertyName: 'report' }));
		expect(r.calls[0].path).toBe(`/v1/ws/7/DataSubjectRequests/export/${format}`);
		expect(r.calls[0].body).toEqual({ archived: false });
		expect(r.json[0]).toMatchObject({ format, mimeType });
		expect(Buffer.from(r.items[0].binary!.report.data, 'base64')).toEqual(exportBytes(format, rowsOf([1000, 1001, 1002])));
	});

	it('an Email filter is resolved to request IDs first, so a Dastra that ignores the rule cannot export everyone', async () => {
		seedSome();
		fake.honoursRules = false;
		const r = await run(dsr('export', { format: 'csv', filters: { email: 'BOB@example.org' } }));
		const rule = JSON.stringify({ field: 'Email', operator: 'equal', value: 'BOB@example.org' });
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests', query: { filters: rule, page: '1', size: '500' } },
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/export/csv', query: {} },
		]);
		expect(r.calls[1].body).toEqual({ archived: false, filters: rule, ids: [1001, 1002] });
		expect(Buffer.from(r.items[0].binary!.data.data, 'base64')).toEqual(exportBytes('csv', rowsOf([1001, 1002])));
	});

	it('no request matching the Email filter is an error, not an export of everything', async () => {
		seedSome();
		const r = await run(dsr('export', { format: 'csv', filters: { email: 'nobody@example.org' } }));
		expect(r.calls.map((c) => c.method)).toEqual(['GET']);
		expect(r.error?.message).toBe('No request matches the Email or Reference ID filter: nothing to export');
	});

	it('refuses an unknown format before any call', async () => {
		const r = await run(dsr('export', { format: '={{ "odt" }}' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Format "odt" is not one Dastra knows');
		expect(r.error?.description).toBe('Use one of: csv, xlsx, json, pdf, docx, html.');
	});

	it('refuses a bad filter before any call, as Get Many does', async () => {
		const r = await run(dsr('export', { format: 'csv', filters: { ids: '12, twelve' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Request ID "twelve" is not a valid ID');
	});
});
