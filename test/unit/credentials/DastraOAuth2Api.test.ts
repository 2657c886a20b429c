import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DastraOAuth2Api } from '../../../credentials/DastraOAuth2Api.credentials';
import { Dastra } from '../../../nodes/Dastra/Dastra.node';
import { DastraTrigger } from '../../../nodes/Dastra/DastraTrigger.node';
import { DastraWebhookTrigger } from '../../../nodes/Dastra/DastraWebhookTrigger.node';
import { FakeDastra } from '../../fake-dastra/server';
import { dastraWorkflow, makeWorkflow } from '../../harness/n8n';

const type = new DastraOAuth2Api();

/**
 * The credential's data as n8n hands it to the OAuth2 helpers: n8n's own oAuth2Api fields merged
 * with ours (ours replace theirs by name), defaults filled in, then every `={{ }}` resolved with
 * `$self` = the data (as n8n's CredentialsHelper.applyDefaultsAndOverwrites does).
 */
function resolve(saved: IDataObject): ICredentialDataDecryptedObject {
	// n8n's oAuth2Api fields that matter here (n8n-nodes-base's OAuth2Api credential).
	const parent: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'options', options: [], default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'options', options: [], default: 'header' },
	];
	const properties = [...parent];
	NodeHelpers.mergeNodeProperties(properties, type.properties);
	const data = NodeHelpers.getNodeParameters(properties, saved as INodeParameters, true, false, null, null) as IDataObject;
	const workflow = makeWorkflow(dastraWorkflow({}));
	const node = workflow.getNode('Dastra')!;
	return workflow.expression.getComplexParameterValue(node, data as INodeParameters, 'internal', {}, undefined, undefined, data) as ICredentialDataDecryptedObject;
}

describe('dastraOAuth2Api credential', () => {
	it('extends oAuth2Api with the names fixed for the third release', () => {
		expect([type.name, type.displayName, type.extends]).toEqual(['dastraOAuth2Api', 'Dastra OAuth2 API', ['oAuth2Api']]);
		const shown = type.properties.filter((p) => p.type !== 'hidden').map((p) => [p.name, p.default, p.typeOptions?.password ?? false]);
		expect(shown).toEqual([
			['grantType', 'authorizationCode', false],
			['clientId', '', false],
			['clientSecret', '', true],
			['workspaceId', 0, false],
			['baseUrl', 'https://api.dastra.eu', false],
			['accountUrl', 'https://account.dastra.eu', false],
		]);
		expect(type.properties.find((p) => p.name === 'grantType')?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'authorizationCode',
			'clientCredentials',
		]);
		expect(type.icon).toEqual({ light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' });
	});

	it("derives the authorize and token URLs from the Account URL, and asks Dastra's scopes for each grant", () => {
		expect(resolve({ clientId: 'pub', clientSecret: 'priv' })).toMatchObject({
			authUrl: 'https://account.dastra.eu/connect/authorize',
			accessTokenUrl: 'https://account.dastra.eu/connect/token',
			scope: 'api1 offline_access',
			authentication: 'header',
		});
		expect(resolve({ grantType: 'clientCredentials', accountUrl: ' http://127.0.0.1:5681// ' })).toMatchObject({
			authUrl: 'http://127.0.0.1:5681/connect/authorize',
			accessTokenUrl: 'http://127.0.0.1:5681/connect/token',
			scope: 'api1',
		});
	});

	it('its test is GET /me on the Base URL; the fake API answers it for a Bearer token only when live', async () => {
		expect(type.test.request).toEqual({ baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/me', method: 'GET' });
		const fake = new FakeDastra();
		fake.oauth = { accepts: (auth) => auth === 'Bearer live' };
		await fake.start();
		try {
			const status = async (authorization: string) =>
				(await fetch(`${fake.baseUrl}/me`, { headers: { authorization } })).status;
			expect([await status('Bearer live'), await status('Bearer expired')]).toEqual([200, 401]);
		} finally {
			await fake.stop();
		}
	});

	it('every node offers Authentication (API Key by default, saved workflows unchanged) and shows each credential for its choice', () => {
		for (const node of [new Dastra(), new DastraTrigger(), new DastraWebhookTrigger()]) {
			const auth = node.description.properties.find((p) => p.name === 'authentication');
			expect([auth?.default, auth?.options?.map((o) => (o as { value: string }).value)]).toEqual(['apiKey', ['apiKey', 'oAuth2']]);
			expect(node.description.credentials).toEqual([
				{ name: 'dastraApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
				{ name: 'dastraOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			]);
		}
	});
});
