import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, dastraCredentials } from './fields/authentication';
import { simplifyOption } from './fields/common';
import { dsrFiltersCollection, matches, readDsrFilters, type DsrFilters } from './fields/dsrFilters';
import { toNodeError } from './helpers/errors';
import { simplifyDsr } from './helpers/simplify';
import { loadOptions } from './methods';
import { setCallDeadline } from './transport/deadline';
import { extendPending, finishPending, readPending, START_MARGIN_MS } from './trigger/baseline';
import { pollBudget, type PollBudget } from './trigger/budget';
import { listByIds, listOpen, listRecent, readChanges, type Walk } from './trigger/fetch';
import { enterPoll } from './trigger/guard';
import { pollWithTasks } from './trigger/taskFetch';
import { isTaskEvent, TASK_TRIGGER_EVENTS, type TaskTriggerEvent } from './trigger/taskPoller';
import {
	baseline,
	deadlineCandidates,
	decodeState,
	diff,
	encodeState,
	newChanges,
	repairCursor,
	toSnapshot,
	TRIGGER_EVENTS,
	type Emission,
	type Snapshot,
	type TriggerConfig,
	type TriggerEvent,
} from './trigger/poller';
import { loadState, saveState } from './trigger/state';

/** What the editor shows for each event of TRIGGER_EVENTS (poller.ts): one entry each, checked by type. */
const EVENT_TEXT: Record<TriggerEvent, { name: string; description: string }> = {
	requestCreated: { name: 'Request Created', description: 'A new request arrived' },
	requestUpdated: { name: 'Request Updated', description: 'Anything in an existing request changed' },
	stateChanged: {
		name: 'State Changed',
		description: 'The state differs from the last one seen (the item carries previousState)',
	},
	stepChanged: {
		name: 'Step Changed',
		description: 'The process step differs from the last one seen (the item carries previousStepId)',
	},
	requestClosed: { name: 'Request Closed', description: 'The state became Closed' },
	deadlineApproaching: {
		name: 'Deadline Approaching',
		description: 'The legal deadline is within the given number of days and the request is not closed',
	},
	requestOverdue: { name: 'Request Overdue', description: 'The legal deadline passed and the request is not closed' },
};

/** The task events (trigger/taskPoller.ts): polled only when one is chosen. */
const TASK_EVENT_TEXT: Record<TaskTriggerEvent, { name: string; description: string }> = {
	taskCreated: { name: 'Task Created', description: 'A new task was created (the item carries requestId when it belongs to a request)' },
	taskCompleted: { name: 'Task Completed', description: 'The state of a task became Closed' },
	taskOverdue: { name: 'Task Overdue', description: 'The deadline of a task passed and it is not closed (once per task)' },
};

export class DastraTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dastra Trigger',
		name: 'dastraTrigger',
		icon: { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a data subject request or a task is created, changes or nears its deadline in Dastra',
		defaults: { name: 'Dastra Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: dastraCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['requestCreated'],
				options: [
					...TRIGGER_EVENTS.map((value) => ({ name: EVENT_TEXT[value].name, value, description: EVENT_TEXT[value].description })),
					...TASK_TRIGGER_EVENTS.map((value) => ({ name: TASK_EVENT_TEXT[value].name, value, description: TASK_EVENT_TEXT[value].description })),
				].sort((a, b) => a.name.localeCompare(b.name)),
			},
			{
				displayName: 'Days Before Deadline',
				name: 'daysBeforeDeadline',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'How many days before the legal deadline to fire Deadline Approaching',
				displayOptions: { show: { events: ['deadlineApproaching'] } },
			},
			dsrFiltersCollection(
				['entityId', 'purposes', 'states', 'tagIds', 'widgetId'],
				'Only fire for requests that match, as they stand when the event is seen',
			),
			simplifyOption,
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// "Fetch test event" reads a sample and saves nothing: no guard, no budget.
		if (this.getMode() === 'manual') return await pollWithTasks.call(this, requestPoll);
		// One poll at a time per trigger (guard.ts), each within its budget (budget.ts), the task
		// events (trigger/taskFetch.ts) included.
		const node = this.getNode();
		const entered = enterPoll(`${this.getWorkflow().id ?? ''}/${node.id || node.name}`);
		if ('busySince' in entered) {
			this.logger.warn(
				`Dastra Trigger: a poll started while the previous one (started ${Math.round((Date.now() - entered.busySince) / 1000)} s ago) still runs; this one does nothing and the next poll goes on from where that one ends. If this repeats, poll less often (Poll Times)`,
				{ node: node.name, workflowId: this.getWorkflow().id },
			);
			return null;
		}
		const budget = pollBudget(this);
		setCallDeadline(this, budget.deadline);
		try {
			return await pollWithTasks.call(this, async function (this: IPollFunctions) {
				return await requestPoll.call(this, budget);
			});
		} finally {
			setCallDeadline(this, undefined);
			entered.release();
		}
	}
}

