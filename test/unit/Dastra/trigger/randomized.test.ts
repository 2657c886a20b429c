/**
 * Randomized: thousands of creates, updates, step changes, closes, deadline extensions, archives,
 * restores and deletes applied to the fake between polls, with many in the same second and
 * Dastra's clock skewed from this machine's. After each poll, the trigger's items must equal
 * what an oracle with full knowledge of the fake's data says: nothing missed, nothing repeated.
 *
 * The oracle states the documented semantics independently of the poller: it sees every request's
 * content directly (no timestamps, no listings, no cursor).
 */
import type { Json } from '../../../fake-dastra/data';
import { FakeDastra } from '../../../fake-dastra/server';
import { triggerHarness } from '../../../harness/n8n';

const DAY = 86_400_000;
const EVENTS = ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed', 'deadlineApproaching', 'requestOverdue'];
const DAYS_BEFORE = 5;
const OPEN_STEPS = [101, 102, 103, 104];

function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

interface Tracked {
	state: string;
	stepId: number | null;
	expiry: number;
	warned: boolean;
	overdue: boolean;
}

class Oracle {
	/** What the oracle last observed of each request: its visible content. */
	observed = new Map<number, string>();
	/** What the trigger is documented to remember: requests seen, for transitions and deadlines. */
	tracked = new Map<number, Tracked>();
	polledAt = 0;

	constructor(
		private readonly fake: FakeDastra,
		private readonly filters: { states?: string[] },
	) {}

	private visible(): Json[] {
		return [...this.fake.dsrs.values()].filter((d) => !d.archived).map((d) => this.fake.view(d));
	}

	private content(d: Json): string {
		const { remainingDays: _r, ...rest } = d;
		return JSON.stringify(rest);
	}

	private expiry(d: Json): number {
		return Date.parse(`${d.expiryTime}Z`);
	}

	private matches(d: Json) {
		return !this.filters.states || this.filters.states.includes(d.state);
	}

	activate(now: number) {
		const second = Math.floor(now / 1000) * 1000;
		for (const d of this.visible()) {
			const changed = Date.parse(`${d.dateUpdate ?? d.dateCreation}Z`);
			if (d.state !== 'Closed' || changed >= second) {
				const expiry = this.expiry(d);
				this.tracked.set(d.id, {
					state: d.state,
					stepId: d.workFlowStepId,
					expiry,
					warned: expiry - now <= DAYS_BEFORE * DAY,
					overdue: expiry < now,
				});
			}
			this.observed.set(d.id, this.content(d));
		}
		this.polledAt = second;
	}

	poll(now: number): string[] {
		const out: string[] = [];
		const emit = (d: Json, event: string, prevState?: string, prevStep?: number | null) => {
			if (this.matches(d)) out.push(key(event, d.id, prevState, prevStep));
		};
		const deadlines = (d: Json, t: Tracked) => {
			if (d.state === 'Closed') return;
			if (!t.warned && t.expiry - now <= DAYS_BEFORE * DAY) {
				emit(d, 'deadlineApproaching');
				t.warned = true;
			}
			if (!t.overdue && t.expiry < now) {
				emit(d, 'requestOverdue');
				t.overdue = true;
			}
		};
		const changedNow = new Set<number>();
		for (const d of this.visible().sort((a, b) => changeTime(a) - changeTime(b) || a.id - b.id)) {
			const content = this.content(d);
			if (this.observed.get(d.id) === content) continue;
			this.observed.set(d.id, content);
			changedNow.add(d.id);
			const prev = this.tracked.get(d.id);
			if (!prev && Date.parse(`${d.dateCreation}Z`) >= this.polledAt) emit(d, 'requestCreated');
			else {
				emit(d, 'requestUpdated');
				if (prev && prev.state !== d.state) {
					emit(d, 'stateChanged', prev.state);
					if (d.state === 'Closed') emit(d, 'requestClosed', prev.state);
				}
				if (prev && prev.stepId !== d.workFlowStepId) emit(d, 'stepChanged', undefined, prev.stepId);
			}
			const expiry = this.expiry(d);
			const t: Tracked = {
				state: d.state,
				stepId: d.workFlowStepId,
				expiry,
				warned: prev !== undefined && prev.expiry === expiry && prev.warned,
				overdue: prev?.overdue ?? false,
			};
			this.tracked.set(d.id, t);
			deadlines(d, t);
		}
		for (const [id, t] of [...this.tracked]) {
			if (changedNow.has(id) || t.state === 'Closed') continue;
			const due = (!t.warned && t.expiry - now <= DAYS_BEFORE * DAY) || (!t.overdue && t.expiry < now);
			if (!due) continue;
			const stored = this.fake.dsrs.get(id);
			if (!stored || stored.archived) {
				this.tracked.delete(id); // re-read, found gone: forgotten
				continue;
			}
			deadlines(this.fake.view(stored), t);
		}
		this.polledAt = Math.max(this.polledAt, Math.floor(now / 1000) * 1000);
		return out.sort();
	}
}

