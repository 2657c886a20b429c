import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Sign in with Dastra: OAuth2 on Dastra's identity server (docs, "Authentification"). Client ID and
 * Client Secret are an API key's public and private keys. The authorize and token URLs are derived
 * from the Account URL; n8n's OAuth2 machinery gets, stores and renews the tokens.
 */
export class DastraOAuth2Api implements ICredentialType {
	name = 'dastraOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Dastra OAuth2 API';

	icon = { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' } as const;

	documentationUrl = 'https://doc.dastra.eu/en/features/gerer-les-exercices-des-droits/api-integration';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'Each person signs in with their Dastra account and n8n acts as them',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'n8n signs in as the API key itself, with no person involved',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				"The public key of a Dastra API key. A tenant owner creates keys in Dastra under General settings > API.",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The private key of the same API key',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'number',
			default: 0,
			required: true,
			description:
				'The workspace every call is made in: the number after /workspace/ in the address bar of the Dastra app',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.dastra.eu',
			description: 'Dastra API address. Change it only for a sandbox or a test server.',
		},
		{
			displayName: 'Account URL',
			name: 'accountUrl',
			type: 'string',
			default: 'https://account.dastra.eu',
			description:
				"Dastra's sign-in server, where the authorize and token addresses live. Change it only for a sandbox or a test server.",
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{ String($self["accountUrl"] || "https://account.dastra.eu").trim().replace(/\\/+$/, "") }}/connect/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ String($self["accountUrl"] || "https://account.dastra.eu").trim().replace(/\\/+$/, "") }}/connect/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// offline_access brings a refresh token, so a person signs in once, not every hour.
			default: '={{ $self["grantType"] === "clientCredentials" ? "api1" : "api1 offline_access" }}',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			// Dastra's token endpoint takes the key pair as HTTP Basic auth.
			default: 'header',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
