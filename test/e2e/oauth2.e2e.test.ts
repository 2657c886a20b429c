/**
 * Sign in with Dastra in a real n8n, against the fake API and the fake identity server (its own
 * loopback origin, as account.dastra.eu is). Tokens live 2 s, so every run after the first meets an
 * expired token and must renew it through n8n (which saves the new one in its database).
 * - Client credentials: `n8n execute` runs a Get Many twice; the second run gets a new token.
 * - Authorization code: the credential is created over REST with only the fields a user fills in
 *   (n8n derives the authorize and token URLs from the Account URL), connected through n8n's own
 *   OAuth endpoints (/rest/oauth2-credential/auth, the fake approving, n8n's callback exchanging
 *   the code), then a published workflow's Dastra Trigger polls on it, refreshing at every poll.
 */
import { FakeOAuth } from '../fake-dastra/oauth';
import { FakeDastra } from '../fake-dastra/server';
import { chain, dastraNode, dastraTriggerNode, forwardNode, manualTrigger, n8nVersion, output, setupN8n, startN8n, until, untilQuiet, type N8n } from './harness';
import { activateWorkflow, activationError, ownerSetupCookie, session } from './rest';

const fake = new FakeDastra();
const oauth = new FakeOAuth();
let n8n: N8n;
let server: Awaited<ReturnType<typeof startN8n>> | undefined;

/** What a user types into the credential: no authorize/token URL, no scope. */
const userFields = (grantType: string) => oauth.typed(fake, grantType);
const oauth2 = (id: string, name: string) => ({ dastraOAuth2Api: { id, name } });

beforeAll(async () => {
	await fake.start();
	await oauth.start();
	fake.oauth = oauth;
	oauth.tokenLifetimeS = 2;
	n8n = await setupN8n();
});
afterAll(async () => {
	await server?.stop();
	n8n?.cleanup();
	await oauth.stop();
	await fake.stop();
});

test('client credentials: Get Many, and again once the token expired (a new token, one retry)', async () => {
	await n8n.importCredential({ id: 'dastraOAuthCc001', name: 'Dastra client credentials', type: 'dastraOAuth2Api', data: userFields('clientCredentials') });
	for (let k = 0; k < 3; k++) fake.seed({ title: `R${k}` });
	const workflow = (id: string) =>
		chain(id, [
			manualTrigger,
			dastraNode('List', { authentication: 'oAuth2', resource: 'dataSubjectRequest', operation: 'getAll', returnAll: true }, [200, 0], {
				credentials: oauth2('dastraOAuthCc001', 'Dastra client credentials'),
			}),
		]);
	const first = await n8n.execute(workflow('e2eOAuthCc00001'));
	expect(output(first, 'List')).toHaveLength(3);
	const firstToken = fake.log[0].headers.authorization;
	expect(firstToken).toMatch(/^Bearer at-/);
	expect(oauth.log.map((c) => [c.path, c.form.grant_type, c.form.scope, c.status])).toEqual([['/connect/token', 'client_credentials', 'api1', 200]]);

	await new Promise((r) => setTimeout(r, 2_500));
	fake.reset();
	const second = await n8n.execute(workflow('e2eOAuthCc00002'));
	expect(output(second, 'List')).toHaveLength(3);
	// n8n saved the first token and sent it; Dastra refused it; the node got a new one and retried.
	expect(fake.log.map((c) => c.headers.authorization)).toEqual([firstToken, expect.stringMatching(/^Bearer at-/)]);
	expect(fake.log[1].headers.authorization).not.toBe(firstToken);
	expect(oauth.grants()).toEqual(['client_credentials', 'client_credentials']);
});

