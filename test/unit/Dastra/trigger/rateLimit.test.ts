/**
 * A 429 inside a poll: the trigger never sleeps past n8n's poll budget; a wait longer than what
 * is left fails the poll at once, declaring `failure: {cause: 'rate-limited', retryAfterMs}` where
 * n8n-workflow knows it (2.4x: mimicked here on the pinned 2.8, whose NodeApiError ignores the
 * option), a plain NodeApiError elsewhere. Nothing is lost: the next poll goes on.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeDastra } from '../../../fake-dastra/server';
import { pollHarness } from '../../../harness/poll';

let mockFailureSupported = true;
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	class NodeApiError extends actual.NodeApiError {
		failure?: unknown;
		constructor(node: unknown, response: unknown, options: { failure?: unknown } = {}) {
			super(node, response, options);
			if (mockFailureSupported && options.failure) this.failure = options.failure;
		}
	}
	return { ...actual, NodeApiError };
});

const fake = new FakeDastra();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
	fake.reset();
	fake.clear();
	mockFailureSupported = true;
});

const listing = (c: { path: string }) => c.path.endsWith('/DataSubjectRequests');
const trigger = (budgetMs?: number) =>
	pollHarness(
		{ events: ['requestCreated'], simplify: false },
		{ dastraApi: fake.credentials() as never },
		{ budgetMs, commitEmpty: false },
	);

async function failedPoll(t: ReturnType<typeof trigger>): Promise<{ error: IDataObject; ms: number }> {
	const started = Date.now();
	const error = (await t.poll().then(
		() => undefined,
		(e: unknown) => e,
	)) as IDataObject | undefined;
	if (!error) throw new Error('the poll did not fail');
	return { error, ms: Date.now() - started };
}

describe('Dastra Trigger: Retry-After inside a poll', () => {
	it('a 429 with Retry-After: 120 declares rate-limited at once, and the next poll reports the change once', async () => {
		const t = trigger(36_000);
		await t.poll({ activation: true });
		const created = fake.seed({ title: 'New' });
		fake.faults.push({
			status: 429,
			headers: { 'retry-after': '120' },
			match: listing,
		});
		const { error, ms } = await failedPoll(t);
		expect(ms).toBeLessThan(5000);
		expect(error.failure).toEqual({
			cause: 'rate-limited',
			retryAfterMs: 120_000,
		});
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/asks to wait 120 s, longer than this poll may still take \([23]\d(\.\d)? s\)/);
		expect((await t.poll())?.map((i) => i.id)).toEqual([created.id]);
		expect(await t.poll()).toBeNull();
	});

	it('never sleeps past the budget: Retry-After 10 s with a 5 s budget fails the poll at once', async () => {
		const t = trigger(5000);
		await t.poll({ activation: true });
		fake.faults.push({
			status: 429,
			headers: { 'retry-after': '10' },
			match: listing,
		});
		const { error, ms } = await failedPoll(t);
		expect(ms).toBeLessThan(3000);
		expect(error.failure).toEqual({
			cause: 'rate-limited',
			retryAfterMs: 10_000,
		});
	});

	it('a wait that fits in the budget is waited, as before', async () => {
		const t = trigger(36_000);
		await t.poll({ activation: true });
		const created = fake.seed({ title: 'New' });
		fake.faults.push({
			status: 429,
			headers: { 'retry-after': '1' },
			match: listing,
		});
		expect((await t.poll())?.map((i) => i.id)).toEqual([created.id]);
	});

	it('where n8n-workflow has no `failure` (before 2.4x), the same error without it', async () => {
		mockFailureSupported = false;
		const t = trigger(36_000);
		await t.poll({ activation: true });
		fake.faults.push({
			status: 429,
			headers: { 'retry-after': '120' },
			match: listing,
		});
		const { error } = await failedPoll(t);
		expect(error.failure).toBeUndefined();
		expect(error.message).toMatch(/asks to wait 120 s/);
	});
});
