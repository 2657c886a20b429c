/**
 * Sign in with Dastra (credential dastraOAuth2Api, Authentication = OAuth2) through n8n-core's own
 * OAuth2 request path (httpRequestWithAuthentication -> requestOAuth2, refreshOAuth2Token), against
 * the fake API and the fake identity server on its own origin: both grants, every kind of call,
 * expired tokens (tokens living 2 s) renewed with one retry, refused renewals, redaction.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { getEntities } from '../../../../nodes/Dastra/methods/loadOptions';
import { getDsr } from '../../../../nodes/Dastra/transport/requests';
import { FakeOAuth } from '../../../fake-dastra/oauth';
import { clearWebhooks, webhooks } from '../../../fake-dastra/routes/webhooks';
import { byId, dsr, type NodeRun, useFakeDastra } from '../../../harness/dastra';
import { loadOptionsContext, triggerHarness } from '../../../harness/n8n';
import { webhookTriggerHarness } from '../../../harness/webhook';

const { fake, run: runNode } = useFakeDastra();
const oauth = new FakeOAuth();
beforeAll(async () => {
	await oauth.start();
	fake.oauth = oauth;
});
afterAll(() => oauth.stop());
beforeEach(() => oauth.reset());

type Creds = ICredentialDataDecryptedObject & { oauthTokenData?: IDataObject };

/** A client-credentials credential (no token yet: n8n fetches the first one). */
const clientCredentials = (overrides: IDataObject = {}): Creds =>
	oauth.credentials(fake, { grantType: 'clientCredentials', ...overrides }) as Creds;
/** An authorization-code credential a person has connected (the token pair n8n saved at the callback). */
const connected = (): Creds => oauth.credentials(fake, { oauthTokenData: oauth.signIn() }) as Creds;

/** The Dastra node with Authentication = OAuth2, run by n8n-core's WorkflowExecute. */
const run = async (parameters: IDataObject, creds: Creds) => await runNode(parameters, { oAuth2: creds });

const bearer = (creds: Creds) => `Bearer ${String(creds.oauthTokenData?.access_token)}`;
const seen = (r: Pick<NodeRun, 'calls'>) => r.calls.map((c) => [c.method, c.path, c.headers.authorization, c.headers['x-api-key']]);

/**
 * The tokens issued so far expire: the identity server's clock moves past their lifetime. The
 * first client-credentials test waits the 2 s for real instead, so one expiry happens in time.
 */
const expire = () => oauth.elapse(oauth.tokenLifetimeS + 1);
const waitOut = async () => await new Promise((r) => setTimeout(r, oauth.tokenLifetimeS * 1000 + 300));

