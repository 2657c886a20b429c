import {
	MAX_TRACKED,
	baseline,
	capKnown,
	changedAt,
	decodeState,
	encodeState,
	deadlineCandidates,
	diff,
	newChanges,
	toSnapshot,
	type PollState,
	type Snapshot,
	type TriggerConfig,
} from '../../../../nodes/Dastra/trigger/poller';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', ''); // Dastra's offset-less form

function snap(id: number, fields: Partial<Snapshot> & { created?: number; updated?: number; expiry?: number } = {}): Snapshot {
	const { created = T0 - DAY, updated, expiry, ...rest } = fields;
	return {
		id,
		state: 'Open',
		stepId: 101,
		dateCreation: iso(created),
		dateUpdate: updated === undefined ? null : iso(updated),
		expiryTime: iso(expiry ?? created + 30 * DAY),
		fingerprint: `f${id}-${updated ?? created}-${fields.state ?? 'Open'}-${fields.stepId ?? 101}`,
		...rest,
	};
}

const ALL: TriggerConfig = {
	events: ['requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed', 'deadlineApproaching', 'requestOverdue'],
	daysBeforeDeadline: 3,
};
const only = (...events: TriggerConfig['events']): TriggerConfig => ({ ...ALL, events });

function step(state: PollState, listed: Snapshot[], now: number, config = ALL, recheckFound?: Snapshot[]) {
	const changes = newChanges(state, listed);
	const ids = deadlineCandidates(state, changes, now, config);
	const found = recheckFound ?? [];
	const newest = Math.max(...listed.map(changedAt).filter((t) => !Number.isNaN(t)));
	const reading = { consistent: true, newest: listed.length ? newest : NaN };
	return { ...diff(state, changes, { ids, found: found.filter((s) => ids.includes(s.id)) }, now, config, reading), ids };
}

describe('changedAt', () => {
	it("is the update, or the creation if never updated, in Dastra's offset-less UTC (helpers/dates.ts)", () => {
		expect(changedAt({ dateCreation: '2023-01-01T00:00:00', dateUpdate: null })).toBe(Date.parse('2023-01-01T00:00:00Z'));
		expect(changedAt({ dateCreation: '2023-01-01T00:00:00', dateUpdate: '2023-02-01T00:00:00' })).toBe(Date.parse('2023-02-01T00:00:00Z'));
	});
});

describe('toSnapshot', () => {
	it('reads the fields and ignores remainingDays in the fingerprint', () => {
		const dsr = { id: 5, state: 'Processing', workFlowStepId: 103, dateCreation: '2026-01-01T00:00:00', dateUpdate: null, expiryTime: '2026-02-01T00:00:00', purposes: ['Erasure'], areaId: 12, widgetId: 401, tags: [{ id: 201, label: 'VIP' }], remainingDays: 3 };
		const s = toSnapshot(dsr);
		expect(s).toEqual({
			id: 5,
			state: 'Processing',
			stepId: 103,
			dateCreation: '2026-01-01T00:00:00',
			dateUpdate: null,
			expiryTime: '2026-02-01T00:00:00',
			fingerprint: s.fingerprint,
		});
		expect(toSnapshot({ ...dsr, remainingDays: 2 }).fingerprint).toBe(s.fingerprint);
		expect(toSnapshot({ ...dsr, title: 'changed' }).fingerprint).not.toBe(s.fingerprint);
	});
});

describe('baseline (first activation)', () => {
	it('remembers open requests, starts at the newest change listed (Dastra\'s dates, not its clock), emits nothing', () => {
		const one = snap(1, { created: T0 - 2 * DAY });
		const two = snap(2, { state: 'Processing', stepId: 103 });
		const state = baseline([one, two], [], T0 + 450, ALL);
		expect(state.cursor).toBe(new Date(T0 - DAY).toISOString());
		expect(state.known).toEqual({ 1: ['Open', 101, (T0 + 28 * DAY) / 1000, 0], 2: ['Processing', 103, (T0 + 29 * DAY) / 1000, 0] });
		expect(state.atCursor).toEqual({ 2: `${two.fingerprint}@${T0 - DAY}` });
	});

	it('a request changed in the activation second and seen by the baseline is not news', () => {
		const s = snap(3, { created: T0 + 100 });
		const state = baseline([s], [s], T0 + 900, ALL);
		expect(state.atCursor).toEqual({ 3: `${s.fingerprint}@${T0 + 100}` });
		expect(step(state, [s], T0 + 2000).emit).toEqual([]);
		// Still not news once the cursor moves on.
		const other = snap(4, { created: T0 + 1500 });
		const next = step(state, [other, s], T0 + 3000);
		expect(next.emit).toEqual([{ event: 'requestCreated', id: 4 }]);
		expect(step(next.next, [other, s], T0 + 4000).emit).toEqual([]);
	});

	it('a closed request changed in the activation second is not news either', () => {
		const closed = snap(7, { created: T0 + 200, state: 'Closed', stepId: 105 });
		const state = baseline([], [closed], T0 + 500, ALL);
		expect(step(state, [closed], T0 + 2000).emit).toEqual([]);
	});

	it('deadlines already near or past at activation do not fire later', () => {
		const overdue = snap(5, { expiry: T0 - DAY });
		const near = snap(6, { expiry: T0 + DAY });
		const state = baseline([overdue, near], [], T0, ALL);
		const later = step(state, [], T0 + 2 * DAY, ALL, [overdue, near]);
		// 6 becomes overdue after activation: that is news; 5 was overdue already.
		expect(later.emit).toEqual([{ event: 'requestOverdue', id: 6 }]);
	});
});

