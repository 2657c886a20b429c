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
import { listByIds, listOpen, listRecent, readChanges } from './trigger/fetch';
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
		return await pollWithTasks.call(this, DastraTrigger.prototype.pollRequests);
	}

	/** The request events; `poll` adds the task events around it (trigger/taskFetch.ts). */
	async pollRequests(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
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

		const data = this.getWorkflowStaticData('node');
		const decoded = decodeState(data.dastra);
		let state = decoded.state;
		const problem = decoded.problem;
		if (!state) {
			if (problem) {
				this.logger.warn(
					`Dastra Trigger: the saved state was invalid (${problem}); it was dropped and the trigger starts again from now, emitting nothing for this poll`,
					{ node: this.getNode().name },
				);
			}
			const open = await listOpen.call(this);
			const recent = await readChanges.call(this, undefined);
			// A listing that moved while it was read is read again at the next poll.
			if (!open.steady || !recent.steady) return null;
			const next = baseline(open.items.map(toSnapshot), recent.items.map(toSnapshot), recent.now, config);
			data.dastra = encodeState({ ...next, ...(recent.sort ? { sort: recent.sort } : {}) }) as unknown as IDataObject;
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

		// Fetch everything first; the state is written only after a complete, successful read.
		let listed = await readChanges.call(this, state);
		// A saved cursor past Dastra's clock hides every change: moved back, and read again from there.
		const repaired = repairCursor(state, listed.now);
		if (repaired) {
			this.logger.warn(
				`Dastra Trigger: the saved cursor (${state.cursor}) was later than Dastra's clock (${repaired.cursor}); it was moved back to Dastra's clock. Changes made while it was ahead may not have been reported: check the requests updated since the last event this trigger emitted.`,
				{ node: this.getNode().name },
			);
			state = repaired;
			listed = await readChanges.call(this, state);
		}
		const byId = new Map<number, IDataObject>();
		for (const dsr of listed.items) byId.set(Number(dsr.id), dsr);
		const changes = newChanges(state, listed.items.map(snapshot));
		// Several pages are one snapshot only if they agree and held nothing new (see fetch.ts).
		const consistent = listed.atomic || (listed.steady && changes.length === 0);
		const ids = deadlineCandidates(state, changes, listed.now, config);
		const found = ids.length ? await listByIds.call(this, ids) : [];
		for (const dsr of found) if (!byId.has(Number(dsr.id))) byId.set(Number(dsr.id), dsr);
		// A re-read copy is only for deadline events; the listed copy wins for everything else.
		const { emit, next } = diff(state, changes, { ids, found: found.map(snapshot) }, listed.now, { ...config, accepts }, {
			consistent,
			newest: listed.newest,
		});
		// The finding about sortBy is this reading's, not the old state's.
		data.dastra = encodeState({ ...next, sort: listed.sort }) as unknown as IDataObject;
		if (emit.length === 0) return null;
		return [emit.map((e) => item(byId.get(e.id) as IDataObject, e))];
	}
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
