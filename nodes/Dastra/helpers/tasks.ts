/** Pure facts about a task as Dastra returns it (TaskDto), shared by the node and both triggers. */
import type { IDataObject } from 'n8n-workflow';

/** The request a task belongs to (objectType DataSubject, objectId its ID as a string), if any. */
export function requestIdOfTask(task: IDataObject): number | undefined {
	if (task.objectType !== 'DataSubject' || task.objectId === null || task.objectId === undefined) return undefined;
	const text = String(task.objectId).trim();
	const id = Number(text);
	return /^\d+$/.test(text) && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The task with `requestId` beside it when it belongs to a request: what trigger items carry. */
export function withRequestId(task: IDataObject): IDataObject {
	const requestId = requestIdOfTask(task);
	return requestId === undefined ? task : { ...task, requestId };
}