function changeTime(d: Json) {
	return Date.parse(`${d.dateUpdate ?? d.dateCreation}Z`);
}

function key(event: string, id: number, prevState?: string | null, prevStep?: number | null) {
	return `${event}#${id}#${prevState === undefined ? '-' : prevState}#${prevStep === undefined ? '-' : prevStep}`;
}

async function scenario(opts: { seed: number; ops: number; initial: number; rules: boolean; sort: boolean; filters?: { states?: string[] } }) {
	const r = rng(opts.seed);
	// Dastra's clock: whole seconds, skewed by up to ±3 years from this machine's.
	let clock = Math.floor((Date.now() + (r.next() - 0.5) * 6 * 365 * DAY) / 1000) * 1000;
	const fake = new FakeDastra({ now: () => clock });
	fake.honoursRules = opts.rules;
	fake.honoursSort = opts.sort;
	await fake.start();
	try {
		for (let k = 0; k < opts.initial; k++) {
			const d = fake.seed(
				{ purposes: [r.pick(['Access', 'Erasure'])], workFlowStepId: r.next() < 0.3 ? 105 : r.pick(OPEN_STEPS), complex: r.next() < 0.1 },
				clock - r.int(40 * DAY),
			);
			if (r.next() < 0.3) fake.touch(d.id, { description: `u${k}` }, clock - r.int(DAY));
			if (r.next() < 0.1) fake.dsrs.get(d.id)!.archived = true;
		}
		const trigger = triggerHarness(
			{ events: EVENTS, daysBeforeDeadline: DAYS_BEFORE, filters: opts.filters ?? {} },
			{ dastraApi: fake.credentials() as never },
		);
		const oracle = new Oracle(fake, opts.filters ?? {});
		expect(await trigger.poll()).toBeNull();
		oracle.activate(clock);

		let emitted = 0;
		let polls = 0;
		for (let op = 0; op < opts.ops; op++) {
			const roll = r.next();
			clock += roll < 0.4 ? 0 : roll < 0.7 ? 1000 : roll < 0.93 ? 1000 * r.int(600) : DAY * (1 + r.int(4));
			const ids = [...fake.dsrs.keys()];
			const id = ids.length ? r.pick(ids) : undefined;
			const dsr = id === undefined ? undefined : fake.dsrs.get(id)!;
			const what = r.next();
			if (!dsr || what < 0.2) {
				fake.seed({ purposes: [r.pick(['Access', 'Erasure'])], workFlowStepId: 101, description: `new ${op}` }, clock);
			} else if (what < 0.4) {
				fake.touch(dsr.id, { description: `op ${op}` }, clock);
			} else if (what < 0.6) {
				const steps = [...OPEN_STEPS, 105].filter((s) => s !== dsr.workFlowStepId);
				fake.touch(dsr.id, { workFlowStepId: r.pick(steps) }, clock);
			} else if (what < 0.7) {
				fake.touch(dsr.id, dsr.workFlowStepId === 105 ? { workFlowStepId: 103 } : { workFlowStepId: 105 }, clock);
			} else if (what < 0.78) {
				fake.touch(dsr.id, { complex: !dsr.complex }, clock);
			} else if (what < 0.9) {
				fake.touch(dsr.id, { archived: !dsr.archived, archivedDate: dsr.archived ? null : `a${op}` }, clock);
			} else if (what < 0.93) {
				fake.dsrs.delete(dsr.id);
			}
			if (r.next() < 0.3 || op === opts.ops - 1) {
				const items = (await trigger.poll()) ?? [];
				const got = items.map((i) => key(i.event as string, i.id as number, i.previousState as string | undefined, i.previousStepId as number | null | undefined)).sort();
				const want = oracle.poll(clock);
				if (JSON.stringify(got) !== JSON.stringify(want)) {
					throw new Error(`seed ${opts.seed}, op ${op}, poll ${polls}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
				}
				emitted += got.length;
				polls++;
			}
		}
		return { emitted, polls };
	} finally {
		await fake.stop();
	}
}

describe('Dastra Trigger, randomized against an oracle', () => {
	it.each([
		['Dastra honours the filters rule', { rules: true, sort: true, initial: 40, seeds: [11, 22, 33] }],
		['Dastra ignores the rule, honours the sort', { rules: false, sort: true, initial: 40, seeds: [11, 22, 33] }],
		// Every poll reads the whole workspace here: one seed keeps the run short.
		['Dastra ignores the rule and the sort, 2 pages of requests', { rules: false, sort: false, initial: 520, seeds: [44] }],
		['with a state filter', { rules: true, sort: true, initial: 40, seeds: [11, 22, 33], filters: { states: ['Processing', 'Closed'] } }],
	])('%s: every event exactly once', async (_, { seeds, ...variant }) => {
		let total = 0;
		for (const seed of seeds) {
			const { emitted, polls } = await scenario({ seed, ops: 700, ...variant });
			expect(polls).toBeGreaterThan(150);
			total += emitted;
		}
		// The runs must have had something to check.
		expect(total).toBeGreaterThan(500);
	}, 120_000);
});
