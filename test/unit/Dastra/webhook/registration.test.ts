import type { WebHookUrl } from '../../../../nodes/Dastra/transport/webhooks';
import { judgeExisting, readRegistration, sameEvents } from '../../../../nodes/Dastra/webhook/registration';

describe('sameEvents', () => {
	it('ignores order and repeats, not content', () => {
		expect(sameEvents(['A', 'B'], ['B', 'A', 'A'])).toBe(true);
		expect(sameEvents(['A'], ['A', 'B'])).toBe(false);
		expect(sameEvents(null, [])).toBe(true);
	});
});

describe('judgeExisting', () => {
	const url = 'https://n8n.example.com/webhook/abc/webhook';
	const hook = (fields: Partial<WebHookUrl>): WebHookUrl => ({
		id: 500,
		url,
		subscribedEvents: ['DataSubjectCreation'],
		signatureKey: 'k1',
		inError: false,
		...fields,
	});
	const known = { webhookId: 500, signatureKey: 'k1' };

	it('re-uses only the known webhook, unblocked, with the same events and key', () => {
		const mine = hook({});
		expect(judgeExisting([hook({ id: 1, url: 'https://other' }), mine], url, ['DataSubjectCreation'], known)).toEqual({
			reuse: true,
			webhook: mine,
		});
	});

	it.each([
		['other events', [hook({ subscribedEvents: ['DataSubjectUpdate'] })], known, false],
		['a blocked webhook', [hook({ inError: true })], known, true],
		['no key known', [hook({})], { webhookId: 500 }, false],
		['another key listed', [hook({ signatureKey: 'k2' })], known, false],
		['an unknown webhook at this URL', [hook({ id: 501 })], known, false],
	])('drops %s', (_what, list, k, blocked) => {
		expect(judgeExisting(list, url, ['DataSubjectCreation'], k)).toEqual({ reuse: false, stale: list, blocked });
	});

	it('re-uses the known webhook when Dastra spells its URL differently (case of the host, default port)', () => {
		const mine = hook({ url: 'HTTPS://N8N.Example.com:443/webhook/abc/webhook' });
		expect(judgeExisting([mine], url, ['DataSubjectCreation'], known)).toEqual({ reuse: true, webhook: mine });
	});

	it('drops the known webhook when it sits at another URL (n8n moved), not the others there', () => {
		const mine = hook({ url: 'https://old.example.com/webhook/abc/webhook' });
		const theirs = hook({ id: 9, url: 'https://old.example.com/webhook/abc/webhook' });
		expect(judgeExisting([mine, theirs], url, ['DataSubjectCreation'], known)).toEqual({
			reuse: false,
			stale: [mine],
			blocked: false,
		});
	});

	it('leaves webhooks at other URLs alone', () => {
		expect(judgeExisting([hook({ id: 9, url: 'https://other' })], url, ['DataSubjectCreation'], known)).toEqual({
			reuse: false,
			stale: [],
			blocked: false,
		});
	});
});

describe('readRegistration', () => {
	it.each([
		[{ webhookId: 500, signatureKey: 'k' }, { webhookId: 500, signatureKey: 'k' }],
		[{ webhookId: '500', signatureKey: 'k' }, { webhookId: 500, signatureKey: 'k' }],
		[{ webhookId: 'abc', signatureKey: '' }, {}],
		[{ webhookId: 0, signatureKey: 42 }, {}],
		[{ webhookId: null, webhookUrl: 'https://old' }, {}],
		[{}, {}],
	])('%j -> %j', (data, expected) => {
		expect(readRegistration(data as never)).toEqual(expected);
	});
});
