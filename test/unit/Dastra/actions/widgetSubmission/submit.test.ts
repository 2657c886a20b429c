import { useFakeDastra } from '../../../../harness/dastra';

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
		expect(r.error?.message).toBe('Widget 999 was not found');
	});
});