describe('diff: change events', () => {
	// The newest change at activation is at T0 (a request closed then).
	const start = () => baseline([snap(1), snap(2, { state: 'Processing', stepId: 103 })], [snap(99, { created: T0, state: 'Closed', stepId: 105 })], T0, ALL);

	it('requestCreated for a request created after the cursor, once', () => {
		const s = snap(3, { created: T0 + 5000 });
		const first = step(start(), [s], T0 + 6000);
		expect(first.emit).toEqual([{ event: 'requestCreated', id: 3 }]);
		expect(first.next.cursor).toBe(new Date(T0 + 5000).toISOString());
		expect(step(first.next, [s], T0 + 7000).emit).toEqual([]);
	});

	it('a request first seen now but created before the previous poll (archived then) is an update', () => {
		const polled = step(start(), [snap(1, { updated: T0 + 10_000 })], T0 + 10_000).next;
		const restored = snap(3, { created: T0 + 5000, updated: T0 + 20_000 });
		expect(step(polled, [restored], T0 + 30_000, only('requestCreated', 'requestUpdated')).emit).toEqual([
			{ event: 'requestUpdated', id: 3 },
		]);
	});

	it('a request created and updated between two polls is one requestCreated', () => {
		const s = snap(3, { created: T0 + 5000, updated: T0 + 6000, state: 'Processing', stepId: 103 });
		expect(step(start(), [s], T0 + 7000).emit).toEqual([{ event: 'requestCreated', id: 3 }]);
	});

	it('requestUpdated, stateChanged, stepChanged with the previous values', () => {
		const s = snap(1, { updated: T0 + 1000, state: 'Processing', stepId: 103 });
		expect(step(start(), [s], T0 + 2000).emit).toEqual([
			{ event: 'requestUpdated', id: 1 },
			{ event: 'stateChanged', id: 1, previousState: 'Open' },
			{ event: 'stepChanged', id: 1, previousStepId: 101 },
		]);
	});

	it('requestClosed when the state becomes Closed', () => {
		const s = snap(2, { updated: T0 + 1000, state: 'Closed', stepId: 105 });
		expect(step(start(), [s], T0 + 2000, only('requestClosed', 'stateChanged')).emit).toEqual([
			{ event: 'stateChanged', id: 2, previousState: 'Processing' },
			{ event: 'requestClosed', id: 2, previousState: 'Processing' },
		]);
	});

	it('a step change within the same state is a stepChanged only', () => {
		const s = snap(1, { updated: T0 + 1000, stepId: 102 });
		expect(step(start(), [s], T0 + 2000, only('stateChanged', 'stepChanged')).emit).toEqual([
			{ event: 'stepChanged', id: 1, previousStepId: 101 },
		]);
	});

	it('an update to a request never seen (closed when activated) is requestUpdated without transitions', () => {
		const s = snap(9, { created: T0 - 90 * DAY, updated: T0 + 1000, state: 'Processing', stepId: 103 });
		const changeEvents = only('requestCreated', 'requestUpdated', 'stateChanged', 'stepChanged', 'requestClosed');
		expect(step(start(), [s], T0 + 2000, changeEvents).emit).toEqual([{ event: 'requestUpdated', id: 9 }]);
		// Its deadline passed long ago, but it is open again now: the deadline watch learns of it.
		expect(step(start(), [s], T0 + 2000).emit).toEqual([
			{ event: 'requestUpdated', id: 9 },
			{ event: 'deadlineApproaching', id: 9 },
			{ event: 'requestOverdue', id: 9 },
		]);
	});

	it('transitions are against the last state seen, across polls', () => {
		const a = step(start(), [snap(1, { updated: T0 + 1000, state: 'Processing', stepId: 103 })], T0 + 2000);
		const b = step(a.next, [snap(1, { updated: T0 + 3000, state: 'Closed', stepId: 105 })], T0 + 4000);
		expect(b.emit).toContainEqual({ event: 'stateChanged', id: 1, previousState: 'Processing' });
		expect(b.emit).toContainEqual({ event: 'stepChanged', id: 1, previousStepId: 103 });
	});

	it('several requests updated in the same second across two polls are each emitted once', () => {
		const at = T0 + 5000;
		const a = snap(1, { updated: at, stepId: 102 });
		const b = snap(2, { updated: at, stepId: 104 });
		const first = step(start(), [a], at + 10, only('requestUpdated'));
		expect(first.emit).toEqual([{ event: 'requestUpdated', id: 1 }]);
		// Poll 2 lists both again (rule is >= cursor): only b is new.
		const second = step(first.next, [a, b], at + 900, only('requestUpdated'));
		expect(second.emit).toEqual([{ event: 'requestUpdated', id: 2 }]);
		expect(step(second.next, [a, b], at + 1900, only('requestUpdated')).emit).toEqual([]);
	});

	it('the same request changed twice in one instant is emitted for each content', () => {
		const at = T0 + 5000;
		const first = step(start(), [snap(1, { updated: at })], at, only('requestUpdated'));
		const again = { ...snap(1, { updated: at }), fingerprint: 'other content' };
		expect(step(first.next, [again], at, only('requestUpdated')).emit).toEqual([{ event: 'requestUpdated', id: 1 }]);
	});

	it('ignores listed requests older than the cursor (a Dastra that ignores the rule)', () => {
		expect(step(start(), [snap(1), snap(2, { updated: T0 - 5000 })], T0 + 1000).emit).toEqual([]);
	});

	it('filters decide on the request as it stands now', () => {
		const seen: Array<[number, string]> = [];
		const accepts = (s: Snapshot) => (seen.push([s.id, s.state]), s.state === 'Closed');
		const config = { ...only('requestUpdated', 'stateChanged'), accepts };
		const toProcessing = step(start(), [snap(1, { updated: T0 + 1000, state: 'Processing' })], T0 + 2000, config);
		expect(toProcessing.emit).toEqual([]);
		const toClosed = step(toProcessing.next, [snap(1, { updated: T0 + 3000, state: 'Closed' })], T0 + 4000, config);
		expect(toClosed.emit).toEqual([
			{ event: 'requestUpdated', id: 1 },
			{ event: 'stateChanged', id: 1, previousState: 'Processing' },
		]);
		// Asked about the snapshot of this poll, never the state remembered from the last one.
		expect([...new Set(seen.map(([id, state]) => `${id}:${state}`))]).toEqual(['1:Processing', '1:Closed']);
	});
});

