/**
 * The Dastra Webhook Trigger in n8n-core's real hook and webhook contexts, against the fake:
 * registration calls, signed and spoiled deliveries over real HTTP, the exact items.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { toUtcIso } from '../../../nodes/Dastra/helpers/dates';
import { simplifyDsr } from '../../../nodes/Dastra/helpers/simplify';
import { addWebhook, clearWebhooks, payloadFor, signBody, webhooks, webhookState } from '../../fake-dastra/routes/webhooks';
import { useFakeDastra } from '../../harness/dastra';
import { deliverAndSettle, delivered, webhookTriggerHarness } from '../../harness/webhook';

const { fake } = useFakeDastra();
let harness: Awaited<ReturnType<typeof webhookTriggerHarness>> | undefined;

/** What the node logs (n8n's Logger, which the hook and webhook contexts hand out). */
const spyWarn = () => jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);

afterEach(async () => {
	jest.restoreAllMocks();
	await harness?.close();
	harness = undefined;
	clearWebhooks(fake);
});

async function setup(parameters: IDataObject = {}, credentials: IDataObject = {}, baseUrl?: string) {
	harness = await webhookTriggerHarness(
		{ events: ['DataSubjectCreation', 'DataSubjectStateChange'], ...parameters },
		{ dastraApi: fake.credentials(credentials) as never },
		{ baseUrl },
	);
	return harness;
}

/** Dastra delivers (signed, or spoiled); then the node's run is waited for. */
const send = (...args: Parameters<typeof deliverAndSettle> extends [unknown, unknown, ...infer R] ? R : never) => deliverAndSettle(harness!, fake, ...args);

/**
 * Posts raw bytes straight to the trigger's production URL: signed with `key` as Dastra signs (or
 * with the given `signature`, or unsigned), as JSON unless told; then waits for the node's run.
 * Returns the status n8n answered.
 */
async function post(body: string, { key, signature, contentType = 'application/json' }: { key?: string; signature?: string; contentType?: string } = {}) {
	const sig = signature ?? (key === undefined ? undefined : signBody(body, key));
	const res = await fetch(harness!.url, {
		method: 'POST',
		headers: { 'content-type': contentType, ...(sig ? { 'Dastra-Signature': sig } : {}) },
		body,
	});
	await harness!.settled();
	return res.status;
}

/** The request as the fake's GET answers it (what the node reads). */
async function current(id: number): Promise<IDataObject> {
	const res = await fetch(`${fake.baseUrl}/v1/ws/7/DataSubjectRequests/${id}`, { headers: { 'X-API-Key': fake.privateKey } });
	return (await res.json()) as IDataObject;
}

const calls = () => fake.log.map((c) => ({ method: c.method, path: c.path, query: c.query, body: c.body }));
const listCall = { method: 'GET', path: '/v1/WebHookUrls', query: { workspaceId: '7' }, body: undefined };

