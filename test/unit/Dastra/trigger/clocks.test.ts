/**
 * poller.ts and clocks (issue 17): the cursor never passes Dastra's clock, so a request dated in
 * the future is reported once and hides nothing; a saved cursor in the future is repaired.
 */
import {
	MAX_CLOCK_SKEW_MS,
	baseline,
	deadlineCandidates,
	diff,
	newChanges,
	newestUpTo,
	repairCursor,
	type PollState,
	type Snapshot,
	type TriggerConfig,
} from '../../../../nodes/Dastra/trigger/poller';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const FUTURE = Date.parse('2099-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', ''); // Dastra's offset-less form
const CONFIG: TriggerConfig = { events: ['requestCreated', 'requestUpdated'], daysBeforeDeadline: 3 };

function snap(id: number, created: number, updated?: number): Snapshot {
	return {
		id,
		state: 'Open',
		stepId: 101,
		dateCreation: iso(created),
		dateUpdate: updated === undefined ? null : iso(updated),
		expiryTime: null,
		fingerprint: `f${id}-${updated ?? created}`,
	};
}

/** One poll as the node runs it: the reading's newest is the listing's newest up to Dastra's clock. */
function step(state: PollState, listed: Snapshot[], now: number) {
	const changes = newChanges(state, listed);
	const ids = deadlineCandidates(state, changes, now, CONFIG);
	return diff(state, changes, { ids, found: [] }, now, CONFIG, { consistent: true, newest: newestUpTo(listed, now) });
}

describe('the cursor and a request dated in the future', () => {
	const start = () => baseline([snap(1, T0 - 1000)], [], T0, CONFIG);

	it('is reported once, the cursor stays on a date no later than the clock, and what is filed after it is reported', () => {
		const future = snap(2, FUTURE);
		const first = step(start(), [future], T0 + 1000);
		expect(first.emit).toEqual([{ event: 'requestCreated', id: 2 }]);
		expect(Date.parse(first.next.cursor)).toBeLessThanOrEqual(T0 + 1000);
		const later = snap(3, T0 + 1500);
		const second = step(first.next, [future, later], T0 + 2000);
		expect(second.emit).toEqual([{ event: 'requestCreated', id: 3 }]);
		expect(second.next.cursor).toBe(new Date(T0 + 1500).toISOString());
		expect(step(second.next, [future, later], T0 + 3000).emit).toEqual([]);
		// Edited since (dated now): an update, once.
		const edited = snap(2, FUTURE, T0 + 3500);
		expect(step(second.next, [edited, later], T0 + 4000).emit).toEqual([{ event: 'requestUpdated', id: 2 }]);
	});

	it("a change dated within the Date header's rounding still moves the cursor", () => {
		const s = snap(2, T0 + 1000 + MAX_CLOCK_SKEW_MS);
		const next = step(start(), [s], T0 + 1000);
		expect(next.emit).toEqual([{ event: 'requestCreated', id: 2 }]);
		expect(next.next.cursor).toBe(new Date(T0 + 1000 + MAX_CLOCK_SKEW_MS).toISOString());
	});

	it('at activation: the cursor starts at the newest change up to the clock, the future one is not news', () => {
		const state = baseline([snap(1, T0 - 1000), snap(2, FUTURE)], [], T0, CONFIG);
		expect(state.cursor).toBe(new Date(T0 - 1000).toISOString());
		const later = snap(3, T0 + 500);
		expect(step(state, [snap(2, FUTURE), later], T0 + 1000).emit).toEqual([{ event: 'requestCreated', id: 3 }]);
	});

	it('at activation with only future-dated changes: the clock', () => {
		expect(baseline([snap(2, FUTURE)], [], T0, CONFIG).cursor).toBe(new Date(T0).toISOString());
	});

	it('newestUpTo: the newest change not after the clock (plus the skew); NaN for none', () => {
		expect(newestUpTo([snap(1, T0 - 5), snap(2, FUTURE), snap(3, T0 - 10, T0 + 1)], T0)).toBe(T0 + 1);
		expect(newestUpTo([snap(2, FUTURE)], T0)).toBeNaN();
		expect(newestUpTo([snap(2, FUTURE)], NaN)).toBe(FUTURE);
	});
});

describe('repairCursor', () => {
	it("moves a saved cursor past Dastra's clock back to the clock, keeping what it had processed", () => {
		const state: PollState = { v: 2, cursor: new Date(FUTURE).toISOString(), atCursor: { 2: `${snap(2, FUTURE).fingerprint}@${FUTURE}` }, known: {} };
		const repaired = repairCursor(state, T0)!;
		expect(repaired).toEqual({ ...state, cursor: new Date(T0).toISOString() });
		// The future-dated request already reported stays reported; one filed now is new.
		expect(step(repaired, [snap(2, FUTURE), snap(3, T0 + 500)], T0 + 1000).emit).toEqual([{ event: 'requestCreated', id: 3 }]);
	});

	it('leaves a cursor at or before the clock (plus the skew) alone, and does nothing without a clock', () => {
		const at = (ms: number): PollState => ({ v: 2, cursor: new Date(ms).toISOString(), atCursor: {}, known: {} });
		expect(repairCursor(at(T0), T0)).toBeUndefined();
		expect(repairCursor(at(T0 + MAX_CLOCK_SKEW_MS), T0)).toBeUndefined();
		expect(repairCursor(at(T0 + MAX_CLOCK_SKEW_MS + 1), T0)).toBeDefined();
		expect(repairCursor(at(FUTURE), NaN)).toBeUndefined();
	});
});
