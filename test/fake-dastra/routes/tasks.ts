/**
 * Tasks (`/Tasks`, in Dastra's OpenAPI document and its 2024 table): list with filters, create,
 * get, replace (PUT), JSON Patch (PATCH), delete, archive. The document checks types first
 * (openapi/contract.ts); here what Dastra checks beyond it: the label, the user, entity and tags
 * exist, a patch names writable fields with well-typed values.
 */
import { PRIORITIES, TASK_STATES, dastraDate, parseDate, type Json } from '../data';
import { paged } from '../http';
import { matchesRule, sortListing } from '../rules';
import type { FakeDastra, LoggedRequest } from '../server';
import { contract } from '../openapi/contract';
import { TASK_WRITABLE, seedTask, viewTask } from '../tasks';
import { invalid } from '../validation';
import { noRoute, type Answer, type Route } from './route';

const notFound: Answer = [404, { message: 'Task not found' }];

export const taskRoutes: Route[] = [
	{ method: 'GET', path: /^\/Tasks$/, scope: 'workspace', handle: (fake, r) => list(fake, r) },
	{ method: 'POST', path: /^\/Tasks$/, scope: 'workspace', handle: (fake, r) => create(fake, r.body) },
	{
		method: 'POST',
		path: /^\/Tasks\/(\d+)\/archive$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const task = fake.tasks.get(Number(m[1]));
			if (!task) return notFound;
			const archived = (r.body as Json | undefined)?.archived !== false;
			task.archived = archived;
			task.dateUpdate = dastraDate(fake.now());
			// The document gives the answer no body.
			return [200, ''];
		},
	},
	{
		method: 'GET',
		path: /^\/Tasks\/(\d+)$/,
		scope: 'workspace',
		handle(fake, _r, m) {
			const task = fake.tasks.get(Number(m[1]));
			return task ? [200, viewTask(fake, task)] : notFound;
		},
	},
	{
		method: 'PUT',
		path: /^\/Tasks\/(\d+)$/,
		scope: 'workspace',
		handle(fake, r, m) {
			const task = fake.tasks.get(Number(m[1]));
			if (!task) return notFound;
			const b = (r.body ?? {}) as Json;
			const errors = check(fake, b);
			if (Object.keys(errors).length) return invalid(errors);
			const before = task.state;
			// PUT replaces: every writable field the body leaves out is emptied.
			for (const key of TASK_WRITABLE) task[key] = b[key] === undefined ? empty(key) : b[key];
			task.tags = ((task.tags as Json[]) ?? []).map((t) => ({ id: t.id }));
			stamp(fake, task, before);
			return [200, viewTask(fake, task)];
		},
	},
	{
		method: 'PATCH',
		path: /^\/Tasks\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => patch(fake, r, Number(m[1])),
	},
	{
		method: 'DELETE',
		path: /^\/Tasks\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, _r, m) => (fake.tasks.delete(Number(m[1])) ? [200, ''] : notFound),
	},
	{
		method: '*',
		path: /^\/Tasks\/(\d+)$/,
		scope: 'workspace',
		handle: (fake, r, m) => (fake.tasks.has(Number(m[1])) ? noRoute(r) : notFound),
	},
];

function empty(key: string): unknown {
	if (key === 'tags') return [];
	if (key === 'additionalDatas') return {};
	if (key === 'priority') return 'Medium';
	if (key === 'state') return 'Open';
	if (key === 'objectType') return 'DataSubject';
	if (key === 'areaId') return 0;
	return null;
}

/** What Dastra checks on a task body beyond the document's types. */
function check(fake: FakeDastra, b: Json): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	const fail = (field: string, msg: string) => (errors[field] ??= []).push(msg);
	if (typeof b.label !== 'string' || b.label.trim() === '') fail('label', 'The Label field is required.');
	if (b.assignedToUserId != null && !fake.users.some((u) => u.id === b.assignedToUserId)) {
		fail('assignedToUserId', `User ${String(b.assignedToUserId)} does not exist.`);
	}
	if (b.areaId != null && b.areaId !== 0 && !fake.entities.some((e) => e.id === b.areaId)) fail('areaId', `Entity ${String(b.areaId)} does not exist.`);
	for (const t of (b.tags as Json[] | null) ?? []) {
		if (!fake.tags.some((tag) => tag.id === t.id && tag.type === 'Task')) fail('tags', `Tag ${String(t.id)} is not a task tag.`);
	}
	if (b.objectType === 'DataSubject' && b.objectId != null && !fake.dsrs.has(Number(b.objectId))) {
		fail('objectId', `Data subject request ${String(b.objectId)} does not exist.`);
	}
	if (b.state === 'Archived') fail('state', 'Archive a task with POST /Tasks/{id}/archive.');
	return errors;
}

function stamp(fake: FakeDastra, task: Json, previousState: unknown) {
	const now = dastraDate(fake.now());
	if (task.state === 'Closed' && previousState !== 'Closed') task.dateClosed = now;
	if (task.state !== 'Closed') task.dateClosed = null;
	task.dateUpdate = now;
}