describe('activation', () => {
	it('registers the production URL for the chosen events and keeps the id and key', async () => {
		const h = await setup();
		expect(await h.activate()).toBe('created');
		const [hook] = webhooks(fake);
		expect(calls()).toEqual([
			listCall,
			{
				method: 'POST',
				path: '/v1/WebHookUrls',
				query: {},
				body: { url: h.url, workSpaceId: 7, subscribedEvents: ['DataSubjectCreation', 'DataSubjectStateChange'] },
			},
		]);
		expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect(h.registration).toEqual({ webhookId: hook.id, signatureKey: hook.signatureKey });
	});

	it('re-uses its own webhook on the next start: one GET, nothing created', async () => {
		const h = await setup();
		await h.activate();
		fake.reset();
		expect(await h.activate()).toBe('existed');
		expect(calls()).toEqual([listCall]);
		expect(webhooks(fake)).toHaveLength(1);
	});

	it.each([
		['the events changed', { subscribedEvents: ['DataSubjectCreation'] }, {}],
		['Dastra blocked it (inError)', { inError: true, nbErrors: 6 }, {}],
		['its signature key is not known', {}, { signatureKey: undefined }],
	])('replaces the webhook at its URL when %s', async (what, hookFields, registration) => {
		const h = await setup();
		const warn = spyWarn();
		const old = addWebhook(fake, {
			url: h.url,
			subscribedEvents: ['DataSubjectCreation', 'DataSubjectStateChange'],
			...hookFields,
		});
		h.registration = { webhookId: old.id, signatureKey: old.signatureKey, ...registration };
		expect(await h.activate()).toBe('created');
		const [fresh] = webhooks(fake);
		expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /v1/WebHookUrls',
			`DELETE /v1/WebHookUrls/${old.id}`,
			'POST /v1/WebHookUrls',
		]);
		expect(webhooks(fake)).toHaveLength(1);
		expect(fresh.id).not.toBe(old.id);
		expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('blocked'))).toEqual(
			what.includes('blocked') ? [expect.stringContaining(`Dastra had blocked the webhook ${h.url}`)] : [],
		);
		expect(h.registration).toEqual({ webhookId: fresh.id, signatureKey: fresh.signatureKey });
	});

	it("removes its own webhook left at an old URL (n8n's public address changed)", async () => {
		const before = await setup({}, {}, 'https://old.example.com');
		await before.activate();
		const [old] = webhooks(fake);
		const registration = before.registration;
		await before.close();
		const h = await setup({}, {}, 'https://new.example.com');
		h.registration = registration;
		fake.reset();
		expect(await h.activate()).toBe('created');
		expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /v1/WebHookUrls',
			`DELETE /v1/WebHookUrls/${old.id}`,
			'POST /v1/WebHookUrls',
		]);
		expect(webhooks(fake).map((w) => w.url)).toEqual([h.url]);
		expect(h.url).toMatch(/^https:\/\/new\.example\.com\//);
	});

	it('static data holding the ID as a string (edited, or an older save): re-used, and deliveries accepted', async () => {
		const h = await setup({ options: { resolveRequest: false } });
		const hook = addWebhook(fake, { url: h.url, subscribedEvents: ['DataSubjectCreation', 'DataSubjectStateChange'] });
		h.registration = { webhookId: String(hook.id), signatureKey: hook.signatureKey };
		expect(await h.activate()).toBe('existed');
		const [d] = await send('DataSubjectCreation', { id: 3 });
		expect(d.status).toBe(200);
		expect(h.received[0].items).toHaveLength(1);
	});

	it('active without a stored key (static data lost): deliveries refused, and the reason logged once', async () => {
		const h = await setup();
		addWebhook(fake, { url: h.url, subscribedEvents: ['DataSubjectCreation'] });
		const warn = spyWarn();
		const first = await send('DataSubjectCreation', { id: 3 });
		const second = await send('DataSubjectCreation', { id: 4 });
		expect([...first, ...second].map((d) => d.status)).toEqual([401, 401]);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(String(warn.mock.calls[0][0])).toContain('deactivate and re-activate');
	});

	it("leaves other URLs' webhooks alone", async () => {
		const h = await setup();
		const other = addWebhook(fake, { url: 'https://elsewhere.example/hook', subscribedEvents: ['DataSubjectCreation'] });
		await h.activate();
		expect(webhooks(fake).map((w) => w.id)).toEqual([other.id, other.id + 1]);
	});

	it("deletes the webhook Dastra created when its answer cannot be used (no signature key), then fails", async () => {
		const h = await setup();
		webhookState(fake).createAnswer = ({ signatureKey: _key, ...rest }) => rest as never;
		await expect(h.activate()).rejects.toThrow('Dastra registered the webhook without an ID or signature key');
		expect(calls().map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /v1/WebHookUrls',
			'POST /v1/WebHookUrls',
			'DELETE /v1/WebHookUrls/500',
		]);
		expect(webhooks(fake)).toEqual([]);
		expect(h.registration).toEqual({});
	});

	it('deactivation deletes the webhook and forgets it', async () => {
		const h = await setup();
		await h.activate();
		const [hook] = webhooks(fake);
		fake.reset();
		expect(await h.deactivate()).toBe(true);
		expect(calls()).toEqual([{ method: 'DELETE', path: `/v1/WebHookUrls/${hook.id}`, query: {}, body: undefined }]);
		expect(webhooks(fake)).toEqual([]);
		expect(h.registration).toEqual({});
	});

	it('a deactivation Dastra refuses: false, the ID kept, a warning naming the webhook and the reason (no key)', async () => {
		const h = await setup();
		await h.activate();
		const [hook] = webhooks(fake);
		const warn = spyWarn();
		fake.faults.push({ match: (r) => r.method === 'DELETE', status: 500, body: { message: 'Database unavailable' }, times: 10 });
		expect(await h.deactivate()).toBe(false);
		expect(h.registration).toEqual({ webhookId: hook.id, signatureKey: hook.signatureKey });
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toContain(`Could not remove Dastra webhook ${hook.id}`);
		expect(warn.mock.calls[0][0]).toContain('Database unavailable');
		expect(JSON.stringify(warn.mock.calls)).not.toContain(hook.signatureKey);
		expect(JSON.stringify(warn.mock.calls)).not.toContain(fake.privateKey);
	});

	it('deactivation succeeds when Dastra already deleted the webhook', async () => {
		const h = await setup();
		await h.activate();
		clearWebhooks(fake);
		expect(await h.deactivate()).toBe(true);
		expect(h.registration).toEqual({});
	});
});

