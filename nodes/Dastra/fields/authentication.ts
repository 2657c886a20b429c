/**
 * How a node signs in to Dastra: the API key credential (the default, so saved workflows keep
 * working) or Sign in with Dastra (OAuth2). Each credential shows for its choice.
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'API Key', value: 'apiKey', description: 'A private key pasted into the credential' },
		{ name: 'OAuth2', value: 'oAuth2', description: 'Sign in with Dastra (authorization code or client credentials)' },
	],
	default: 'apiKey',
};

export const dastraCredentials: INodeCredentialDescription[] = [
	{ name: 'dastraApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
	{ name: 'dastraOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];