describe('client credentials', () => {
	it('Get Many walks the pages with a Bearer token n8n fetched once (HTTP Basic, scope api1) and saved in the credential', async () => {
		for (let k = 0; k < 5; k++) fake.seed({ title: `R${k}` });
		fake.pageCap = 2;
		const creds = clientCredentials();
		const r = await run(dsr('getAll', { returnAll: true, simplify: false }), creds);
		fake.pageCap = undefined;
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(5);
		expect(oauth.log.map((c) => [c.path, c.form, c.authorization])).toEqual([
			[
				'/connect/token',
				{ grant_type: 'client_credentials', scope: 'api1' },
				`Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`,
			],
		]);
		expect(creds.oauthTokenData?.access_token).toMatch(/^at-/);
		expect(r.calls.length).toBeGreaterThanOrEqual(3);
		for (const c of r.calls) expect([c.headers.authorization, c.headers['x-api-key']]).toEqual([bearer(creds), undefined]);

		// The next run uses the saved token: no new one.
		const again = await run(dsr('get', { requestId: byId(1000), simplify: false }), creds);
		expect(again.error).toBeUndefined();
		expect(oauth.grants()).toEqual(['client_credentials']);
	});

	it('an expired token (tokens living 2 s) gets a new client-credentials token and the call is sent once more', async () => {
		oauth.tokenLifetimeS = 2;
		const request = fake.seed({ title: 'Expiring' });
		const creds = clientCredentials();
		expect((await run(dsr('get', { requestId: byId(request.id), simplify: false }), creds)).error).toBeUndefined();
		const first = bearer(creds);
		await waitOut();

		const r = await run(dsr('get', { requestId: byId(request.id), simplify: false }), creds);
		expect(r.error).toBeUndefined();
		expect(r.json[0].id).toBe(request.id);
		expect(bearer(creds)).not.toBe(first);
		expect(seen(r)).toEqual([
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, first, undefined],
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, bearer(creds), undefined],
		]);
		expect(oauth.grants()).toEqual(['client_credentials', 'client_credentials']);
	});

	it('a refused key pair (revoked key) says to reconnect, before any call to the API and without retries', async () => {
		oauth.revoked = true;
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), clientCredentials());
		expect(r.error?.message).toMatch(/^Dastra's sign-in server refused the OAuth2 credential: Client authentication failed/);
		expect(r.error?.description).toMatch(/reconnect it/);
		expect(r.calls).toEqual([]);
		expect(oauth.grants()).toEqual(['client_credentials']);
	});
	it('an Account URL that is not the sign-in server (the API address typed there) fails on its HTTP status, before any call to the API', async () => {
		const creds = clientCredentials({ accountUrl: fake.baseUrl, accessTokenUrl: `${fake.baseUrl}/connect/token` });
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
		expect(r.error?.message).toBe("Dastra's sign-in server refused the OAuth2 credential: HTTP status 404");
		expect(r.error?.description).toMatch(/^Open the Dastra OAuth2 API credential and reconnect it/);
		expect(r.calls.map((c) => [c.method, c.path])).toEqual([['POST', '/connect/token']]);
		expect(oauth.log).toEqual([]);
		expect(JSON.stringify(r.error)).not.toContain(oauth.clientSecret);
	});

	it('a web page answered for a token (a proxy\'s sign-in page in front of the token endpoint) is named as such, sent once', async () => {
		const creds = clientCredentials({ accessTokenUrl: `${fake.baseUrl}/connect/token` });
		fake.faults.push({
			match: (c) => c.path === '/connect/token',
			status: 403,
			headers: { 'content-type': 'text/html' },
			body: '<!DOCTYPE html><html><body>Sign in</body></html>',
		});
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
		expect(r.error?.message).toBe("Dastra's sign-in server refused the OAuth2 credential: Unsupported content type: text/html");
		expect(r.calls.map((c) => [c.method, c.path])).toEqual([['POST', '/connect/token']]);
	});
});

