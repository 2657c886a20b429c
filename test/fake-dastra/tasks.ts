/**
 * The fake's tasks (TaskDto): seeded, changed by a Dastra user, and viewed as the API returns them.
 * Stored in `store.tasks`; routes/tasks.ts serves them.
 */
import { dastraDate, parseDate, type Json } from './data';
import type { Store } from './store';

const DAY = 86_400_000;

/** What a client may write (TaskCreateUpdateDto minus the server's own keys). */
export const TASK_WRITABLE = [
	'label',
	'descriptionHtml',
	'objectId',
	'objectType',
	'priority',
	'state',
	'color',
	'deadline',
	'tags',
	'assignedToUserId',
	'areaId',
	'ownerId',
	'additionalDatas',
	'parentId',
	'projectId',
	'iterationId',
	'workFlowStepId',
];

/** Adds a task as Dastra stores it; `at` is its creation time (default: now). */
export function seedTask(store: Store, fields: Json = {}, at = store.now()): Json {
	const id = typeof fields.id === 'number' ? fields.id : store.nextTaskId++;
	store.nextTaskId = Math.max(store.nextTaskId, id + 1);
	const task: Json = {
		id,
		label: `Task ${id}`,
		descriptionHtml: null,
		objectId: null,
		objectType: 'DataSubject',
		priority: 'Medium',
		state: 'Open',
		color: null,
		deadline: null,
		tags: [],
		assignedToUserId: null,
		ownerId: 301,
		areaId: store.entities[0].id,
		workspaceId: 7,
		archived: false,
		dateCreation: dastraDate(at),
		dateUpdate: null,
		dateClosed: null,
		dateActivated: null,
		additionalDatas: {},
		parentId: null,
		projectId: null,
		iterationId: null,
		workFlowStepId: null,
		...fields,
	};
	task.id = id;
	if (task.state === 'Closed') task.dateClosed ??= dastraDate(at);
	store.tasks.set(id, task);
	return viewTask(store, task);
}

/** Changes a stored task as a Dastra user would, moving dateUpdate to `at`. */
export function touchTask(store: Store, id: number, changes: Json, at = store.now()): Json {
	const task = store.tasks.get(id);
	if (!task) throw new Error(`no task ${id}`);
	const wasClosed = task.state === 'Closed';
	Object.assign(task, changes);
	if (task.state === 'Closed' && !wasClosed) task.dateClosed = dastraDate(at);
	if (task.state !== 'Closed') task.dateClosed = null;
	task.dateUpdate = dastraDate(at);
	return viewTask(store, task);
}

const stripHtml = (html: unknown) => (typeof html === 'string' ? html.replace(/<[^>]*>/g, '') : null);

/** The task as the API returns it (TaskDto): nested objects and computed fields filled in. */
export function viewTask(store: Store, task: Json): Json {
	const user = (id: unknown) => {
		const u = store.users.find((x) => x.id === id);
		return u ? { id: u.id, displayName: u.displayName, givenName: u.givenName, familyName: u.familyName, email: u.email } : null;
	};
	const area = store.entities.find((e) => e.id === task.areaId);
	const deadline = parseDate(task.deadline);
	const assignedToUser = user(task.assignedToUserId);
	const owner = user(task.ownerId);
	// The document's nested objects are not nullable: absent ones are left out.
	return {
		...task,
		descriptionPlainText: stripHtml(task.descriptionHtml),
		...(assignedToUser ? { assignedToUser } : {}),
		...(owner ? { owner } : {}),
		...(area ? { area: { id: area.id, label: area.label, type: area.type } } : {}),
		tags: ((task.tags as Json[]) ?? []).map((t) => store.tags.find((tag) => tag.id === t.id) ?? { id: t.id, label: '?', type: 'Task' }),
		remainingDays: Number.isNaN(deadline) ? null : Math.ceil((deadline - store.now()) / DAY),
	};
}
