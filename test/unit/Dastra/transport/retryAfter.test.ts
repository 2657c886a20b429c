/**
 * Issue 18: a negative (or otherwise unreadable) Retry-After is not "retry at once": the node
 * backs off as for a 429 without one. The sleeps are recorded, not slept.
 */
const slept: number[] = [];
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => {
		slept.push(ms);
		await Promise.resolve();
	},
}));

import { byId, dsr, useFakeDastra } from '../../../harness/dastra';

const { fake, run } = useFakeDastra();

beforeEach(() => {
	slept.length = 0;
});

describe('Retry-After on a 429', () => {
	it.each(['-5', '-0.5', '1', 'soon'])('%j: backs off (at least 125 ms), never retries at once', async (header) => {
		const req = fake.seed();
		fake.faults.push({ status: 429, headers: { 'retry-after': header }, times: 2 });
		const r = await run(dsr('get', { requestId: byId(req.id as number) }));
		expect(r.error).toBeUndefined();
		expect(r.calls).toHaveLength(3);
		expect(slept).toHaveLength(2);
		if (header === '1') expect(slept).toEqual([1000, 1000]);
		else for (const ms of slept) expect(ms).toBeGreaterThanOrEqual(125);
	});
});
