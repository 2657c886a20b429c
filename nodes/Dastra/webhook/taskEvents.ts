/**
 * The task events Dastra can push (NotificationChannel values, NODE-INTERFACE.md "Third release"),
 * and the item one makes: with Resolve on, the task as Dastra holds it now, read by ID.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toNodeError } from '../helpers/errors';
import { withRequestId } from '../helpers/tasks';
import { getTask } from '../transport/tasks';
import { dataOf, eventFields, type WebhookPayload } from './payload';

export const TASK_EVENT_OPTIONS = [
	{ value: 'TaskCreation', name: 'Task Created', description: 'A task was created' },
	{ value: 'TaskEdit', name: 'Task Edited', description: 'A task was edited' },
	{ value: 'TaskChangeState', name: 'Task State Changed', description: 'The state of a task changed (e.g. it was closed)' },
	{ value: 'TaskAssigned', name: 'Task Assigned', description: 'A task was assigned to someone' },
	{ value: 'TaskArchived', name: 'Task Archived', description: 'A task was archived' },
] as const;

const TASK_EVENTS: readonly string[] = TASK_EVENT_OPTIONS.map((e) => e.value);

export const isTaskWebhookEvent = (eventType: string) => TASK_EVENTS.includes(eventType);

/** The task's ID in the payload's data (the task itself: `id`, or `taskId`). */
function taskIdOf(payload: WebhookPayload): number | undefined {
	const data = dataOf(payload);
	for (const c of [data.id, data.taskId]) {
		const id = Number(c);
		if (c !== undefined && c !== null && c !== '' && Number.isSafeInteger(id) && id > 0) return id;
	}
	return undefined;
}

/**
 * One item per task event, whatever happens after Dastra got its 200: the task as Dastra holds it
 * now (`resolved: true`), or else the payload's data (`resolved: false`), with `taskDeleted` when
 * Dastra no longer has it, or `resolveError` when reading it failed. Both carry `requestId` when
 * the task belongs to a request.
 */
export async function toTaskItem(
	ctx: IWebhookFunctions,
	payload: WebhookPayload,
	resolve: boolean,
	late: boolean,
): Promise<INodeExecutionData> {
	const fields = eventFields(payload, late);
	const sent = () => withRequestId(dataOf(payload));
	const id = resolve ? taskIdOf(payload) : undefined;
	if (id === undefined) return { json: { ...sent(), resolved: false, ...fields } };
	try {
		const task: IDataObject = await getTask.call(ctx, id);
		return { json: { ...withRequestId(task), resolved: true, ...fields } };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			return { json: { ...sent(), resolved: false, taskDeleted: true, ...fields } };
		}
		const { message, httpCode } = toNodeError(ctx.getNode(), error) as { message: string; httpCode?: string | null };
		return { json: { ...sent(), resolved: false, resolveError: { message, httpCode: httpCode ?? null }, ...fields } };
	}
}
