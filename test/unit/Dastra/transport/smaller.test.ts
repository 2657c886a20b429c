/**
 * Issue 18's smaller defects, each through real HTTP to the fake: Remove after a lost answer, the
 * advice after a lost answer on a state change, a 303 to a POST, a Base URL ending in /v1,
 * Get Stats' Entity 0 and year-less dates, and export file names.
 */
import { DATA_PROCESSINGS } from '../../../fake-dastra/routes/processings';
import { byId, dsr, summary, useFakeDastra } from '../../../harness/dastra';

const { fake, run } = useFakeDastra();
const [crm, newsletter] = DATA_PROCESSINGS.map((p) => p.id);
const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });

describe('a lost answer', () => {
	it('Remove: the first try removed them and its answer was lost; the retry is refused, yet the item succeeds', async () => {
		const req = fake.seed();
		const id = req.id as number;
		fake.faults.push({ lost: true, match: (c) => c.method === 'DELETE' });
		const r = await run(rp('remove', { requestId: byId(id), processingIds: [crm, newsletter] }), { typeVersion: 1.1 });
		expect(r.error).toBeUndefined();
		expect(summary(r.calls).map((c) => c.method)).toEqual(['DELETE', 'DELETE', 'GET']);
		expect(r.json).toEqual([{ deleted: true, dataSubjectRequestId: id, processingIds: [crm, newsletter] }]);
		expect(fake.processings.get(id)!.map((p) => p.dataProcessingId)).toEqual([DATA_PROCESSINGS[2].id]);
	});

	it('Remove: a refusal that is not explained by a lost answer stays an error', async () => {
		const req = fake.seed();
		const id = req.id as number;
		fake.processings.set(id, []);
		const r = await run(rp('remove', { requestId: byId(id), processingIds: [crm] }), { typeVersion: 1.1 });
		expect(summary(r.calls).map((c) => c.method)).toEqual(['DELETE']);
		expect(r.error?.message).toContain(`Processing ${crm} is not linked`);
	});

	it('Set State: the advice is to check the request, not to re-run Create', async () => {
		const req = fake.seed();
		fake.faults.push({ lost: true, match: (c) => c.method === 'POST' });
		const r = await run(rp('setState', { requestId: byId(req.id as number), state: 'Done', processingIds: [crm] }), { typeVersion: 1.1 });
		expect(r.calls).toHaveLength(1);
		expect(r.error?.description).toBe(
			'The call was sent but its answer was lost, so Dastra may already have made this change: it is never sent twice automatically. Check the request in Dastra before running this item again.',
		);
	});

	it('Create keeps its own advice (a duplicate request is the risk)', async () => {
		fake.faults.push({ lost: true, match: (c) => c.method === 'POST' });
		const r = await run(dsr('create', { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' }));
		expect(r.error?.description).toContain('Reuse Request With Same Reference ID');
	});
});

describe('redirects', () => {
	it('a 303 to a POST is followed with a GET: the POST is never sent again', async () => {
		const req = fake.seed();
		const id = req.id as number;
		fake.faults.push({ redirectTo: `/v1/ws/7/DataSubjectRequests/${id}`, status: 303, match: (c) => c.method === 'POST' });
		const r = await run(dsr('changeStep', { requestId: byId(id), stepId: 104 }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls).map((c) => `${c.method} ${c.path}`)).toEqual([
			'POST /v1/ws/7/DataSubjectRequests/workflow',
			`GET /v1/ws/7/DataSubjectRequests/${id}`,
			`GET /v1/ws/7/DataSubjectRequests/${id}`,
		]);
		expect(r.calls[1].body).toBeUndefined();
	});
});

describe('the Base URL', () => {
	it.each(['/v1', '/v1/', '/V1'])('ending in %s is the API: the call goes to /v1/ws/..., not /v1/v1/ws/...', async (tail) => {
		const req = fake.seed();
		const r = await run(dsr('get', { requestId: byId(req.id as number) }), { credentials: { baseUrl: `${fake.baseUrl}${tail}` } });
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${req.id}`, query: {} }]);
	});
});

describe('Get Stats options', () => {
	it.each([
		[{ entityId: 0 }, 'Entity ID "0" is not a valid ID'],
		[{ start: '1' }, 'Start "1" is not a date'],
		[{ end: 0 }, 'End "0" is not a date'],
	])('%p is refused by name before any call, not dropped or misread', async (options, message) => {
		const r = await run(dsr('getStats', { options }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
	});

	it("a full date still goes out as ISO UTC (midnight in the workflow's zone)", async () => {
		const r = await run(dsr('getStats', { options: { start: '2026-01-31', entityId: 11 } }), { timezone: 'Europe/Paris' });
		expect(r.error).toBeUndefined();
		expect(r.calls[0].query).toEqual({ start: '2026-01-30T23:00:00.000Z', areaId: '11' });
	});
});

describe('export file names', () => {
	const csv = Buffer.from('id;title\n1;a\n');
	it.each([
		['../../etc/cron.d/evil.csv', 'evil.csv'],
		['/etc/passwd.csv', 'passwd.csv'],
		['C:\\\\Windows\\\\evil.csv', 'evil.csv'],
		['report\r\nX-Injected: 1.csv', 'reportX-Injected_ 1.csv'],
		['..', 'data-subject-requests.csv'],
	])('%j is saved as %j', async (name, expected) => {
		fake.faults.push({ status: 200, body: csv, headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` } });
		const r = await run(dsr('export', { format: 'csv' }));
		expect(r.error).toBeUndefined();
		expect(r.json[0].fileName).toBe(expected);
		expect(r.items[0].binary?.data.fileName).toBe(expected);
	});
});