describe('authorization code', () => {
	it('a connected credential signs every call with the Bearer token; no token call', async () => {
		const request = fake.seed({ title: 'Signed in' });
		const creds = connected();
		const r = await run(dsr('get', { requestId: byId(request.id), simplify: false }), creds);
		expect(r.error).toBeUndefined();
		expect(seen(r)).toEqual([['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, bearer(creds), undefined]]);
		expect(oauth.grants()).toEqual([]);
	});

	it('a credential never connected says to connect it, before any call', async () => {
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), oauth.credentials(fake) as Creds);
		expect(r.error?.message).toBe('The Dastra OAuth2 API credential is not connected to Dastra yet');
		expect(r.error?.description).toMatch(/Connect my account/);
		expect(r.calls).toEqual([]);
	});

	it('an expired token is refreshed (one-use refresh token: n8n saves the new pair) and the call sent once more', async () => {
		oauth.tokenLifetimeS = 2;
		const request = fake.seed({ title: 'Expiring' });
		const creds = connected();
		const before = { ...creds.oauthTokenData };
		expire();

		const r = await run(dsr('get', { requestId: byId(request.id), simplify: false }), creds);
		expect(r.error).toBeUndefined();
		expect(r.json[0].id).toBe(request.id);
		expect(seen(r)).toEqual([
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, `Bearer ${String(before.access_token)}`, undefined],
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, bearer(creds), undefined],
		]);
		expect(oauth.grants()).toEqual(['refresh_token']);
		expect(oauth.log[0].form.refresh_token).toBe(before.refresh_token);
		expect(creds.oauthTokenData?.refresh_token).not.toBe(before.refresh_token);
	});

	it('a create met by an expired token is sent once more and made once (a 401 did nothing)', async () => {
		oauth.tokenLifetimeS = 2;
		const request = fake.seed({ title: 'Message me' });
		const creds = connected();
		expire();
		const r = await run({ resource: 'message', operation: 'create', requestId: byId(request.id), message: 'Hello' }, creds);
		expect(r.error).toBeUndefined();
		expect(r.calls.map((c) => c.method)).toEqual(['POST', 'POST']);
		expect(r.calls.map((c) => c.headers.authorization)).toEqual([expect.stringMatching(/^Bearer at-/), bearer(creds)]);
		expect([...fake.messages.values()].filter((m) => m.userRequestId === request.id)).toHaveLength(1);
	});

	it('a refused refresh says to reconnect the credential; the call is not sent again', async () => {
		oauth.tokenLifetimeS = 2;
		const creds = connected();
		const tokens = { ...creds.oauthTokenData };
		expire();
		oauth.refuseRefresh = true;
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
		expect(r.error?.message).toBe('Dastra refused to renew the OAuth2 token: Invalid refresh token');
		expect(r.error?.description).toMatch(/^Open the Dastra OAuth2 API credential and reconnect it/);
		expect(r.calls).toHaveLength(1);
		expect(oauth.grants()).toEqual(['refresh_token']);
		const text = JSON.stringify(r.error);
		for (const secret of [tokens.access_token, tokens.refresh_token, oauth.clientSecret]) expect(text).not.toContain(secret);
	});

	it('a token pair without a refresh token (connected without offline_access) met by a 401 says to reconnect; no token call, the call not sent again', async () => {
		const creds = oauth.credentials(fake, { oauthTokenData: oauth.signIn('api1') }) as Creds;
		expect(creds.oauthTokenData?.refresh_token).toBeUndefined();
		fake.faults.push({ status: 401, body: { message: 'expired' } });
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
		expect(r.error?.message).toBe('Dastra refused to renew the OAuth2 token: refreshToken is required');
		expect(r.error?.description).toMatch(/^Open the Dastra OAuth2 API credential and reconnect it/);
		expect(r.calls).toHaveLength(1);
		expect(oauth.grants()).toEqual([]);
		expect(JSON.stringify(r.error)).not.toContain(String(creds.oauthTokenData?.access_token));
	});

	it('a token refused even renewed (the person lost access) fails after one renewal, naming reconnection', async () => {
		const creds = connected();
		fake.faults.push({ status: 401, body: { message: 'nope' }, times: 2 });
		const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
		expect(r.error?.message).toBe('Dastra did not accept the OAuth2 token, even renewed (401 Unauthorized)');
		expect(r.calls).toHaveLength(2);
		expect(oauth.grants()).toEqual(['refresh_token']);
	});

	it('calls of one credential meeting the same expired token share one refresh (a refresh token is good once)', async () => {
		oauth.tokenLifetimeS = 2;
		const [a, b] = [fake.seed({ title: 'A' }), fake.seed({ title: 'B' })];
		const creds = connected();
		expire();
		const ctx = loadOptionsContext({ authentication: 'oAuth2', resource: 'dataSubjectRequest', operation: 'get' }, { dastraOAuth2Api: creds });
		const got = await Promise.all([getDsr.call(ctx, a.id), getDsr.call(ctx, b.id)]);
		expect(got.map((d) => d.id)).toEqual([a.id, b.id]);
		expect(oauth.grants()).toEqual(['refresh_token']);
	});
});

