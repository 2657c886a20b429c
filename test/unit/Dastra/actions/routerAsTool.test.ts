/**
 * The node as an AI agent's tool: n8n runs the generated `n8n-nodes-dastra.dastraTool` type
 * (the same execute) with the node's settings at their defaults. An error the model can fix is
 * the tool's answer; one it cannot fix still fails the run.
 */
import type { IDataObject } from 'n8n-workflow';

import { Dastra } from '../../../../nodes/Dastra/Dastra.node.ts';
import { byId, dsr, summary, useFakeDastra } from '../../../harness/dastra';
import { registerNodeType } from '../../../harness/n8n';

const { fake, run } = useFakeDastra();

// n8n registers the `...Tool` type with the node's own execute: so does the harness.
registerNodeType('n8n-nodes-dastra.dastraTool', new Dastra());

const runTool = async (parameters: IDataObject, opts: { type?: string; credentials?: IDataObject } = {}) =>
	await run(parameters, { type: 'n8n-nodes-dastra.dastraTool', ...opts });

const create = (email: string) =>
	dsr('create', {
		title: 'Erasure request from inbox',
		entityId: 12,
		purposes: ['Erasure'],
		locale: 'en',
		additionalFields: { email, refId: 'MAIL-1' },
	});

describe('router: the node as an AI tool (default settings)', () => {
	it('answers the model with the input error, before any call, instead of failing the run', async () => {
		const r = await runTool(create('jane.doe(at)example.org'));
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([
			{
				error: 'Email "jane.doe(at)example.org" is not a valid email address',
				description: expect.stringContaining('name@example.com'),
			},
		]);
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		expect(r.calls).toEqual([]);
	});

	it('answers with a call Dastra refused (404: a request that does not exist)', async () => {
		const r = await runTool(dsr('get', { requestId: byId(424242) }));
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([
			{ error: 'Data subject request 424242 was not found in workspace 7', description: expect.stringContaining('Check the ID') },
		]);
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/424242', query: {} }]);
	});

	it('answers with a 400 and Dastra\'s own words on the field', async () => {
		fake.faults.push({
			match: (c) => c.method === 'POST',
			status: 400,
			body: { title: 'One or more validation errors occurred.', errors: { Email: ['The Email field is not valid.'] } },
		});
		const r = await runTool(create('jane@example.org'));
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([
			{
				error: 'Dastra refused the request: One or more validation errors occurred. Email: The Email field is not valid.',
				description: expect.stringContaining('Check the fields'),
			},
		]);
		expect(fake.dsrs.size).toBe(0);
	});

	it('says so when a search finds nothing, instead of an empty answer (n8n hands the model "")', async () => {
		fake.seed({ email: 'someone@example.org' });
		const search = dsr('getAll', { returnAll: false, limit: 5, filters: { email: 'nobody@example.org' } });
		const r = await runTool(search);
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([{ found: 0, message: 'Nothing found: Dastra has no data subject request matching this call.' }]);
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		expect(summary(r.calls)).toEqual([
			{
				method: 'GET',
				path: '/v1/ws/7/DataSubjectRequests',
				query: { filters: JSON.stringify({ field: 'Email', operator: 'equal', value: 'nobody@example.org' }), page: '1', size: '500' },
			},
		]);
		// In a workflow, nothing found is no items, as n8n's own nodes answer.
		expect((await run(search)).json).toEqual([]);
	});

	it('still fails the run when Dastra is down (5xx): the model cannot fix it', async () => {
		fake.faults.push({ status: 503, times: 9 });
		const r = await runTool(dsr('get', { requestId: byId(1) }));
		expect(r.json).toEqual([]);
		expect(r.error?.message).toMatch(/^Dastra could not process the request \(503\)/);
	});

	it('still fails the run when the credential is refused (401)', async () => {
		const r = await runTool(dsr('get', { requestId: byId(1) }), { credentials: { privateKey: 'wrong-key' } });
		expect(r.json).toEqual([]);
		expect(r.error?.message).toBe('Dastra did not accept the API key (401 Unauthorized)');
	});

	it('still fails the run when Dastra cannot be reached', async () => {
		const r = await runTool(dsr('get', { requestId: byId(1) }), { credentials: { baseUrl: 'http://127.0.0.1:9' } });
		expect(r.json).toEqual([]);
		expect(r.error?.message).toMatch(/^Could not reach Dastra at http:\/\/127\.0\.0\.1:9/);
	});

	it('as the regular node, the same input error fails the run (unchanged)', async () => {
		const r = await runTool(create('jane.doe(at)example.org'), { type: 'n8n-nodes-dastra.dastra' });
		expect(r.json).toEqual([]);
		expect(r.error?.message).toBe('Email "jane.doe(at)example.org" is not a valid email address');
	});
});
