/**
 * Issue 18: a 200 labelled JSON that is empty, truncated or the wrong shape is an error saying
 * what came back (redacted), never items full of nulls or an empty list; a download that is not
 * the format asked for is never saved under its name.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_PROCESSINGS } from '../../../fake-dastra/routes/processings';
import { addWebhook, clearWebhooks, webhooks } from '../../../fake-dastra/routes/webhooks';
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';
import { webhookTriggerHarness } from '../../../harness/webhook';

const { fake, run } = useFakeDastra();
const json = { 'content-type': 'application/json; charset=utf-8' };

describe('JSON answers of the wrong shape', () => {
	const wrong: Array<[string, string, string]> = [
		['"Success"', '"Success"', 'text: "Success"'],
		['an empty body', '', 'an empty answer'],
		['a list', '[]', 'a list of 0: []'],
		['truncated JSON', '{"id": 1000, "title": "Acc', 'text: "{\\"id\\": 1000, \\"title\\": \\"Acc"'],
	];

	it.each(wrong)('Get answered %s: an error naming it, no item', async (_name, body, said) => {
		const req = fake.seed();
		fake.faults.push({ status: 200, body, headers: json });
		const r = await run(dsr('get', { requestId: byId(req.id as number), simplify: false }));
		expect(r.items).toEqual([]);
		expect(r.error?.message).toBe(`Dastra's answer is not a JSON object: it sent ${said}`);
	});

	it('Get Stats answered a list: an error, not a row of nulls', async () => {
		fake.faults.push({ status: 200, body: '[1, 2]', headers: json });
		const r = await run(dsr('getStats', {}));
		expect(r.items).toEqual([]);
		expect(r.error?.message).toBe("Dastra's answer is not a JSON object: it sent a list of 2: [1,2]");
	});

	it('the processings list answered an object: an error (not "no processings"), with the keys redacted', async () => {
		const req = fake.seed();
		fake.faults.push({ status: 200, body: { note: `X-API-Key: ${fake.privateKey}` } });
		const r = await run({ resource: 'requestProcessing', operation: 'getAll', requestId: byId(req.id as number) });
		expect(r.error?.message).toBe('Dastra\'s answer is not a list: it sent an object: {"note":"X-API-Key: [redacted]"}');
		expect(JSON.stringify(r.error)).not.toContain(fake.privateKey);
	});

	it('Set State on all processings: a non-list listing stops it before the write', async () => {
		const req = fake.seed();
		fake.faults.push({ status: 200, body: '"Success"', headers: json });
		const r = await run(
			{ resource: 'requestProcessing', operation: 'setState', requestId: byId(req.id as number), state: 'Done', scope: 'all' },
			{ typeVersion: 1.1 },
		);
		expect(r.calls.map((c) => c.method)).toEqual(['GET']);
		expect(r.error?.message).toBe('Dastra\'s answer is not a list: it sent text: "Success"');
		expect(fake.processings.get(req.id as number)?.every((p) => p.state === 'New') ?? true).toBe(true);
		expect(DATA_PROCESSINGS.length).toBe(3);
	});

	it('the webhook list answered an object: activation fails, no second webhook is registered', async () => {
		const h = await webhookTriggerHarness({ events: ['DataSubjectCreation'] }, { dastraApi: fake.credentials() as never });
		try {
			await h.activate();
			const before = webhooks(fake).map((w) => w.id);
			await h.deactivate();
			addWebhook(fake, { url: h.url, subscribedEvents: ['DataSubjectCreation'] });
			fake.reset();
			fake.faults.push({ status: 200, body: { result: 'ok' }, match: (c) => c.method === 'GET' });
			await expect(h.activate()).rejects.toThrow("Dastra's answer is not a list");
			expect(fake.log.map((c) => c.method)).toEqual(['GET']);
			expect(webhooks(fake)).toHaveLength(1);
			expect(before).toHaveLength(1);
		} finally {
			await h.close();
			clearWebhooks(fake);
		}
	});
});

describe('export: a file not of the format asked for is not saved', () => {
	const signIn = '<!DOCTYPE html><html><body><form>Sign in to Dastra</form></body></html>';
	const cases: Array<[string, string | IDataObject, Record<string, string>, RegExp]> = [
		['xlsx', signIn, { 'content-type': 'text/html' }, /^Dastra's file is not XLSX: it is not a zip archive/],
		['docx', { message: 'Unauthorized' }, {}, /^Dastra's file is not DOCX: it is not a zip archive/],
		['pdf', signIn, { 'content-type': 'application/pdf' }, /^Dastra's file is not PDF: it does not start with %PDF/],
		['csv', signIn, { 'content-type': 'text/csv' }, /^Dastra's file is not CSV: it is a web page/],
		['csv', { title: 'Error', status: 500 }, {}, /^Dastra's file is not CSV: it is an error message/],
		['json', { message: 'Unauthorized' }, {}, /^Dastra's file is not JSON: it is an error message/],
		['json', '[{"id": 1', { 'content-type': 'application/json' }, /^Dastra's file is not JSON: it is not valid JSON/],
		['html', 'id;title\n1;a', { 'content-type': 'text/html' }, /^Dastra's file is not HTML: it is not HTML/],
	];
	it.each(cases)('%s answered %p', async (format, body, headers, message) => {
		fake.seed();
		fake.faults.push({ status: 200, body, headers });
		const r = await run(dsr('export', { format }));
		expect(r.items).toEqual([]);
		expect(r.error?.message).toMatch(message);
	});

	it('an empty file is refused too', async () => {
		fake.faults.push({ status: 200, body: '' });
		const r = await run(dsr('export', { format: 'csv' }));
		expect(r.error?.message).toMatch(/^Dastra's file is not CSV: the file is empty/);
	});
});
