/**
 * What a full n8n passes the engine around credentials: a credentials helper that applies the
 * credential's `authenticate` block the way n8n does, and the additional data that carries it.
 */
import './env';

import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { DastraApi } from '../../credentials/DastraApi.credentials';
import { DastraOAuth2Api } from '../../credentials/DastraOAuth2Api.credentials';

const credentialTypes: Record<string, ICredentialType> = { dastraApi: new DastraApi(), dastraOAuth2Api: new DastraOAuth2Api() };

/** A node's `credentials` for the credential types a test supplies (dastraApi, dastraOAuth2Api). */
export function nodeCredentials(credentials: Record<string, unknown>) {
	return Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: '1', name: 'Dastra account' }]));
}

/** Applies `authenticate` like n8n does: `={{$credentials.x}}` expressions in headers and query. */
export function applyGenericAuth(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = type.authenticate;
	if (!auth || typeof auth === 'function') throw new Error('only generic authenticate is supported');
	const resolve = (value: unknown) =>
		String(value).replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, k: string) =>
			String(credentials[k] ?? ''),
		);
	const out = { ...request, headers: { ...request.headers }, qs: { ...request.qs } };
	for (const [k, v] of Object.entries(auth.properties.headers ?? {})) out.headers[k] = resolve(v);
	for (const [k, v] of Object.entries(auth.properties.qs ?? {})) out.qs[k] = resolve(v);
	return out;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(type: string) {
		return credentialTypes[type]?.extends ?? [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, request: IHttpRequestOptions) {
		return applyGenericAuth(credentialTypes[typeName], credentials, request);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(_a: unknown, _n: unknown, type: string) {
		if (!this.data[type]) throw new Error(`no credentials of type ${type} in this test`);
		return { ...this.data[type] };
	}

	async updateCredentials() {}

	/** n8n saves renewed OAuth2 tokens in the credential: here, in the object the test passed. */
	async updateCredentialsOauthTokenData(_n: unknown, type: string, data: ICredentialDataDecryptedObject) {
		this.data[type].oauthTokenData = data.oauthTokenData;
	}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}
}

/** What a full n8n passes the engine, reduced to what these nodes use. */
export function makeAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

