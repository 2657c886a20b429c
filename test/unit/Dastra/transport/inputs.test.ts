/** Issue 9, what the wire carries: text as text, request URLs only, clearing on update, strict checks. */
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';
import { NodeOperationError } from 'n8n-workflow';

import { loadOptionsContext, triggerHarness } from '../../../harness/n8n';
import { toEmail, toPlainText } from '../../../../nodes/Dastra/helpers/validate';
import { listSearch, loadOptions } from '../../../../nodes/Dastra/methods';

const { fake, run } = useFakeDastra();
const base = { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' };

describe('text fields go out as strings', () => {
	it('numbers from expressions in text fields are sent as JSON strings', async () => {
		const r = await run(
			dsr('create', {
				...base,
				additionalFields: { refId: '={{ 4521 }}', zipCode: '={{ 75001 }}', phoneNumber: '={{ 33123456789 }}', givenName: '={{ 7 }}', city: '={{ 12 }}' },
			}),
		);
		expect(r.error).toBeUndefined();
		expect(r.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ refId: '4521', zipCode: '75001', phoneNumber: '33123456789', givenName: '7', city: '12' });
	});

	it('Reuse by Reference ID finds a request whose refId Dastra holds as a number', async () => {
		const existing = fake.seed({ refId: 4521 });
		const r = await run(dsr('create', { ...base, additionalFields: { refId: '={{ 4521 }}' }, options: { reuseByRefId: true } }));
		expect(r.error).toBeUndefined();
		expect(r.json[0].id).toBe(existing.id);
		expect(r.calls.filter((c) => c.method === 'POST')).toEqual([]);
	});
});

describe('By URL accepts only a request URL', () => {
	const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });

	it('refuses a workspace URL before any call (Delete would have deleted request 7)', async () => {
		fake.seed();
		// Typed in, the locator's own validation refuses it (n8n will not run the workflow)...
		await expect(run(dsr('delete', { requestId: byUrl('https://app.dastra.eu/workspace/7') }))).rejects.toThrow('The workflow has issues');
		// ...and from an expression, n8n's extractValue (same pattern) or the node does.
		const r = await run(dsr('delete', { requestId: byUrl('={{ "https://app.dastra.eu/workspace/7" }}') }));
		expect(r.error?.message).toMatch(/is not a Dastra request URL|value is invalid/);
		expect(fake.log).toEqual([]);
		expect(fake.dsrs.size).toBe(1);
	});

	it('accepts the request page URL', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('get', { requestId: byUrl(`https://app.dastra.eu/workspace/7/data-subject-requests/${seeded.id}?tab=messages`) }));
		expect(r.error).toBeUndefined();
		expect(r.json[0].id).toBe(seeded.id);
	});
});

describe('Update: an empty value clears a clearable field', () => {
	it('clears email, country code and operator with empty values', async () => {
		const before = fake.seed({ email: 'jane@example.org', countryCode: 'FR', operatorId: 301, city: 'Paris' });
		const r = await run(
			dsr('update', { requestId: byId(before.id as number), updateFields: { email: '', countryCode: '', operatorId: '', city: '' }, simplify: false }),
		);
		expect(r.error).toBeUndefined();
		// A JSON Patch: a cleared field is one `remove`.
		expect(r.calls.at(-1)?.body).toEqual(['email', 'operatorId', 'city', 'countryCode'].map((f) => ({ op: 'remove', path: `/${f}` })));
		expect(fake.dsrs.get(before.id as number)).toMatchObject({ email: null, countryCode: null, operatorId: null, city: null });
	});

	it('still refuses an empty title (not clearable)', async () => {
		const before = fake.seed();
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { title: '' } }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Title is empty');
	});
});

describe('the HTML and email checks', () => {
	it.each(['<script>alert(1)</script>', '<script', '<img src=x onerror=alert(1)', '<!-- hidden -->', 'a </b> c', '<?xml', 'x<y and y>z'])(
		'refuses markup a browser would parse: %s',
		(text) => {
			expect(() => toPlainText(text, 3000, 'Message')).toThrow('Message contains HTML, which Dastra refuses here');
		},
	);

	it.each(['x < y and y > z', 'a<3', '1 <= 2', '<> and <<', 'plain text'])('accepts other text: %s', (text) => {
		expect(toPlainText(text, 3000, 'Message')).toBe(text);
	});

	it.each(['a@b..co', '<a@b.co>', 'a\u200b@b.co', 'a@b\u200d.co', 'a@b.co\ufeff', 'a..b@c.co', '.a@b.co', 'a@-b.co', 'a@b', 'a b@c.co'])(
		'refuses the email %p',
		(email) => {
			expect(() => toEmail(email)).toThrow('is not a valid email address');
		},
	);

	it.each(['jane@example.org', 'josé@exämple.fr', '用户@例子.广告', 'a+tag@sub.example.co.uk', "o'neil@example.ie"])('accepts the email %s', (email) => {
		expect(toEmail(email)).toBe(email);
	});
});

describe('configuration errors are NodeOperationError', () => {
	const creds = () => ({ dastraApi: fake.credentials({ workspaceId: 0 }) as never });

	it('in a trigger poll (no workspace ID), before any call', async () => {
		const trigger = triggerHarness({ events: ['requestCreated'] }, creds());
		const error = await trigger.poll().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('The Dastra credential has no workspace ID');
		expect(fake.log).toEqual([]);
	});

	it('in an editor lookup (no workspace ID, no public key)', async () => {
		const ctx = loadOptionsContext({ resource: 'dataSubjectRequest', operation: 'create' }, creds());
		await expect(loadOptions.getEntities.call(ctx)).rejects.toBeInstanceOf(NodeOperationError);
		await expect(listSearch.searchRequests.call(ctx)).rejects.toThrow('The Dastra credential has no workspace ID');
	});
});