describe('bad input: a clear error before any call', () => {
	it('no event selected', async () => {
		const h = await setup({ events: [] });
		await expect(h.activate()).rejects.toThrow('No event is selected');
		expect(fake.log).toEqual([]);
	});

	it('a credential without workspace ID', async () => {
		const h = await setup({}, { workspaceId: 0 });
		await expect(h.activate()).rejects.toMatchObject({
			message: 'The Dastra credential has no workspace ID',
			description: expect.stringContaining('Workspace ID'),
		});
		expect(fake.log).toEqual([]);
	});

	it('an n8n without a public URL (WEBHOOK_URL not set: localhost)', async () => {
		const h = await setup({}, {}, 'http://localhost:5678');
		await expect(h.activate()).rejects.toMatchObject({
			message: 'Dastra cannot reach n8n at http://localhost:5678/webhook/3f1c2a9e-5d4b-4c8e-9a7f-0b1d2e3f4a5b/webhook',
			description: expect.stringContaining('Set the WEBHOOK_URL environment variable'),
		});
		expect(fake.log).toEqual([]);
	});

	it.each(['http://0.0.0.0:5678', 'http://[::]:5678', 'http://app.localhost'])(
		'an n8n whose address is %s (a bind address, not one Dastra can call)',
		async (base) => {
			const h = await setup({}, {}, base);
			await expect(h.activate()).rejects.toMatchObject({
				message: expect.stringContaining(`Dastra cannot reach n8n at ${new URL(base).origin}`),
				description: expect.stringContaining('Set the WEBHOOK_URL environment variable'),
			});
			expect(fake.log).toEqual([]);
		},
	);

	it.each([
		['http://127.0.0.1:5678', 'a loopback address'],
		['http://[::1]:5678', 'a loopback address'],
		['https://10.1.2.3', 'a private address'],
		['https://192.168.1.5', 'a private address'],
		['https://172.20.0.4', 'a private address'],
		['http://n8n.example.com', 'not https'],
	])('an n8n at %s registers, with a warning (%s)', async (base, why) => {
		const h = await setup({}, {}, base);
		const warn = spyWarn();
		expect(await h.activate()).toBe('created');
		expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(why)]);
	});

	it('a public https address: no warning', async () => {
		const h = await setup({}, {}, 'https://n8n.example.com');
		const warn = spyWarn();
		expect(await h.activate()).toBe('created');
		expect(warn).not.toHaveBeenCalled();
	});
});