/** The request events; `poll` adds the task events around them (trigger/taskFetch.ts). */
async function requestPoll(this: IPollFunctions, budget?: PollBudget): Promise<INodeExecutionData[][] | null> {
	const { filters, ...config } = readConfig(this);
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const item = (dsr: IDataObject, e: Emission): INodeExecutionData => {
		const json: IDataObject = { ...(simplify ? simplifyDsr(dsr) : dsr), event: e.event };
		if (e.previousState !== undefined) json.previousState = e.previousState;
		if (e.previousStepId !== undefined) json.previousStepId = e.previousStepId;
		return { json };
	};

	// "Fetch test event": the newest matching request as a sample, shaped like the first selected
	// event's items (transition fields carry the request's current values) and marked
	// `sample: true`, since nothing happened to it; the saved state is untouched.
	if (this.getMode() === 'manual') {
		const recent = await listRecent.call(this);
		const sample = recent.find((dsr) => matches(dsr, filters));
		if (!sample) return null;
		const event = config.events[0];
		const current = toSnapshot(sample);
		const transition: Partial<Emission> =
			event === 'stateChanged' || event === 'requestClosed'
				? { previousState: current.state }
				: event === 'stepChanged'
					? { previousStepId: current.stepId }
					: {};
		const json = item(sample, { event, id: current.id, ...transition }).json;
		return [[{ json: { ...json, sample: true } }]];
	}

	return await pollWithin.call(this, { ...config, filters }, budget as PollBudget, item);
}

