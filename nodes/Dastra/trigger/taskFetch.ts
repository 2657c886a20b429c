/**
 * The task half of the Dastra Trigger: what it asks Dastra (the whole task list, through the
 * transport's pager) and the poll step the node runs when a task event is chosen. Decisions are
 * taskPoller.ts's. Nothing here writes static data: `pollTasks` returns the items and the state
 * to save, and the node saves it only once every read of the poll has succeeded.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { withRequestId } from '../helpers/tasks';
import { dastraListing, dastraRequestAllItems } from '../transport/pager';
import {
	decodeTaskState,
	isTaskEvent,
	encodeTaskState,
	taskBaseline,
	taskDiff,
	toTaskSnapshot,
	type StoredTaskState,
	type TaskTriggerEvent,
} from './taskPoller';
import { dropState, loadState, saveState, type StateKey } from './state';

const PATH = '/Tasks';

/** Where the task state lives in the node's static data, apart from the requests'. */
export const TASK_STATE_KEY: StateKey = 'dastraTasks';

export interface TaskPoll {
	items: INodeExecutionData[];
	/** The state to save once the whole poll has succeeded; undefined: leave it as it is. */
	next?: StoredTaskState;
	problem?: string;
}

const item = (task: IDataObject, event: TaskTriggerEvent): INodeExecutionData => ({ json: { ...withRequestId(task), event } });

/**
 * Every task not archived, by ID, and whether the walk is one snapshot: a single page, or pages
 * that all reported the same total and held exactly that many distinct tasks.
 */
async function listTasks(this: IPollFunctions) {
	const listing = await dastraListing.call(this, PATH, { sortBy: 'id', asc: true });
	const steady =
		listing.totals.length <= 1 ||
		(listing.totals.every((t) => t === listing.totals[0]) && new Set(listing.items.map((i) => i.id)).size === listing.totals[0]);
	// Without a Date header there is no Dastra clock to read; n8n's is the only one left (deadlines only).
	const now = Number.isNaN(listing.serverTime) ? Date.now() : listing.serverTime;
	return { items: listing.items, pages: listing.totals.length, steady, now };
}

/** One poll of the task events: baseline on the first, else the events since the last. */
export async function pollTasks(this: IPollFunctions, saved: unknown, events: readonly string[]): Promise<TaskPoll> {
	const { state, problem } = decodeTaskState(saved);
	const listed = await listTasks.call(this);
	if (!state) {
		// A listing that moved while it was read is read again at the next poll.
		return listed.steady ? { items: [], next: encodeTaskState(taskBaseline(listed.items.map(toTaskSnapshot), listed.now)), problem } : { items: [], problem };
	}
	const snapshots = listed.items.map(toTaskSnapshot);
	const unseen = snapshots.some((s) => state.known[s.id] === undefined);
	const consistent = listed.pages <= 1 || (listed.steady && !unseen);
	const { emit, next } = taskDiff(state, snapshots, listed.now, events, consistent);
	// The last copy read of each task is the one the poller judged.
	const byId = new Map<number, IDataObject>();
	for (const t of listed.items) byId.set(Number(t.id), t);
	return { items: emit.map((e) => item(byId.get(e.id) as IDataObject, e.event)), next: encodeTaskState(next) };
}

/** "Fetch test event" with a task event first: the newest task as a sample; the state is untouched. */
export async function sampleTask(this: IPollFunctions, event: TaskTriggerEvent): Promise<INodeExecutionData[]> {
	const [task] = await dastraRequestAllItems.call(this, PATH, { sortBy: 'dateCreation', asc: false }, { limit: 1 });
	return task ? [{ json: { ...item(task, event).json, sample: true } }] : [];
}

type Poll = (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;

/**
 * The trigger's poll with its task events: without one chosen, exactly the request poll (not one
 * call more; a task state left from an earlier choice is dropped). With one, the task list is read first, then the requests (if any request event is
 * chosen); the task state is saved only after both succeeded, so a failed request poll re-emits
 * nothing and loses nothing: the same task events come again at the next poll.
 */
export async function pollWithTasks(this: IPollFunctions, pollRequests: Poll): Promise<INodeExecutionData[][] | null> {
	const events = this.getNodeParameter('events', []) as string[];
	const taskEvents = events.filter(isTaskEvent);
	if (taskEvents.length === 0) {
		const result = await pollRequests.call(this);
		// Task events were chosen before and no longer are (the workflow was edited while active):
		// their state goes, so choosing them again starts from then, not with a burst of old news.
		if (this.getMode() !== 'manual') dropState(this, TASK_STATE_KEY);
		return result;
	}
	const requestEvents = events.filter((e) => !isTaskEvent(e));
	if (this.getMode() === 'manual') {
		if (!isTaskEvent(events[0])) return await pollRequests.call(this);
		const sample = await sampleTask.call(this, events[0]);
		return sample.length ? [sample] : null;
	}
	// Kept by node ID as the request state is (state.ts), so a renamed trigger loses nothing.
	const loaded = loadState(this, TASK_STATE_KEY);
	const tasks = await pollTasks.call(this, loaded.raw, taskEvents);
	if (tasks.problem) {
		this.logger.warn(
			`Dastra Trigger: the saved task state was invalid (${tasks.problem}); it was dropped and task events start again from now, emitting nothing for this poll`,
			{ node: this.getNode().name },
		);
	}
	const requests = requestEvents.length ? await pollRequests.call(this) : null;
	if (tasks.next) saveState(this, loaded, tasks.next as unknown as IDataObject, TASK_STATE_KEY);
	const items = [...(requests?.[0] ?? []), ...tasks.items];
	return items.length ? [items] : null;
}
