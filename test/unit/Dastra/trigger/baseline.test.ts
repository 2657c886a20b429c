/**
 * A first reading spread over polls (trigger/baseline.ts) as n8n runs the trigger: the pending
 * baseline saved in static data is taken up again only if it holds together; one that does not is
 * dropped with a warning and the trigger starts again from now.
 */
import { useFakeDastra } from '../../../harness/dastra';
import { triggerHarness } from '../../../harness/n8n';

const START = Date.parse('2026-05-04T08:00:00Z');
let clock = START;
const { fake } = useFakeDastra({ now: () => clock });
beforeEach(() => (clock = START));

const KEY = 'node:Dastra Trigger';

/** The trigger with `pending` saved as a baseline under way, and the warnings it logs. */
function resumed(pending: unknown) {
	const warnings: string[] = [];
	const t = triggerHarness(
		{ events: ['requestCreated', 'stateChanged'], simplify: false },
		{ dastraApi: fake.credentials() as never },
		{ [KEY]: { dastra: { pending } } },
		(m: string) => warnings.push(m),
	);
	return { t, warnings, saved: () => (t.staticData[KEY] as { dastra: Record<string, unknown> }).dastra };
}

/** A pending baseline as a poll cut short saves it: the first of two pages of open requests read. */
async function realPending() {
	const probe = triggerHarness({ events: ['requestCreated', 'stateChanged'], simplify: false }, { dastraApi: fake.credentials() as never });
	await probe.poll();
	const known = (probe.staticData[KEY] as { dastra: { known: Record<string, string> } }).dastra.known;
	fake.log = [];
	return { start: clock - 60_000, walk: { page: 1, read: 1, total: 2, steady: true, fresh: true, newest: null }, known };
}

it('a pending baseline that holds together is taken up: the walk goes on and the finished state starts at its start', async () => {
	const request = fake.seed({ title: 'Open one' }, clock - 86_400_000);
	const pending = await realPending();
	expect(Object.keys(pending.known)).toEqual([String(request.id)]);
	const { t, warnings, saved } = resumed(pending);
	expect(await t.poll()).toBeNull();
	expect(warnings).toEqual([]);
	// The walk goes on at page 2, where the cut poll stopped.
	expect(fake.log.map((c) => [c.method, c.path, c.query.page])).toEqual([['GET', '/v1/ws/7/DataSubjectRequests', '2']]);
	expect(saved()).toMatchObject({ v: 2, cursor: new Date(pending.start).toISOString(), known: pending.known });
	expect(saved().pending).toBeUndefined();
});

it.each([
	['a start that is not a number', (p: Record<string, unknown>) => ({ ...p, start: '2026-05-04' })],
	['a walk without its steady flag', (p: Record<string, unknown>) => ({ ...p, walk: { ...(p.walk as object), steady: undefined } })],
	['a negative page count', (p: Record<string, unknown>) => ({ ...p, walk: { ...(p.walk as object), page: -1 } })],
	['known that is not an object', (p: Record<string, unknown>) => ({ ...p, known: 'garbage' })],
	['a known entry that does not decode', (p: Record<string, unknown>) => ({ ...p, known: { abc: 'x' } })],
])('a pending baseline with %s is dropped with a warning; the trigger reads the requests afresh from now', async (_what, breakIt) => {
	const request = fake.seed({ title: 'Open one' }, clock - 86_400_000);
	const { t, warnings, saved } = resumed(breakIt(await realPending()));
	expect(await t.poll()).toBeNull();
	expect(warnings).toEqual([
		'Dastra Trigger: the saved state was invalid (unknown version undefined); it was dropped and the trigger starts again from now, emitting nothing for this poll',
	]);
	expect(saved().pending).toBeUndefined();
	expect(saved()).toMatchObject({ v: 2, known: { [request.id]: expect.any(String) } });
	// Started afresh: a request created now is news at the next poll, once.
	clock += 1000;
	const created = fake.seed({ title: 'New' });
	clock += 1000;
	expect((await t.poll())?.map((i) => [i.event, i.id])).toEqual([['requestCreated', created.id]]);
});
