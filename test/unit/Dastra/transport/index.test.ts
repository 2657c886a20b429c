import { getTags } from '../../../../nodes/Dastra/methods/loadOptions';
import { MAX_ATTEMPTS } from '../../../../nodes/Dastra/transport';
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';
import { expectCalls } from '../../../harness/expect';
import { loadOptionsContext } from '../../../harness/n8n';

const { fake, run } = useFakeDastra();

const base = { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' };

describe('transport: retries', () => {
	it('waits Retry-After on a 429, then succeeds', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } });
		const started = Date.now();
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		const waited = Date.now() - started;
		expect(r.error).toBeUndefined();
		expect(r.calls).toHaveLength(2);
		expect(waited).toBeGreaterThanOrEqual(950);
		expect(r.json[0].id).toBe(seeded.id);
	});

	it('retries a 429 on a create too: the request was refused before any work', async () => {
		fake.faults.push({ status: 429, headers: { 'retry-after': '0' }, times: 2 });
		const r = await run(dsr('create', base));
		expect(r.error).toBeUndefined();
		// Three tries of the POST, then the read-back of the created request.
		expect(r.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST', 'GET']);
		expect(fake.dsrs.size).toBe(1);
	});

	it(`gives up after ${MAX_ATTEMPTS} tries with a message about the rate limit`, async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 429, headers: { 'retry-after': '0' }, times: 99 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.calls).toHaveLength(MAX_ATTEMPTS);
		expect(r.error?.message).toBe(`Dastra's rate limit was still exceeded after ${MAX_ATTEMPTS} tries`);
		expect(r.error?.httpCode).toBe('429');
	});

	it('retries 502/503/504 on a GET with backoff', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 503, times: 1 }, { status: 502, times: 1 }, { status: 504, times: 1 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.error).toBeUndefined();
		expect(r.calls).toHaveLength(4);
	});

	it('never sends a create twice on a 5xx: the first may have been saved', async () => {
		fake.faults.push({ status: 503, body: { message: 'Service unavailable' }, times: 1 });
		const r = await run(dsr('create', base));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe('Dastra could not process the request (503): Service unavailable');
		expect(r.error?.description).toContain('never sent twice');
	});

	it('retries a GET whose connection was dropped, not a POST', async () => {
		const seeded = fake.seed();
		fake.faults.push({ destroy: true, match: (c) => c.method === 'GET' });
		const get = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(get.error).toBeUndefined();
		expect(get.calls).toHaveLength(2);

		fake.faults.push({ destroy: true });
		const create = await run(dsr('create', base));
		expect(create.calls).toHaveLength(1);
		expect(create.error?.message).toMatch(/^Could not reach Dastra at http:\/\/127\.0\.0\.1:\d+/);
	});

	it('does not retry a 500 that is not a gateway error', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 500, body: 'boom', times: 1 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe('Dastra could not process the request (500): boom');
	});
});

describe('transport: errors say what happened and how to fix it, never the key', () => {
	it('401: check the private key', async () => {
		const r = await run(dsr('get', { requestId: byId(1) }), { credentials: { privateKey: 'wrong-secret-key-123' } });
		expect(r.error?.message).toBe('Dastra did not accept the API key (401 Unauthorized)');
		expect(r.error?.description).toContain('Private Key');
		expect(JSON.stringify(r.error)).not.toContain('wrong-secret-key-123');
	});

	it('403: the key is not scoped to this workspace', async () => {
		const r = await run(dsr('get', { requestId: byId(1) }), { credentials: { workspaceId: 8 } });
		expect(r.calls[0].path).toBe('/v1/ws/8/DataSubjectRequests/1');
		expect(r.error?.message).toBe('The API key may not do this in workspace 8 (403 Forbidden)');
		expect(r.error?.description).toContain('scoped to workspace 8');
	});

	it('a trailing slash on the base URL is ignored', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }), { credentials: { baseUrl: `${fake.baseUrl}//` } });
		expect(r.calls[0].path).toBe(`/v1/ws/7/DataSubjectRequests/${seeded.id}`);
	});

	it('neither key appears in an output item or error, even when Dastra echoes both back', async () => {
		const seeded = fake.seed();
		const ok = await run(dsr('get', { requestId: byId(seeded.id as number), simplify: false }));
		fake.faults.push({ status: 400, echoKeys: true });
		const failed = await run(dsr('get', { requestId: byId(seeded.id as number) }), { continueOnFail: true });
		expect(failed.items).toHaveLength(1);
		fake.faults.push({ status: 500, echoKeys: true, times: 9 });
		const thrown = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		for (const text of [JSON.stringify(ok.items), JSON.stringify(failed.items), JSON.stringify(thrown.error), String(thrown.error?.description), JSON.stringify((thrown.error as { cause?: unknown })?.cause ?? null)]) {
			expect(text).not.toContain(fake.privateKey);
			expect(text).not.toContain(fake.publicKey);
		}
	});
});

describe('transport: the credential and Request Options are checked before any call', () => {
	it('a Base URL that is not a web address is refused, saying what to set', async () => {
		const r = await run(dsr('get', { requestId: byId(1) }), { credentials: { baseUrl: 'api.dastra.eu' } });
		expectCalls(r, []);
		expect({ message: r.error?.message, description: r.error?.description }).toEqual({
			message: 'The Base URL "api.dastra.eu" of the Dastra credential is not a web address',
			description: 'Open the Dastra API credential and set Base URL to https://api.dastra.eu (or your sandbox API address).',
		});
	});

	it.each([
		['negative', '={{ -5 }}', 'Timeout "-5" is not a number of milliseconds'],
		['not a number', '={{ "soon" }}', 'Timeout "soon" is not a number of milliseconds'],
	])('a Timeout that is %s is refused', async (_, timeout, message) => {
		const r = await run(dsr('get', { requestId: byId(1), requestOptions: { timeout } }));
		expectCalls(r, []);
		expect(r.error?.message).toBe(message);
		expect(r.error?.description).toBe('Set Request Options > Timeout to 1 or more (milliseconds), e.g. 60000.');
	});

	it("a dropdown uses the node's Timeout too: a call that hangs is tried again after it", async () => {
		fake.faults.push({ hang: true, match: (c) => c.path === '/v1/ws/7/Tags' });
		const ctx = loadOptionsContext(
			{ resource: 'dataSubjectRequest', operation: 'update', requestOptions: { timeout: 300 } },
			{ dastraApi: fake.credentials() as never },
		);
		const started = Date.now();
		expect((await getTags.call(ctx)).map((t) => t.name)).toEqual(['Helpdesk', 'Legal review', 'VIP']);
		// With the default of 60 s the first try would still be hanging.
		expect(Date.now() - started).toBeLessThan(5000);
		expectCalls({ calls: fake.log }, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
		]);
	}, 10_000);
});