/** One poll of an active trigger: read, decide, save the state (state.ts), return the items. */
async function pollWithin(
	this: IPollFunctions,
	{ filters, ...config }: TriggerConfig & { filters: DsrFilters },
	budget: PollBudget,
	item: (dsr: IDataObject, e: Emission) => INodeExecutionData,
): Promise<INodeExecutionData[][] | null> {
	const loaded = loadState(this);
	const pending = readPending(loaded.raw);
	if (pending) {
		// A first reading spread over polls (baseline.ts) goes on where the last poll stopped.
		const open = await listOpen.call(this, budget.until, pending.walk);
		const next = extendPending(pending, open.items.map(toSnapshot), open.now, config, open.walk);
		saveState(this, loaded, (open.cut ? { pending: next } : encodeState(finishPending(next))) as unknown as IDataObject);
		return null;
	}
	const decoded = decodeState(loaded.raw);
	let state = decoded.state;
	const problem = decoded.problem;
	if (!state) {
		if (problem) {
			this.logger.warn(
				`Dastra Trigger: the saved state was invalid (${problem}); it was dropped and the trigger starts again from now, emitting nothing for this poll`,
				{ node: this.getNode().name },
			);
		}
		const open = await listOpen.call(this, budget.until);
		const recent = open.cut ? undefined : await readChanges.call(this, undefined, { until: budget.until });
		if (!recent || recent.cut) {
			// Too large for one poll: the baseline goes on over the next polls from Dastra's clock now.
			this.logger.info(
				`Dastra Trigger: the first reading did not fit in this poll's ${Math.round(budget.ms / 1000)} s; it goes on at the next polls, and changes made from now on will be reported`,
				{ node: this.getNode().name },
			);
			const started = extendPending({ start: open.now - START_MARGIN_MS, known: {} }, open.items.map(toSnapshot), open.now, config, open.walk);
			saveState(this, loaded, (open.cut ? { pending: started } : encodeState(finishPending(started))) as unknown as IDataObject);
			return null;
		}
		// A listing that moved while it was read is read again at the next poll.
		if (!open.steady || !recent.steady) return null;
		const next = baseline(open.items.map(toSnapshot), recent.items.map(toSnapshot), recent.now, config);
		saveState(this, loaded, encodeState({ ...next, ...(recent.sort ? { sort: recent.sort } : {}) }) as unknown as IDataObject);
		return null;
	}

	// The filters are checked on the request each snapshot was taken from, as Dastra returned it.
	const source = new Map<Snapshot, IDataObject>();
	const snapshot = (dsr: IDataObject) => {
		const s = toSnapshot(dsr);
		source.set(s, dsr);
		return s;
	};
	const accepts = (s: Snapshot) => matches(source.get(s) as IDataObject, filters);

	// Fetch first; the state is written only after a successful read (complete, or cut by the
	// budget at a page boundary: then what was read is emitted and the cursor stays).
	let listed = await readChanges.call(this, state, { until: budget.until, walk: readWalk(loaded.raw) });
	// A saved cursor past Dastra's clock hides every change: moved back, and read again from there.
	const repaired = repairCursor(state, listed.now);
	if (repaired) {
		this.logger.warn(
			`Dastra Trigger: the saved cursor (${state.cursor}) was later than Dastra's clock (${repaired.cursor}); it was moved back to Dastra's clock. Changes made while it was ahead may not have been reported: check the requests updated since the last event this trigger emitted.`,
			{ node: this.getNode().name },
		);
		state = repaired;
		listed = await readChanges.call(this, state, { until: budget.until });
	}
	const byId = new Map<number, IDataObject>();
	for (const dsr of listed.items) byId.set(Number(dsr.id), dsr);
	const changes = newChanges(state, listed.items.map(snapshot));
	// Several pages are one snapshot only if they agree and held nothing new (see fetch.ts).
	const consistent = !listed.cut && (listed.atomic || (listed.steady && changes.length === 0));
	const ids = deadlineCandidates(state, changes, listed.now, config);
	const found = ids.length ? await listByIds.call(this, ids) : [];
	for (const dsr of found) if (!byId.has(Number(dsr.id))) byId.set(Number(dsr.id), dsr);
	// A re-read copy is only for deadline events; the listed copy wins for everything else.
	const { emit, next } = diff(state, changes, { ids, found: found.map(snapshot) }, listed.now, { ...config, accepts }, {
		consistent,
		newest: listed.newest,
	});
	// The finding about sortBy is this reading's, not the old state's.
	const stored = encodeState({ ...next, sort: listed.sort }) as unknown as IDataObject;
	if (listed.walk) stored.walk = { ...listed.walk, fresh: listed.walk.fresh || changes.length > 0 } as unknown as IDataObject;
	saveState(this, loaded, stored);
	if (emit.length === 0) return null;
	return [emit.map((e) => item(byId.get(e.id) as IDataObject, e))];
}

/** The unfinished walk saved beside the state (fetch.ts), if it holds together. */
function readWalk(raw: unknown): Walk | undefined {
	const w = (raw as { walk?: Record<string, unknown> } | undefined)?.walk;
	if (!w || typeof w !== 'object') return undefined;
	const int = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
	if (!int(w.page) || !int(w.read) || !int(w.total) || (w.page as number) < 1) return undefined;
	if (typeof w.steady !== 'boolean' || typeof w.fresh !== 'boolean') return undefined;
	if (w.newest !== null && typeof w.newest !== 'number') return undefined;
	return w as unknown as Walk;
}

function readConfig(ctx: IPollFunctions): TriggerConfig & { filters: DsrFilters } {
	const events = (ctx.getNodeParameter('events', []) as string[]).filter((e) => !isTaskEvent(e)) as TriggerEvent[];
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event is selected', {
			description: 'Choose at least one event under Events.',
		});
	}
	const days = Number(ctx.getNodeParameter('daysBeforeDeadline', 7));
	if (!Number.isFinite(days) || days < 0) {
		throw new NodeOperationError(ctx.getNode(), `Days Before Deadline "${days}" is not a number of days`, {
			description: 'Set Days Before Deadline to 0 or more.',
		});
	}
	try {
		return { events, daysBeforeDeadline: days, filters: readDsrFilters(ctx.getNodeParameter('filters', {}) as IDataObject) };
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}
