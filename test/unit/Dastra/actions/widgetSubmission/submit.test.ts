import { useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const submit = (params: object) => ({ resource: 'widgetSubmission', operation: 'submit', widgetId: 401, ...params });

describe('widgetSubmission submit', () => {
	it('POSTs to the public endpoint with the public key', async () => {
		const r = await run(
			submit({
				email: 'jane@example.org',
				purpose: 'Erasure',
				additionalFields: {
					message: 'Please erase my data.',
					refId: 'ZD-9',
					givenName: 'Jane',
					familyName: 'Doe',
					userId: 'u-77',
					additionalDatas: '{"plan": "pro"}',
				},
			}),
		);
		expect(r.error).toBeUndefined();
		expect(r.calls).toHaveLength(1);
		expect(r.calls[0]).toMatchObject({
			method: 'POST',
			path: '/v1/client/save-request/401',
			headers: { authorization: `ApiKey ${fake.publicKey}` },
			body: {
				email: 'jane@example.org',
				purpose: 'Erasure',
				message: 'Please erase my data.',
				refId: 'ZD-9',
				givenName: 'Jane',
				familyName: 'Doe',
				userId: 'u-77',
				additionalDatas: { plan: 'pro' },
			},
		});
		expect(r.json).toEqual([{ id: 1000, state: 'Open' }]);
		expect(fake.dsrs.get(1000)).toMatchObject({ channel: 'Widget', widgetId: 401, refId: 'ZD-9' });
	});

	it('refuses a credential without a public key, before any call', async () => {
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access' }), { credentials: { publicKey: '' } });
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('The Dastra credential has no public key');
		expect(r.error?.description).toContain('Public Key');
	});

	it.each([
		['HTML in the message', { additionalFields: { message: 'Hi <b>there</b>' } }, 'Message contains HTML, which Dastra refuses here'],
		['an over-long message', { additionalFields: { message: 'x'.repeat(3001) } }, 'Message is 3001 characters long; Dastra accepts at most 3000'],
		['an invalid email', { email: 'jane' }, 'Email "jane" is not a valid email address'],
		['a purpose outside the enum', { purpose: '={{ "Forget" }}' }, 'Purpose "Forget" is not one Dastra knows'],
		['a widget ID of 0', { widgetId: 0 }, 'Widget ID "0" is not a valid ID'],
		['additional data that is not an object', { additionalFields: { additionalDatas: '"text"' } }, 'Additional Data must be a JSON object'],
	])('refuses %s before any call', async (_, params, message) => {
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access', ...params }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
	});

	it('names the widget on a 404', async () => {
		const r = await run(submit({ widgetId: 999, email: 'jane@example.org', purpose: 'Access' }));
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/999', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expect(r.error?.message).toBe('Widget 999 was not found');
	});

	it('a public key Dastra refuses fails with what to fix, and no request is created', async () => {
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access' }), { credentials: { publicKey: 'pk_wrong' } });
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/401', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expect({ message: r.error?.message, description: r.error?.description, httpCode: r.error?.httpCode }).toEqual({
			message: 'Dastra did not accept the API key (401 Unauthorized)',
			description: 'Check the Public Key in the Dastra API credential: copy it again from Dastra, General settings > API. A revoked key is refused too.',
			httpCode: '401',
		});
		expect(fake.dsrs.size).toBe(0);
	});

	it("Dastra's validation errors are named field by field", async () => {
		fake.faults.push({ status: 400, body: { title: 'One or more validation errors occurred.', errors: { email: ['A valid email is required.'] } } });
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access' }));
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/401', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expect(r.error?.message).toBe('Dastra refused the request: One or more validation errors occurred. email: A valid email is required.');
	});

	it('a 503 is not retried: the submission may have been saved', async () => {
		fake.faults.push({ status: 503, times: 9 });
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access' }));
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/401', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expect({ message: r.error?.message, description: r.error?.description }).toEqual({
			message: 'Dastra could not process the request (503): Injected fault',
			description: 'A create is never sent twice automatically, since the first one may have succeeded: check in Dastra before running again.',
		});
		expect(fake.dsrs.size).toBe(0);
	});

	it('with continue-on-fail, a refused item becomes an error item and the others are submitted', async () => {
		const r = await run(submit({ email: '={{ $json.email }}', purpose: 'Access' }), {
			items: [{ email: 'jane@example.org' }, { email: 'bob' }],
			continueOnFail: true,
		});
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/401', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expectItems(r, [{ id: 1000, state: 'Open' }, { error: 'Email "bob" is not a valid email address', description: 'Give an address such as name@example.com.' }], [0, 1]);
	});

	it('an answer without a body (Dastra documents none) gives {submitted: true}', async () => {
		fake.faults.push({ status: 200, body: 'null', headers: { 'content-type': 'application/json' } });
		const r = await run(submit({ email: 'jane@example.org', purpose: 'Access' }));
		expectCalls(r, [{ method: 'POST', path: '/v1/client/save-request/401', body: { email: 'jane@example.org', purpose: 'Access' } }]);
		expectItems(r, [{ submitted: true }]);
	});
});