test(`authorization code through n8n's OAuth callback, then the polling trigger on it (n8n ${n8nVersion.version})`, async () => {
	fake.reset();
	// Ready means /healthz/readiness: until its migrations are done, n8n 2.41 answers every other
	// path (the settings startN8n waits for, the owner set-up) 200 "n8n is starting up".
	server = await startN8n(n8n, { readyUrl: `http://127.0.0.1:${n8n.env.N8N_PORT}/healthz/readiness` });
	const cookie = await ownerSetupCookie(server.url);
	const rest = session(server.url, cookie);
	const credential = await rest('POST', '/credentials', { name: 'Dastra sign-in', type: 'dastraOAuth2Api', data: userFields('authorizationCode') });
	const id = String(credential.id);

	// "Connect my account": n8n builds the authorize URL from the Account URL.
	const authorizeUrl = new URL(String(await rest('GET', `/oauth2-credential/auth?id=${id}`)));
	const callback = authorizeUrl.searchParams.get('redirect_uri') ?? '';
	expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${oauth.baseUrl}/connect/authorize`);
	expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({ client_id: oauth.clientId, response_type: 'code', scope: 'api1 offline_access' });
	expect(new URL(callback).pathname).toBe('/rest/oauth2-credential/callback');
	expect(new URL(callback).port).toBe(n8n.env.N8N_PORT);
	// The redirect URL registered on the key in Dastra: n8n's OAuth callback.
	oauth.redirectUris = [callback];

	// The browser: Dastra approves and sends it back to n8n's callback with a code.
	const approved = await fetch(authorizeUrl, { redirect: 'manual' });
	expect(approved.status).toBe(302);
	const back = new URL(approved.headers.get('location') ?? '');
	expect(`${back.origin}${back.pathname}`).toBe(callback);
	back.hostname = '127.0.0.1';
	const page = await fetch(back, { headers: { cookie, 'browser-id': 'n8n-dastra-e2e' } });
	const html = await page.text();
	expect([page.status, /error/i.test(html) ? html.slice(0, 500) : 'no error']).toEqual([200, 'no error']);
	expect(oauth.log.filter((c) => c.form.grant_type === 'authorization_code').map((c) => [c.form.redirect_uri, c.status])).toEqual([[callback, 200]]);

	const created = await rest('POST', '/workflows', {
		name: 'Dastra Trigger on OAuth2 e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Dastra Trigger': { main: [[{ node: 'Forward', type: 'main', index: 0 }]] } },
		nodes: [
			{
				...dastraTriggerNode({
					authentication: 'oAuth2',
					pollTimes: { item: [{ mode: 'custom', cronExpression: n8nVersion.pollCron }] },
					events: ['requestCreated'],
					simplify: true,
				}),
				credentials: oauth2(id, 'Dastra sign-in'),
			},
			forwardNode(fake.baseUrl, '={{ JSON.stringify({ event: $json.event, id: $json.id }) }}', [240, 0]),
		],
	});
	await activateWorkflow(rest, created, server);

	const poll = n8nVersion.pollEveryMs + 30_000;
	const listings = () => fake.log.filter((c) => c.path === '/v1/ws/7/DataSubjectRequests' && c.method === 'GET');
	await until(
		'the first poll',
		() => {
			const refused = activationError(server!.output());
			if (refused) throw new Error(`n8n refused to activate the workflow: ${refused}`);
			return listings().length > 0;
		},
		poll,
		server.output,
	);
	await untilQuiet('the first poll to finish', () => fake.log.length);
	const newOne = fake.seed({ title: 'Arrived while signed in' });
	await until('the event', () => fake.events.length >= 1, poll, server.output);
	// One more poll: the refresh token n8n saved last time must still work (one use each).
	const seen = listings().length;
	await until('one more poll', () => listings().length > seen, poll, server.output);
	await untilQuiet('that poll to finish', () => fake.log.length);

	expect(fake.events).toEqual([{ event: 'requestCreated', id: newOne.id }]);
	// Each poll after a token's 2 s met it expired and refreshed it; none was refused.
	const refreshes = oauth.log.filter((c) => c.form.grant_type === 'refresh_token');
	expect(refreshes.length).toBeGreaterThanOrEqual(2);
	expect(refreshes.map((c) => c.status)).toEqual(refreshes.map(() => 200));
	// Every call to the API carried a Bearer token, never an API key.
	expect(fake.log.filter((c) => !c.path.startsWith('/__fake/') && !/^Bearer at-/.test(c.headers.authorization ?? ''))).toEqual([]);
	expect(server.output()).not.toMatch(/refused to renew|not connected/);
}, 6 * 60_000);
