/** trigger/taskPoller.ts: the task events' decisions, pure. */
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	capTasks,
	decodeTaskState,
	encodeTaskState,
	taskBaseline,
	taskDiff,
	type TaskPollState,
	type TaskSnapshot,
} from '../../../../nodes/Dastra/trigger/taskPoller';

const T0 = Date.parse('2026-05-04T08:00:00Z');
const at = (ms: number) => new Date(ms).toISOString().replace('Z', '');
const task = (id: number, state = 'Open', created = T0, deadline: number | null = null): TaskSnapshot => ({
	id,
	state,
	dateCreation: at(created),
	deadline: deadline === null ? null : at(deadline),
});
const ALL = ['taskCreated', 'taskCompleted', 'taskOverdue'];

describe('trigger/taskPoller.ts', () => {
	it('imports only helpers/dates.ts and types.ts: no n8n, no clock, no I/O', () => {
		const text = readFileSync(join(__dirname, '../../../../nodes/Dastra/trigger/taskPoller.ts'), 'utf8');
		expect([...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1])).toEqual(['../helpers/dates', '../types']);
		expect(text).not.toMatch(/Date\.now\(|new Date\(\)|process\.|require\(/);
	});

	it('baseline: every task where it stands, overdue ones already told', () => {
		const s = taskBaseline([task(1), task(2, 'Closed', T0 - 5000), task(3, 'Open', T0 - 9000, T0 - 1)], T0);
		expect(s).toEqual({ v: 1, since: T0, known: { 1: { state: 'Open', overdue: false }, 2: { state: 'Closed', overdue: false }, 3: { state: 'Open', overdue: true } } });
	});

	it('an unknown task older than the newest creation seen is remembered silently; a newer one is created', () => {
		const s = taskBaseline([task(1)], T0);
		const { emit, next } = taskDiff(s, [task(1), task(7, 'Open', T0 - 1000), task(8, 'Open', T0)], T0 + 5000, ALL, true);
		expect(emit).toEqual([{ event: 'taskCreated', id: 8 }]);
		expect(Object.keys(next.known)).toEqual(['1', '7', '8']);
	});

	it('an inconsistent listing does not move `since`, so a task it skipped is still new when it shows', () => {
		const s = taskBaseline([task(1)], T0);
		const first = taskDiff(s, [task(1), task(9, 'Open', T0 + 2000)], T0 + 3000, ALL, false);
		expect(first.next.since).toBe(T0);
		const second = taskDiff(first.next, [task(1), task(8, 'Open', T0 + 1000), task(9, 'Open', T0 + 2000)], T0 + 4000, ALL, true);
		expect(second.emit).toEqual([{ event: 'taskCreated', id: 8 }]);
		expect(second.next.since).toBe(T0 + 2000);
	});

	it('pages that overlap: the later copy of a task is the one judged, once', () => {
		const s = taskBaseline([task(1)], T0);
		const { emit } = taskDiff(s, [task(1), task(1, 'Closed')], T0, ALL, true);
		expect(emit).toEqual([{ event: 'taskCompleted', id: 1 }]);
	});

	it('the state survives its JSON form', () => {
		const s: TaskPollState = { v: 1, since: T0, known: { 1: { state: 'Open', overdue: true }, 2: { state: 'Closed', overdue: false }, 3: { state: 'Weird', overdue: false } } };
		const stored = JSON.parse(JSON.stringify(encodeTaskState(s)));
		expect(stored).toEqual({ v: 1, since: T0, known: { 1: 'O!', 2: 'C', 3: '~Weird~' } });
		expect(decodeTaskState(stored)).toEqual({ state: s });
	});

	it.each([
		[[], 'it is not an object'],
		[{ v: 2, since: null, known: {} }, 'unknown version 2'],
		[{ v: 1, since: 'yesterday', known: {} }, 'since is not a date'],
		[{ v: 1, since: null, known: { 1: 'X' } }, 'known entry 1 is invalid'],
		[{ v: 1, since: null, known: { abc: 'O' } }, 'known entry abc is invalid'],
	])('refuses a saved state %j', (raw, problem) => {
		expect(decodeTaskState(raw)).toEqual({ problem });
	});

	it('stays within its cap: closed tasks are forgotten first, lowest ID first', () => {
		const known: TaskPollState['known'] = {};
		for (let id = 1; id <= 6; id++) known[id] = { state: id % 2 ? 'Closed' : 'Open', overdue: false };
		expect(Object.keys(capTasks({ v: 1, since: null, known }, 4).known)).toEqual(['2', '4', '5', '6']);
	});
});
