import type { IAuthenticateGeneric, ICredentialDataDecryptedObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { DastraApi } from '../../../credentials/DastraApi.credentials';
import { FakeDastra } from '../../fake-dastra/server';
import { applyGenericAuth, dastraWorkflow, loadOptionsContext, makeWorkflow } from '../../harness/n8n';

describe('dastraApi credential', () => {
	const type = new DastraApi();
	const fake = new FakeDastra();
	beforeAll(() => fake.start());
	afterAll(() => fake.stop());

	it('has the fields saved workflows depend on, the keys as password fields', () => {
		expect(type.name).toBe('dastraApi');
		expect(type.displayName).toBe('Dastra API');
		expect(type.properties.map((p) => [p.name, p.type, p.typeOptions?.password ?? false])).toEqual([
			['privateKey', 'string', true],
			['publicKey', 'string', true],
			['workspaceId', 'number', false],
			['baseUrl', 'string', false],
		]);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.dastra.eu');
	});

	it('sends the private key as X-API-Key', () => {
		const request = applyGenericAuth(type, { privateKey: 'k-1' }, { url: '/x', headers: { Accept: 'a' } });
		expect(request.headers).toEqual({ Accept: 'a', 'X-API-Key': 'k-1' });
	});

	// What n8n's credential test does: resolve the test request and the authenticate block with
	// $credentials in n8n's expression engine, then send it through n8n-core's HTTP helper.
	async function credentialTest(data: ICredentialDataDecryptedObject) {
		const ctx = loadOptionsContext({}, { dastraApi: data });
		const workflow = makeWorkflow(dastraWorkflow({}));
		const node = workflow.getNode('Dastra')!;
		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: data } as never);
		const auth = type.authenticate as IAuthenticateGeneric;
		const headers = Object.fromEntries(
			Object.entries(auth.properties.headers ?? {}).map(([k, v]) => [k, String(resolve(v))]),
		);
		const { request } = type.test;
		return (await ctx.helpers.httpRequest({
			method: request.method,
			baseURL: String(resolve(request.baseURL)),
			url: String(resolve(request.url)),
			headers,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	}

	it('its test request passes with a good key, also under a base URL with a trailing slash, and fails with a bad one', async () => {
		const before = fake.log.length;
		const good = await credentialTest(fake.credentials({ baseUrl: `${fake.baseUrl}//` }) as never);
		const bad = await credentialTest(fake.credentials({ privateKey: 'nope' }) as never);
		expect([good.statusCode, bad.statusCode]).toEqual([200, 401]);
		expect(fake.log.slice(before).map((c) => [c.method, c.path, c.headers['x-api-key']])).toEqual([
			['GET', '/me', fake.privateKey],
			['GET', '/me', 'nope'],
		]);
	});
});