describe('deliveries', () => {
	async function active(parameters: IDataObject = {}) {
		const h = await setup(parameters);
		await h.activate();
		fake.reset();
		return h;
	}

	it('a signed delivery: 200, one item, the request as Dastra holds it now, simplified', async () => {
		const h = await active();
		const dsr = fake.seed({ title: 'Access to my data', email: 'jane@example.org' });
		fake.touch(dsr.id, { title: 'Renamed since the event' });
		const [d] = await send('DataSubjectCreation', { id: dsr.id, title: 'Access to my data' });
		expect(d.status).toBe(200);
		expect(calls()).toEqual([{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${dsr.id}`, query: {}, body: undefined }]);
		expect(h.received).toHaveLength(1);
		const now = await current(dsr.id);
		expect(now.title).toBe('Renamed since the event');
		expect(h.received[0].items).toEqual([
			{
				...simplifyDsr(now),
				resolved: true,
				...delivered(d, 'DataSubjectCreation', 'Data Subject Creation'),
			},
		]);
	});

	it('simplify off: the whole request', async () => {
		const h = await active({ options: { simplify: false } });
		const dsr = fake.seed({ title: 'Full' });
		const [d] = await send('DataSubjectStateChange', { id: dsr.id });
		expect(h.received[0].items).toEqual([
			{
				...(await current(dsr.id)),
				resolved: true,
				...delivered(d, 'DataSubjectStateChange', 'Data Subject State Change'),
			},
		]);
	});

	it("resolveRequest and simplify off: the payload's data as sent, no call", async () => {
		const h = await active({ options: { resolveRequest: false, simplify: false } });
		const [d] = await send('DataSubjectCreation', { id: 1234, title: 'As sent', state: 'Open' });
		expect(d.status).toBe(200);
		expect(fake.log).toEqual([]);
		expect(h.received[0].items).toEqual([
			{
				id: 1234,
				title: 'As sent',
				state: 'Open',
				resolved: false,
				...delivered(d, 'DataSubjectCreation', 'Data Subject Creation'),
			},
		]);
	});

	it.each([
		['resolveRequest off', { resolveRequest: false }, 1234],
		['the request deleted since', {}, 4242],
	])("simplify on, %s: the payload's data simplified like a read request", async (_what, options, id) => {
		const h = await active({ options });
		const data = { id, title: 'As sent', state: 'Open', dateUpdate: '2024-05-02T12:00:00+02:00', workFlowStepId: 3 };
		const [d] = await send('DataSubjectCreation', data);
		expect(h.received[0].items).toEqual([
			{
				...simplifyDsr(data),
				resolved: false,
				...(id === 4242 ? { requestDeleted: true } : {}),
				...delivered(d, 'DataSubjectCreation', 'Data Subject Creation'),
			},
		]);
		expect(h.received[0].items![0].dateUpdate).toBe('2024-05-02T10:00:00.000Z');
	});

	it('a message event naming no request: the message as sent, marked unresolved', async () => {
		const h = await active({ events: ['DataSubjectMessage'] });
		const [d] = await send('DataSubjectMessage', { id: 88, content: 'Hello' });
		expect(fake.log).toEqual([]);
		expect(h.received[0].items).toEqual([
			{
				id: 88,
				content: 'Hello',
				resolved: false,
				...delivered(d, 'DataSubjectMessage', 'Data Subject Message'),
			},
		]);
	});

	it('a request gone by then: the payload with requestDeleted', async () => {
		const h = await active({ options: { simplify: false } });
		const [d] = await send('DataSubjectCreation', { id: 4242, title: 'Deleted since' });
		expect(d.status).toBe(200);
		expect(h.received[0].items).toEqual([
			{
				id: 4242,
				title: 'Deleted since',
				resolved: false,
				requestDeleted: true,
				...delivered(d, 'DataSubjectCreation', 'Data Subject Creation'),
			},
		]);
	});

	it.each(['signature', 'body', 'missing'] as const)(
		'a delivery with a %s spoiled: 401, no execution, no call to Dastra',
		async (tamper) => {
			const h = await active();
			const dsr = fake.seed({});
			const [d] = await send('DataSubjectCreation', { id: dsr.id }, tamper);
			expect(d.status).toBe(401);
			expect(h.received).toEqual([{ path: expect.any(String), status: 401, items: undefined }]);
			expect(fake.log).toEqual([]);
		},
	);

	it('the same signed bytes sent again (a replay): 200, nothing runs, and the replay is in n8n\'s log', async () => {
		const h = await active({ options: { resolveRequest: false } });
		const [d] = await send('DataSubjectCreation', { id: 5 });
		expect(d.status).toBe(200);
		const warn = spyWarn();
		const again = () => post(d.body, { signature: d.signature! });
		expect([await again(), await again()]).toEqual([200, 200]);
		expect(h.received.map((r) => [r.status, r.items?.length])).toEqual([
			[200, 1],
			[200, undefined],
			[200, undefined],
		]);
		expect(warn).toHaveBeenCalledTimes(2);
		const [message, meta] = warn.mock.calls[0] as [string, Record<string, unknown>];
		const date = toUtcIso(JSON.parse(d.body).date);
		expect(message).toMatch(/already accepted at .* \(a replay\)/);
		expect(message).toContain(`Event DataSubjectCreation, webhook ${d.webhookId}, dated ${date}`);
		expect(meta).toMatchObject({ eventType: 'DataSubjectCreation', webhookId: d.webhookId, date, reason: expect.stringMatching(/replay/) });
		expect(message).not.toContain(d.signature!);
	});

	it.each([
		['16 minutes old (Dastra has a backlog)', -16 * 60_000, true],
		['a day old', -24 * 3_600_000, true],
		['14 minutes old (Dastra runs late)', -14 * 60_000, false],
		['one minute old', -60_000, false],
		['dated 6 minutes ahead', 6 * 60_000, true],
	])('a signed delivery %s, dated as Dastra writes dates (UTC, no offset): 200, runs once, marked late outside the window', async (_what, offset, late) => {
		const h = await active({ options: { resolveRequest: false } });
		const [d] = await send('DataSubjectCreation', { id: 5 }, undefined, { at: Date.now() + offset });
		expect(JSON.parse(d.body).date).not.toMatch(/Z|[+-]\d\d:\d\d$/);
		expect(d.status).toBe(200);
		expect(h.received.map((r) => [r.status, r.items?.map((i) => i.late)])).toEqual([[200, [late]]]);
		expect(h.received[0].items![0].eventDate).toBe(toUtcIso(JSON.parse(d.body).date));
	});

	it('a signed delivery without a date: 200, runs once, marked late', async () => {
		const h = await active({ options: { resolveRequest: false } });
		const [hook] = webhooks(fake);
		const payload = payloadFor(fake, hook, 'DataSubjectCreation', { id: 5 });
		delete payload.date;
		expect(await post(JSON.stringify(payload), { key: hook.signatureKey })).toBe(200);
		expect(h.received[0].items).toEqual([expect.objectContaining({ late: true, eventDate: null })]);
	});

	it('six late deliveries in a row: each 200, each runs once marked late, the webhook is not blocked', async () => {
		const h = await active({ options: { resolveRequest: false } });
		const statuses = [];
		for (let k = 0; k < 6; k++) statuses.push(...(await send('DataSubjectCreation', { id: 100 + k }, undefined, { at: Date.now() - 3_600_000 })));
		expect(statuses.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(h.received.map((r) => r.items?.map((i) => [i.id, i.late]))).toEqual([0, 1, 2, 3, 4, 5].map((k) => [[100 + k, true]]));
		expect(webhooks(fake)[0]).toMatchObject({ inError: false, nbErrors: 0 });
	});

	it('a signed body that is not a payload: 200, nothing runs, and why is in n8n\'s log', async () => {
		const h = await active();
		const warn = spyWarn();
		expect(await post(JSON.stringify({ hello: 'world' }), { key: h.registration.signatureKey as string })).toBe(200);
		expect(h.received[0].items).toBeUndefined();
		expect(warn.mock.calls[0][0]).toMatch(/answered 200 and ignored, because the signed body is not a Dastra webhook payload/);
	});

	it('a signed payload naming another webhook: 200, nothing runs, and why is in n8n\'s log', async () => {
		const h = await active();
		const warn = spyWarn();
		const [hook] = webhooks(fake);
		const body = JSON.stringify({ ...payloadFor(fake, hook, 'DataSubjectCreation', { id: 5 }), webhookId: 999 });
		expect(await post(body, { key: hook.signatureKey })).toBe(200);
		expect(h.received[0].items).toBeUndefined();
		expect(warn.mock.calls[0][0]).toContain(`signed for webhook 999, and this trigger is registered as webhook ${hook.id}`);
	});

	it.each([
		// The bytes are gone: the signature cannot be checked.
		['multipart/form-data (n8n consumes the body before the node runs)', 'multipart/form-data; boundary=x', 'signed', 401],
		['multipart/form-data without a signature', 'multipart/form-data; boundary=x', undefined, 401],
		// Read and signed, but no payload: 200, ignored (logged).
		['multipart/mixed (left unread by n8n)', 'multipart/mixed; boundary=x', 'signed', 200],
	])('a %s body: no execution, no error', async (_what, contentType, signed, status) => {
		const h = await active();
		const key = h.registration.signatureKey as string;
		const body = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n';
		expect(await post(body, { contentType, key: signed ? key : undefined })).toBe(status);
		expect(h.received).toEqual([{ path: expect.any(String), status, items: undefined }]);
		expect(fake.log).toEqual([]);
	});

	it('answers 200 at once; when reading the request then fails, the event still comes out, with the error', async () => {
		const h = await active({ options: { simplify: false } });
		fake.faults.push({ match: (r) => r.method === 'GET', status: 403, times: 1 });
		const [d] = await send('DataSubjectCreation', { id: 1000, title: 'As sent' });
		expect(d.status).toBe(200);
		expect(h.received[0].error).toBeUndefined();
		expect(h.received[0].items).toEqual([
			{
				id: 1000,
				title: 'As sent',
				resolved: false,
				resolveError: { message: 'The API key may not do this in workspace 7 (403 Forbidden)', httpCode: '403' },
				...delivered(d, 'DataSubjectCreation', 'Data Subject Creation'),
			},
		]);
		expect(JSON.stringify(h.received[0].items)).not.toContain(fake.privateKey);
	});

	it("an event not chosen: 200, no execution", async () => {
		const h = await active({ events: ['DataSubjectCreation'] });
		// The webhook in Dastra subscribes to more than the node now shows (edited, not re-activated).
		webhooks(fake)[0].subscribedEvents = ['DataSubjectCreation', 'DataSubjectArchived'];
		const [d] = await send('DataSubjectArchived', { id: 1 });
		expect(d.status).toBe(200);
		expect(h.received[0].items).toBeUndefined();
	});
});

describe('Listen for test event', () => {
	it('registers the test URL, turns the delivery into an item, then removes it; production untouched', async () => {
		const h = await setup({ options: { resolveRequest: false } });
		await h.activate();
		const [production] = webhooks(fake);
		const registration = h.registration;
		expect(registration).toEqual({ webhookId: production.id, signatureKey: production.signatureKey });
		await h.listen();
		const hook = webhooks(fake).find((w) => w.url === h.testUrl)!;
		expect(hook.id).not.toBe(production.id);
		expect(h.testRegistration).toEqual({ webhookId: hook.id, signatureKey: hook.signatureKey });
		// Both are subscribed: one delivery each, the test one read with the test key.
		const deliveries = await send('DataSubjectCreation', { id: 7 });
		const d = deliveries.find((x) => x.webhookId === hook.id)!;
		expect(deliveries.map((x) => x.status)).toEqual([200, 200]);
		expect(h.received.find((r) => r.path.startsWith('/webhook-test/'))!.items).toEqual([
			{ ...simplifyDsr({ id: 7 }), resolved: false, ...delivered(d, 'DataSubjectCreation', 'Data Subject Creation') },
		]);
		expect(await h.stopListening()).toBe(true);
		expect(webhooks(fake)).toEqual([production]);
		expect(h.testRegistration).toEqual({});
		expect(h.registration).toEqual(registration);
	});

	it("the notice says listening often ends before Dastra delivers (n8n waits 120 s, Dastra 60-120 s late)", async () => {
		const { DastraWebhookTrigger } = await import('../../../nodes/Dastra/DastraWebhookTrigger.node');
		const notice = new DastraWebhookTrigger().description.properties.find((p) => p.name === 'notice')!;
		expect(notice.displayName).toContain('Listen for Test Event waits 120 s');
	});
});