function create(fake: FakeDastra, body: unknown): Answer {
	const b = (body ?? {}) as Json;
	const errors = check(fake, b);
	if (Object.keys(errors).length) return invalid(errors);
	const fields: Json = {};
	for (const key of TASK_WRITABLE) if (b[key] !== undefined) fields[key] = b[key];
	if (Array.isArray(fields.tags)) fields.tags = (fields.tags as Json[]).map((t) => ({ id: t.id }));
	return [200, seedTask(fake, fields)];
}

/**
 * JSON Patch: `replace`/`add` set a writable field, `remove` empties it. Paths are the DTO's
 * property names, case-insensitive as ASP.NET reads them. All or nothing: the patched task must
 * still be a valid TaskCreateUpdateDto, or nothing changes.
 */
function patch(fake: FakeDastra, r: LoggedRequest, id: number): Answer {
	const task = fake.tasks.get(id);
	if (!task) return notFound;
	const type = String(r.headers['content-type'] ?? '');
	if (!/^application\/(json-patch\+json|json)/.test(type)) return [415, { message: `Unsupported content type ${type}` }];
	if (!Array.isArray(r.body)) return [400, { message: 'A JSON Patch document (an array of operations) is required' }];
	// The task as Dastra holds it (stored tags are ids: a patch that leaves them alone keeps full tags).
	const next: Json = { ...task, tags: viewTask(fake, task).tags };
	for (const op of r.body as Json[]) {
		const key = TASK_WRITABLE.find((k) => `/${k}`.toLowerCase() === String(op.path).toLowerCase());
		if (!key) return [400, { message: `The target location specified by path '${String(op.path)}' was not found.` }];
		if (op.op === 'replace' || op.op === 'add') next[key] = op.value;
		else if (op.op === 'remove') next[key] = empty(key);
		else return [400, { message: `Invalid JsonPatch operation '${String(op.op)}'.` }];
	}
	const dto = Object.fromEntries(TASK_WRITABLE.map((k) => [k, next[k]]));
	const schemaErrors = contract().errorsAs('TaskCreateUpdateDto', dto);
	const errors = { ...schemaErrors, ...check(fake, dto) };
	if (Object.keys(errors).length) return invalid(errors);
	next.tags = ((next.tags as Json[]) ?? []).map((t) => ({ id: t.id }));
	const before = task.state;
	Object.assign(task, next);
	stamp(fake, task, before);
	return [200, ''];
}

/** The list as GET answers it. */
function list(fake: FakeDastra, r: LoggedRequest): Answer {
	if (fake.htmlListings) return [200, '<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' }];
	const q = r.query;
	const many = (key: string) => ([] as string[]).concat(q[key] ?? []);
	for (const s of many('states')) if (!TASK_STATES.includes(s)) return [400, { message: `Unknown state ${s}` }];
	for (const p of many('prios')) if (!PRIORITIES.includes(p)) return [400, { message: `Unknown priority ${p}` }];
	let rule: Json | undefined;
	if (q.filters !== undefined) {
		try {
			rule = JSON.parse(String(q.filters));
		} catch {
			return [400, { message: 'filters is not valid JSON' }];
		}
	}
	const now = fake.now();
	const archived = q.archived === 'true';
	const states = many('states');
	const prios = many('prios');
	const objectIds = many('objectIds');
	const users = new Set(many('users').map(Number));
	const ids = new Set(many('ids').map(Number));
	const text = q.q ? String(q.q).toLowerCase() : undefined;
	const items = [...fake.tasks.values()].filter((t) => {
		if (Boolean(t.archived) !== archived) return false;
		if (q.overtaking === 'true' && !(parseDate(t.deadline) < now && t.state !== 'Closed')) return false;
		if (text && !String(t.label).toLowerCase().includes(text)) return false;
		if (q.objectType && t.objectType !== q.objectType) return false;
		if (objectIds.length && !objectIds.includes(String(t.objectId))) return false;
		// Dastra's `users`: the assignee or the owner.
		if (users.size && !users.has(Number(t.assignedToUserId)) && !users.has(Number(t.ownerId))) return false;
		if (ids.size && !ids.has(Number(t.id))) return false;
		if (states.length && !states.includes(String(t.state))) return false;
		if (prios.length && !prios.includes(String(t.priority))) return false;
		if (q.areaId && t.areaId !== Number(q.areaId)) return false;
		if (rule && fake.honoursRules && !matchesRule(t, rule)) return false;
		return true;
	});
	sortListing(items, q, fake.honoursSort);
	const [status, page] = paged(r, items, fake.pageCap);
	if (status !== 200) return [status, page];
	const p = page as { items: Json[]; page: number };
	p.items = p.items.map((t) => viewTask(fake, t));
	fake.afterTaskListPage?.(p.page, r);
	return [200, p];
}
