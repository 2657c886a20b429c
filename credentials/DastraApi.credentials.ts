import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DastraApi implements ICredentialType {
	name = 'dastraApi';

	displayName = 'Dastra API';

	icon = { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' } as const;

	documentationUrl = 'https://doc.dastra.eu/en/features/gerer-les-exercices-des-droits/api-integration';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The private half of a Dastra API key. A tenant owner creates keys in Dastra under General settings > API.',
		},
		// NODE-INTERFACE.md fixes this as a password field: the public key is half of the tenant's
		// key pair and, with a widget ID, lets anyone file requests in the tenant's name.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The public half of the same API key. Only needed to submit requests through a widget (Widget Submission resource).',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'number',
			default: 0,
			required: true,
			description:
				'The workspace every call is made in: the number after /workspace/ in the address bar of the Dastra app. The key must be scoped to this workspace or to the whole organisation.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.dastra.eu',
			description: 'Dastra API address. Change it only for a sandbox or a test server.',
		},
	];

	// Dastra's private REST API reads the private key from X-API-Key (Dastra docs, "Authentication").
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.privateKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/v1$/i, "")}}',
			url: '/me',
			method: 'GET',
		},
	};
}