describe('diff: deadline events', () => {
	const expiry = T0 + 10 * DAY;
	const start = () => baseline([snap(1, { expiry }), snap(2, { expiry: T0 + 40 * DAY })], [], T0, ALL);

	it('deadlineApproaching once, when Dastra\'s clock is within the days, after re-reading the request', () => {
		const state = start();
		const early = step(state, [], expiry - 4 * DAY);
		expect(early.ids).toEqual([]);
		expect(early.emit).toEqual([]);
		const now = expiry - 3 * DAY;
		const due = step(early.next, [], now, ALL, [snap(1, { expiry })]);
		expect(due.ids).toEqual([1]);
		expect(due.emit).toEqual([{ event: 'deadlineApproaching', id: 1 }]);
		const later = step(due.next, [], now + 3600_000);
		expect(later.ids).toEqual([]);
		expect(later.emit).toEqual([]);
	});

	it('requestOverdue once when the deadline passes', () => {
		const warned = step(start(), [], expiry - DAY, ALL, [snap(1, { expiry })]);
		const overdue = step(warned.next, [], expiry + 1000, ALL, [snap(1, { expiry })]);
		expect(overdue.emit).toEqual([{ event: 'requestOverdue', id: 1 }]);
		expect(step(overdue.next, [], expiry + 2 * DAY, ALL, [snap(1, { expiry })]).emit).toEqual([]);
	});

	it('both at once when the first poll after the window is already past the deadline', () => {
		expect(step(start(), [], expiry + 1000, ALL, [snap(1, { expiry })]).emit).toEqual([
			{ event: 'deadlineApproaching', id: 1 },
			{ event: 'requestOverdue', id: 1 },
		]);
	});

	it('a new, extended deadline may warn again; overdue stays once per request', () => {
		const warned = step(start(), [], expiry - DAY, ALL, [snap(1, { expiry })]);
		const extended = T0 + 70 * DAY;
		const changed = step(warned.next, [snap(1, { updated: expiry - DAY + 1000, expiry: extended, complex: true } as never)], expiry - DAY + 2000);
		expect(changed.emit).toEqual([{ event: 'requestUpdated', id: 1 }]);
		expect(step(changed.next, [], extended - DAY, ALL, [snap(1, { expiry: extended })]).emit).toEqual([{ event: 'deadlineApproaching', id: 1 }]);
	});

	it('no deadline event for a closed request', () => {
		const closed = step(start(), [snap(1, { updated: T0 + 1000, state: 'Closed', stepId: 105, expiry })], T0 + 2000);
		expect(step(closed.next, [], expiry + DAY).ids).toEqual([]);
	});

	it('a due request that the re-read does not return (archived, deleted) is forgotten, not warned about', () => {
		const due = step(start(), [], expiry - DAY, ALL, []);
		expect(due.ids).toEqual([1]);
		expect(due.emit).toEqual([]);
		expect(due.next.known[1]).toBeUndefined();
	});

	it('a due request closed since the last listing is not warned about', () => {
		const due = step(start(), [], expiry - DAY, ALL, [snap(1, { expiry, state: 'Closed', updated: T0 + 5 })]);
		expect(due.emit).toEqual([]);
	});

	it('a changed request decides its deadline on the fresh copy, without a re-read', () => {
		const now = expiry - DAY;
		const r = step(start(), [snap(1, { updated: now - 1000, stepId: 102, expiry })], now, only('deadlineApproaching'));
		expect(r.ids).toEqual([]);
		expect(r.emit).toEqual([{ event: 'deadlineApproaching', id: 1 }]);
	});

	it('without deadline events selected there is nothing to re-read', () => {
		expect(step(start(), [], expiry + DAY, only('requestCreated')).ids).toEqual([]);
	});
});

