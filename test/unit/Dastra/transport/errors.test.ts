/** The message catalogue: Dastra's own words, whatever shape its error body takes. */
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';
import { expectCalls, expectItems } from '../../../harness/expect';

const { fake, run } = useFakeDastra();

const CREATE = { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' };
const POSTED = { method: 'POST', path: '/v1/ws/7/DataSubjectRequests', body: expect.any(Object) };

/** One create answered `status` with `body` (and `headers`): the error's message and description. */
async function refusal(status: number, body: unknown, headers?: Record<string, string>) {
	fake.faults.push({ status, body, headers });
	const r = await run(dsr('create', CREATE));
	expectCalls(r, [POSTED]);
	return { message: r.error?.message, description: r.error?.description };
}

describe("errors: Dastra's words from its error body", () => {
	it.each([
		['detail', { detail: 'Entity 11 is archived' }, 'Dastra refused the request: Entity 11 is archived'],
		['error', { error: 'invalid_entity' }, 'Dastra refused the request: invalid_entity'],
		['a list of errors', { title: 'Invalid', errors: ['Title is required.', 'Locale is unknown.'] }, 'Dastra refused the request: Invalid Title is required. Locale is unknown.'],
		['an error that is not a list', { errors: { locale: 'Unknown locale' } }, 'Dastra refused the request: locale: Unknown locale'],
		['plain text', 'Entity is archived', 'Dastra refused the request: Entity is archived'],
		['nothing it can read', { code: 17 }, 'Dastra refused the request: invalid data'],
	])('a 400 with %s', async (_, body, message) => {
		expect((await refusal(400, body)).message).toBe(message);
	});

	it('a 400 with an empty body', async () => {
		fake.faults.push({ status: 400, body: 'null', headers: { 'content-type': 'application/json' } });
		const r = await run(dsr('create', CREATE));
		expectCalls(r, [POSTED]);
		expect(r.error?.message).toBe('Dastra refused the request: invalid data');
	});

	it('a 500 without words names the status only', async () => {
		expect(await refusal(500, { code: 17 })).toEqual({
			message: 'Dastra could not process the request (500)',
			description: 'A create is never sent twice automatically, since the first one may have succeeded: check in Dastra before running again.',
		});
	});

	it('a status the catalogue does not know (418) is named, with and without words', async () => {
		expect(await refusal(418, { code: 17 })).toEqual({ message: 'Dastra answered 418', description: 'Check the parameters of this operation.' });
		expect((await refusal(418, { message: 'I am a teapot' })).message).toBe('Dastra answered 418: I am a teapot');
	});
});

describe('errors: redirects and answers that are not JSON', () => {
	it('a Base URL that redirects to itself forever stops, saying so', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 302, redirectTo: `${fake.baseUrl}/v1/ws/7/DataSubjectRequests/${seeded.id}`, times: 99 });
		const r = await run(dsr('get', { requestId: byId(seeded.id) }));
		expect(r.calls).toHaveLength(6);
		expect({ message: r.error?.message, description: r.error?.description }).toEqual({
			message: 'Dastra answered 302',
			description: 'Check the parameters of this operation. It redirected too many times: check the Base URL.',
		});
	});

	it('an answer that is not JSON and has no content type says so', async () => {
		const seeded = fake.seed();
		fake.faults.push({ status: 200, body: Buffer.from('<html>login</html>') });
		const r = await run(dsr('get', { requestId: byId(seeded.id) }));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}` }]);
		expect(r.error?.message).toBe('Dastra\'s answer is not JSON (no content type): "<html>login</html>"');
	});
});

describe('errors: a 429 without a usable Retry-After backs off', () => {
	it.each([
		['no Retry-After', undefined],
		['a Retry-After that is neither seconds nor a date', { 'retry-after': 'later' }],
	])('%s: tried again after a short backoff', async (_, headers) => {
		const seeded = fake.seed();
		fake.faults.push({ status: 429, headers });
		const started = Date.now();
		const r = await run(dsr('get', { requestId: byId(seeded.id) }));
		const path = `/v1/ws/7/DataSubjectRequests/${seeded.id}`;
		expectCalls(r, [
			{ method: 'GET', path },
			{ method: 'GET', path },
		]);
		expectItems(r, [expect.objectContaining({ id: seeded.id, title: seeded.title })]);
		// The first backoff is 125-250 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(120);
	});
});
