/**
 * Issue 18: each try has a hard deadline (an abort at the timeout or at what is left of the call's
 * bound), not only a socket-idle timeout: a server that trickles a byte at a time cannot hold a
 * call past it. The fake trickles a byte every 50 ms, well inside any idle timeout.
 */
import { CALL_BUDGET_MS, MAX_ATTEMPTS } from '../../../../nodes/Dastra/transport';
import { newBudget } from '../../../../nodes/Dastra/transport/retry';
import { byId, dsr, useFakeDastra } from '../../../harness/dastra';

const { fake, run } = useFakeDastra();
const fast = { requestOptions: { timeout: 300 } };

describe('a server that trickles its answer', () => {
	it('a read: every try is cut at the timeout, then the error names it', async () => {
		const seeded = fake.seed();
		fake.faults.push({ trickle: 50, times: 99 });
		const started = Date.now();
		const r = await run(dsr('get', { requestId: byId(seeded.id as number), ...fast }));
		// Generous: 5 tries of 0.3 s and their backoff; the idle timeout alone never ends this.
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(r.calls).toHaveLength(MAX_ATTEMPTS);
		expect(r.error?.message).toBe(`Dastra did not answer within the timeout of 0.3 s (${MAX_ATTEMPTS} tries)`);
	});

	it('a create: cut at the timeout, not sent again, and says it may exist', async () => {
		fake.faults.push({ trickle: 50, times: 99 });
		const r = await run(dsr('create', { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en', ...fast }));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe('Dastra did not answer within the timeout of 0.3 s');
		expect(r.error?.description).toContain('may already exist');
	});

	it('the bound of one call is 3 minutes, or the timeout when larger', () => {
		expect(CALL_BUDGET_MS).toBe(180_000);
		expect(newBudget(60_000, 0)).toMatchObject({ deadline: 180_000, totalMs: 180_000 });
		expect(newBudget(600_000, 0)).toMatchObject({ deadline: 600_000, totalMs: 600_000 });
	});
});