describe('every kind of call works with OAuth2', () => {
	it('retries (a 503) keep the Bearer token', async () => {
		const creds = connected();
		const request = fake.seed({ title: 'Flaky' });
		fake.faults.push({ status: 503, times: 1 });
		const r = await run(dsr('get', { requestId: byId(request.id), simplify: false }), creds);
		expect(r.error).toBeUndefined();
		expect(seen(r)).toEqual([
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, bearer(creds), undefined],
			['GET', `/v1/ws/7/DataSubjectRequests/${request.id}`, bearer(creds), undefined],
		]);
	});

	it('lookups (the editor dropdowns)', async () => {
		const creds = connected();
		const ctx = loadOptionsContext({ authentication: 'oAuth2', resource: 'dataSubjectRequest', operation: 'create' }, { dastraOAuth2Api: creds });
		expect((await getEntities.call(ctx)).length).toBeGreaterThan(0);
		expect(seen({ calls: fake.log })).toEqual([['GET', '/v1/ws/7/Areas', bearer(creds), undefined]]);
	});

	it('the widget submission sends the Client ID as the public key, and no token', async () => {
		const creds = connected();
		const r = await run({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'jane@example.org', purpose: 'Access' }, creds);
		expect(r.error).toBeUndefined();
		expect(seen(r)).toEqual([['POST', '/v1/client/save-request/401', `ApiKey ${oauth.clientId}`, undefined]]);
	});

	it('a widget submission refused (401) is not a token problem: no renewal, the public key is named', async () => {
		const creds = connected();
		fake.faults.push({ status: 401, body: { message: 'Invalid public API key' } });
		const r = await run({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'jane@example.org', purpose: 'Access' }, creds);
		expect(r.error?.message).toBe('Dastra did not accept the API key (401 Unauthorized)');
		expect(r.error?.description).toMatch(/^Check the Client ID \(the public key\) in the Dastra OAuth2 API credential/);
		expect(r.calls).toHaveLength(1);
		expect(oauth.grants()).toEqual([]);
	});

	it('the polling trigger, also across an expired token', async () => {
		oauth.tokenLifetimeS = 2;
		const creds = connected();
		const trigger = triggerHarness({ authentication: 'oAuth2', events: ['requestCreated'] }, { dastraOAuth2Api: creds });
		expect(await trigger.poll()).toBeNull();
		const created = fake.seed({ title: 'New one' });
		expire();
		const items = await trigger.poll();
		expect(items?.map((i) => [i.event, i.id])).toEqual([['requestCreated', created.id]]);
		expect(fake.log.filter((c) => c.headers.authorization === undefined)).toEqual([]);
		expect(fake.log.filter((c) => c.headers['x-api-key'] !== undefined)).toEqual([]);
		expect(oauth.grants()).toEqual(['refresh_token']);
	});

	it('webhook registration and removal', async () => {
		const creds = connected();
		const h = await webhookTriggerHarness({ authentication: 'oAuth2', events: ['DataSubjectCreation'] }, { dastraOAuth2Api: creds });
		try {
			expect(await h.activate()).toBe('created');
			expect(webhooks(fake)).toHaveLength(1);
			expect(await h.deactivate()).toBe(true);
			expect(webhooks(fake)).toHaveLength(0);
			expect(seen({ calls: fake.log })).toEqual([
				['GET', '/v1/WebHookUrls', bearer(creds), undefined],
				['POST', '/v1/WebHookUrls', bearer(creds), undefined],
				['DELETE', expect.stringMatching(/^\/v1\/WebHookUrls\/\d+$/), bearer(creds), undefined],
			]);
		} finally {
			await h.close();
			clearWebhooks(fake);
		}
	});
});

it('redaction: a server echoing the call hides the access token, the refresh token, the client secret and ID', async () => {
	const creds = connected();
	fake.faults.push({ status: 500, echoKeys: true, times: 5 });
	const r = await run(dsr('get', { requestId: byId(1), simplify: false }), creds);
	expect(r.error?.message).toMatch(/^Dastra could not process the request \(500\)/);
	const text = JSON.stringify(r.error);
	for (const secret of [creds.oauthTokenData?.access_token, creds.oauthTokenData?.refresh_token, oauth.clientSecret, oauth.clientId]) {
		expect(text).not.toContain(secret);
	}
});
