/** Issue 9, the wire: keys never leave in errors or to other hosts; every call fails loudly and ends. */
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';
import { FakeDastra } from '../../../fake-dastra/server';
import { CALL_BUDGET_MS, MAX_ATTEMPTS, MAX_SLEEP_MS } from '../../../../nodes/Dastra/transport';
import { mayWait, newBudget } from '../../../../nodes/Dastra/transport/retry';
import { redactText } from '../../../../nodes/Dastra/transport/redact';

const { fake, run } = useFakeDastra();
const other = new FakeDastra({ privateKey: 'other-private', publicKey: 'other-public' });
beforeAll(() => other.start());
afterAll(() => other.stop());
beforeEach(() => other.reset());

const base = { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' };
const fast = { requestOptions: { timeout: 300 } };
const secretFree = (value: unknown) => {
	const text = JSON.stringify(value ?? null);
	expect(text).not.toContain(fake.privateKey);
	expect(text).not.toContain(fake.publicKey);
};

describe('the wire: redaction', () => {
	it('an answer echoing both keys leaves no key in the error, its description, messages or cause', async () => {
		const seeded = fake.seed();
		fake.faults.push({ echoKeys: true, status: 400 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.error?.message).toContain('Dastra refused the request: Request rejected. X-API-Key: [redacted]');
		secretFree(r.error);
		secretFree(String(r.error?.description));
		secretFree((r.error as unknown as { messages?: unknown }).messages);
		secretFree((r.error as unknown as { cause?: unknown }).cause);
		secretFree((r.error as unknown as { errorResponse?: unknown }).errorResponse);
		secretFree((r.error as unknown as { stack?: unknown }).stack);
	});

	it('the continue-on-fail item carries no key either', async () => {
		fake.faults.push({ echoKeys: true, status: 500 });
		const r = await run(dsr('getAll', { returnAll: true }), { continueOnFail: true });
		expect(r.json[0].error).toContain('[redacted]');
		secretFree(r.items);
	});

	it('redactText removes the keys and any X-API-Key / Authorization value', () => {
		expect(redactText('k=abc X-API-Key: zz1 "Authorization":"ApiKey pub9" authorization=Bearer t0k', ['abc'])).toBe(
			'k=[redacted] X-API-Key: [redacted] "Authorization":"[redacted]" authorization=[redacted]',
		);
	});
});

describe('the wire: redirects', () => {
	it('a redirect to another origin is an error naming the host, and the key is not sent there', async () => {
		const seeded = fake.seed();
		fake.faults.push({ redirectTo: `${other.baseUrl}/v1/ws/7/DataSubjectRequests/${seeded.id}`, status: 307 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		const host = new URL(other.baseUrl).host;
		expect(r.error?.message).toBe(`Dastra's address redirected the call to another host, ${host}; the API key was not sent there`);
		expect(r.error?.description).toContain('Base URL');
		expect(other.log.filter((c) => c.headers['x-api-key'] || c.headers.authorization)).toEqual([]);
	});

	it('the widget call does not follow a redirect to another origin with the public key', async () => {
		fake.faults.push({ redirectTo: `${other.baseUrl}/v1/client/save-request/401`, status: 302 });
		const r = await run({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'a@b.co', purpose: 'Access' });
		expect(r.error?.message).toContain('redirected the call to another host');
		expect(other.log).toEqual([]);
	});

	it('a same-origin redirect is followed', async () => {
		const seeded = fake.seed();
		fake.faults.push({ redirectTo: `/v1/ws/7/DataSubjectRequests/${seeded.id}`, status: 301 });
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(r.error).toBeUndefined();
		expect(r.calls).toHaveLength(2);
		expect(r.json[0].id).toBe(seeded.id);
	});
});

describe('the wire: the widget call', () => {
	it('sends Authorization: ApiKey <public key> and no private key', async () => {
		const r = await run({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'a@b.co', purpose: 'Access' });
		expect(r.error).toBeUndefined();
		expect(r.calls[0].headers).toEqual({ 'x-api-key': undefined, authorization: `ApiKey ${fake.publicKey}`, 'content-type': 'application/json' });
	});
});

describe('the wire: an answer that is not JSON', () => {
	const html = () => ({ status: 200, body: '<!DOCTYPE html><html><head><title>Dastra</title>', headers: { 'content-type': 'text/html; charset=utf-8' } });

	it('fails Create with what came back and a hint at the Base URL', async () => {
		fake.faults.push(html());
		const r = await run(dsr('create', base));
		expect(r.error?.message).toBe(`Dastra's answer is not JSON (text/html; charset=utf-8): "<!DOCTYPE html><html><head><title>Dastra</title>"`);
		expect(r.error?.description).toContain('Base URL');
	});

	it('fails Get Many instead of returning nothing', async () => {
		fake.faults.push({ ...html(), times: 9 });
		const r = await run(dsr('getAll', { returnAll: true }));
		expect(r.error?.message).toMatch(/^Dastra's answer is not JSON/);
	});

	it('fails the widget submission and Message Create instead of reporting success', async () => {
		fake.faults.push(html());
		const w = await run({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'a@b.co', purpose: 'Access' });
		expect(w.error?.message).toMatch(/^Dastra's answer is not JSON/);
		const seeded = fake.seed();
		fake.faults.push(html());
		const m = await run({ resource: 'message', operation: 'create', requestId: byId(seeded.id as number), message: 'Hello' });
		expect(m.error?.message).toMatch(/^Dastra's answer is not JSON/);
	});
});

describe('the wire: never wait forever', () => {
	it('a server that never answers fails each try at the timeout, the error naming it', async () => {
		const seeded = fake.seed();
		fake.faults.push({ hang: true, times: 99 });
		const started = Date.now();
		const r = await run(dsr('get', { requestId: byId(seeded.id as number), ...fast }));
		expect(Date.now() - started).toBeLessThan(8000);
		expect(r.calls).toHaveLength(MAX_ATTEMPTS);
		expect(r.error?.message).toBe(`Dastra did not answer within the timeout of 0.3 s (${MAX_ATTEMPTS} tries)`);
		expect(r.error?.description).toContain('Request Options > Timeout');
	});

	it('a create that timed out is not sent again and says it may exist', async () => {
		fake.faults.push({ hang: true, times: 99 });
		const r = await run(dsr('create', { ...base, ...fast }));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe('Dastra did not answer within the timeout of 0.3 s');
		expect(r.error?.description).toContain('may already exist');
	});

	it('a Retry-After above 60 s fails at once with the wait Dastra asked for', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 429, headers: { 'retry-after': '3600' }, times: 9 });
		const started = Date.now();
		const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
		expect(Date.now() - started).toBeLessThan(2000);
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe("Dastra's rate limit asks to wait 3600 s before the next call");
	});

	it('reads a Retry-After given as an HTTP date: two hours ahead fails at once, naming the wait in whole seconds', async () => {
		const seeded = fake.seed();
		// The node's clock stands 0.4 s into a second, so the date is 7199.6 s away: the wait is
		// rounded up to the second the date names. Only Date is faked: sockets and timers run.
		const now = Date.parse('2026-03-02T10:00:00.400Z');
		jest.useFakeTimers({
			now,
			doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
		});
		try {
			fake.faults.push({ status: 429, headers: { 'retry-after': 'Mon, 02 Mar 2026 12:00:00 GMT' }, times: 9 });
			const r = await run(dsr('get', { requestId: byId(seeded.id as number) }));
			expect(r.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v1/ws/7/DataSubjectRequests/${seeded.id}`]);
			expect(r.error?.message).toBe("Dastra's rate limit asks to wait 7200 s before the next call");
		} finally {
			jest.useRealTimers();
		}
	});

	it('the whole call is bounded: no try starts past the deadline, sleeps add up to at most the bound', () => {
		const now = 1_000_000;
		const budget = newBudget(60_000, now);
		expect(budget.totalMs).toBe(CALL_BUDGET_MS);
		expect(mayWait(1, 1000, budget, now)).toEqual({ retry: true, wait: 1000 });
		expect(mayWait(MAX_ATTEMPTS, 1000, budget, now)).toEqual({ retry: false, reason: 'attempts' });
		expect(mayWait(1, 1000, budget, now + CALL_BUDGET_MS - 500)).toEqual({ retry: false, reason: 'budget' });
		expect(mayWait(1, 1000, { ...budget, slept: MAX_SLEEP_MS - 500 }, now)).toEqual({ retry: false, reason: 'budget' });
		expect(newBudget(600_000, now).totalMs).toBe(600_000);
	});
});

describe('the wire: lost answers', () => {
	it('a DELETE whose answer was lost, then 404 on the retry, is a success', async () => {
		const seeded = fake.seed();
		fake.faults.push({ lost: true, match: (c) => c.method === 'DELETE' });
		const r = await run(dsr('delete', { requestId: byId(seeded.id as number) }));
		expect(r.error).toBeUndefined();
		expect(r.calls.map((c) => c.method)).toEqual(['DELETE', 'DELETE']);
		expect(r.json).toEqual([{ deleted: true }]);
		expect(fake.dsrs.has(seeded.id as number)).toBe(false);
	});

	it('a plain 404 on DELETE is still "not found"', async () => {
		const r = await run(dsr('delete', { requestId: byId(999) }));
		expect(r.error?.message).toBe('Data subject request 999 was not found in workspace 7');
	});

	it('a create whose answer was lost says the request may exist and how to check', async () => {
		fake.faults.push({ lost: true, match: (c) => c.method === 'POST' });
		const r = await run(dsr('create', base));
		expect(r.calls).toHaveLength(1);
		expect(fake.dsrs.size).toBe(1);
		expect(r.error?.description).toContain('may already exist');
		expect(r.error?.description).toContain('Reference ID');
		expect(r.error?.description).toContain('Reuse Request With Same Reference ID');
	});
});
