import { DastraApi } from '../../../credentials/DastraApi.credentials';
import { FakeDastra } from '../../fake-dastra/server';
import { applyGenericAuth } from '../../harness/n8n';

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

	it('its test request, GET /me, passes with a good key and fails with a bad one', async () => {
		const call = async (privateKey: string) => {
			const baseURL = `${fake.baseUrl}/`.replace(/\/+$/, '');
			expect(type.test.request.url).toBe('/me');
			expect(type.test.request.baseURL).toBe('={{$credentials.baseUrl.replace(/\\/+$/, "")}}');
			const auth = applyGenericAuth(type, { privateKey }, { url: '/me' });
			return await fetch(`${baseURL}${type.test.request.url}`, { headers: auth.headers as Record<string, string> });
		};
		expect((await call(fake.privateKey)).status).toBe(200);
		expect((await call('nope')).status).toBe(401);
	});
});
