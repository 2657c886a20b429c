/**
 * Issue 18, the Dastra Webhook Trigger's activation against the fake: no registration stays behind
 * in Dastra after a failed activation or an interrupted Listen for Test Event, and webhook
 * signature keys Dastra repeats in an answer reach neither the activation error nor n8n's log
 * (the keys the pack knows: its own, from static data, and those Dastra listed).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { addWebhook, clearWebhooks, webhooks } from '../../../fake-dastra/routes/webhooks';
import { useFakeDastra } from '../../../harness/dastra';
import { webhookTriggerHarness } from '../../../harness/webhook';

const { fake } = useFakeDastra();
let harness: Awaited<ReturnType<typeof webhookTriggerHarness>> | undefined;

afterEach(async () => {
	jest.restoreAllMocks();
	await harness?.close();
	harness = undefined;
	clearWebhooks(fake);
});

async function setup() {
	harness = await webhookTriggerHarness({ events: ['DataSubjectCreation'] }, { dastraApi: fake.credentials() as never });
	return harness;
}

describe('registrations left behind', () => {
	it('the registration answer is lost (Dastra registered it): the activation fails and removes it', async () => {
		const h = await setup();
		fake.faults.push({ lost: true, match: (c) => c.method === 'POST' && c.path === '/v1/WebHookUrls' });
		await expect(h.activate()).rejects.toThrow(/Could not reach Dastra/);
		expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /v1/WebHookUrls',
			'POST /v1/WebHookUrls',
			'GET /v1/WebHookUrls',
			'DELETE /v1/WebHookUrls/500',
		]);
		expect(webhooks(fake)).toEqual([]);
		expect(h.registration).toEqual({});
	});

	it('an interrupted Listen for Test Event: the next activation removes the test registration it left', async () => {
		const h = await setup();
		await h.listen();
		const [test] = webhooks(fake);
		expect(test.url).toBe(h.testUrl);
		// n8n stopped before it could call delete: the test registration is still in Dastra.
		expect(await h.activate()).toBe('created');
		expect(webhooks(fake).map((w) => w.url)).toEqual([h.url]);
	});

	it('another node\'s or another tool\'s webhooks are left alone', async () => {
		const h = await setup();
		const foreign = addWebhook(fake, { url: 'https://elsewhere.example.com/webhook-test/other/webhook', subscribedEvents: ['DataSubjectCreation'] });
		await h.activate();
		expect(webhooks(fake).map((w) => w.id)).toContain(foreign.id);
	});

	it('a test listen leaves the production webhook alone', async () => {
		const h = await setup();
		await h.activate();
		const [production] = webhooks(fake);
		await h.listen();
		expect(webhooks(fake).map((w) => w.id)).toContain(production.id);
		expect(await h.stopListening()).toBe(true);
		expect(webhooks(fake)).toEqual([production]);
	});
});

describe('signature keys in answers', () => {
	it('a refused registration that repeats a listed webhook\'s key: the activation error does not carry it', async () => {
		const h = await setup();
		const other = addWebhook(fake, { url: 'https://elsewhere.example.com/hook', subscribedEvents: ['DataSubjectCreation'] });
		fake.faults.push({
			match: (r) => r.method === 'POST' && r.path === '/v1/WebHookUrls',
			status: 400,
			body: { message: `Too many webhooks: #${other.id} uses key ${other.signatureKey}`, errors: { signatureKey: [other.signatureKey] } },
		});
		const error = (await h.activate().then(
			() => undefined,
			(e: unknown) => e,
		)) as Error & { description?: string };
		expect(error).toBeDefined();
		expect(error.message).toContain('Too many webhooks');
		for (const text of [error.message, error.description, error.stack, JSON.stringify(error)]) {
			expect(String(text)).not.toContain(other.signatureKey);
		}
	});

	it("a failed removal that repeats the node's own key (static data): n8n's log does not carry it", async () => {
		const h = await setup();
		await h.activate();
		const [hook] = webhooks(fake);
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);
		fake.faults.push({
			match: (r) => r.method === 'DELETE',
			status: 409,
			body: { message: `Webhook ${hook.id} (signatureKey=${hook.signatureKey}) is locked`, signatureKey: hook.signatureKey },
			times: 10,
		});
		expect(await h.deactivate()).toBe(false);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toContain('is locked');
		expect(JSON.stringify(warn.mock.calls)).not.toContain(hook.signatureKey);
	});
});