describe('capKnown', () => {
	it(`keeps at most ${MAX_TRACKED}: closed forgotten first (lowest ID), then open with the furthest deadline`, () => {
		const state: PollState = {
			v: 2,
			cursor: new Date(T0).toISOString(),
			atCursor: {},
			known: {
				1: ['Closed', 105, 0, 0],
				2: ['Closed', 105, 0, 0],
				3: ['Open', 101, 1000, 0],
				4: ['Open', 101, 9000, 0],
				5: ['Open', 101, 5000, 0],
			},
		};
		expect(Object.keys(capKnown(state, 4).known)).toEqual(['2', '3', '4', '5']);
		expect(Object.keys(capKnown(state, 2).known).sort()).toEqual(['3', '5']);
	});

	it('the state stays JSON: it survives a round trip unchanged', () => {
		const { next } = step(baseline([snap(1)], [], T0, ALL), [snap(2, { created: T0 + 5 })], T0 + 10);
		expect(JSON.parse(JSON.stringify(next))).toEqual(next);
	});
});

describe('static data size', () => {
	it(`stays under 256 KiB at the cap (${MAX_TRACKED} requests tracked, 5,000 open), and reads back the same`, () => {
		const open = Array.from({ length: 5000 }, (_, k) => snap(100_000 + k, { state: 'Processing', stepId: 103, created: T0 - k * 60_000 }));
		const closed = Array.from({ length: 20_000 }, (_, k) => snap(10_000 + k, { state: 'Closed', stepId: 105, created: T0 - DAY - k * 1000 }));
		let state = baseline(open, [], T0, ALL);
		// Closed requests seen changing since: the cap keeps the open ones and fills up with closed ones.
		state = step(state, closed.map((c, k) => ({ ...c, dateUpdate: iso(T0 + 1000 + k * 10) })), T0 + 300_000).next;
		expect(Object.keys(state.known)).toHaveLength(MAX_TRACKED);
		const saved = JSON.stringify(encodeState(state));
		expect(Buffer.byteLength(saved)).toBeLessThan(256 * 1024);
		expect(decodeState(JSON.parse(saved)).state).toEqual({ ...state, known: expect.any(Object) });
	});

	it('invalid saved state is reported, not thrown', () => {
		expect(decodeState({ v: 2, cursor: 42, atCursor: {}, known: {} }).problem).toMatch(/cursor/);
		expect(decodeState({ v: 2, cursor: '2026-01-01T00:00:00.000Z', atCursor: {}, known: { 1: 'garbage' } }).problem).toMatch(/known entry 1/);
		expect(decodeState(undefined)).toEqual({});
	});
});
