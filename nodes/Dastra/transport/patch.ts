/**
 * Updates as JSON Patch, with the one fallback Dastra's documents leave open: its integration
 * guide names PATCH as the way to push changes, but a Dastra (or a proxy before it) that refuses
 * the method must not stop the workflow. Only a refusal of the method falls back (405, or 404 on
 * the PATCH route while GET finds the object); every other answer is the update's own.
 */
import type { IDataObject } from 'n8n-workflow';

import { JSON_PATCH_CONTENT_TYPE, type JsonPatchOperation } from '../helpers/jsonPatch';
import type { DastraContext } from './index';
import { dastraRequest } from './index';

/** The kinds of object (path prefixes) whose PATCH was refused, per execution (the context n8n gives one node run). */
const refusedByExecution = new WeakMap<object, Set<string>>();

const METHOD_REFUSED = Symbol('PATCH refused');

const httpCodeOf = (error: unknown) => String((error as { httpCode?: unknown } | null)?.httpCode ?? '');

export interface PatchTarget {
	/** The object's path relative to the workspace, e.g. /DataSubjectRequests/ and its ID. */
	path: string;
	/** What a refusal is remembered under for the rest of the execution, e.g. `DataSubjectRequests`. */
	kind: string;
	/** Names the object for a 404: "Data subject request 42". */
	what: string;
	/** The object's fields the PUT must not send back (nested copies of referenced objects). */
	readOnly: readonly string[];
	/** The full object with the changes applied, from the object as read: the PUT body. */
	merge: (current: IDataObject) => IDataObject;
	/** Whether an answer is the object itself (else it is read once after the update). */
	isObject: (answer: unknown) => boolean;
}

export interface PatchResult {
	object: IDataObject;
	/** Set when the update went as read-and-PUT: said in the item, since a concurrent edit may be lost. */
	notice?: string;
}

const FALLBACK_NOTICE =
	'Dastra refused the JSON Patch update (PATCH), so this request was updated by reading it and sending it back whole (PUT): an edit made in Dastra at the same moment may have been overwritten.';

/**
 * PATCH `target.path` with `ops`, one call. When Dastra refuses the method, read the object and PUT
 * it back with the changes (nested read-only objects left out), and remember the refusal for the
 * rest of the execution so later items go straight to read-and-PUT.
 */
export async function patchOrPut(this: DastraContext, target: PatchTarget, ops: JsonPatchOperation[]): Promise<PatchResult> {
	const refused = refusedByExecution.get(this) ?? new Set<string>();
	refusedByExecution.set(this, refused);
	let current: IDataObject | undefined;
	if (!refused.has(target.kind)) {
		// The transport's errors are NodeApiErrors already: only a refusal of the method is caught.
		const answer: unknown = await dastraRequest
			.call(this, 'PATCH', target.path, {
				body: ops,
				headers: { 'Content-Type': JSON_PATCH_CONTENT_TYPE },
				what: target.what,
			})
			.catch((error: unknown) => {
				const code = httpCodeOf(error);
				if (code === '405' || code === '404') return METHOD_REFUSED;
				throw error;
			});
		if (answer !== METHOD_REFUSED) {
			const object = target.isObject(answer)
				? (answer as IDataObject)
				: await dastraRequest.call(this, 'GET', target.path, { what: target.what });
			return { object };
		}
		// A 404 is the object missing, unless GET finds it: then it is the route that is missing.
		current = await dastraRequest.call(this, 'GET', target.path, { what: target.what });
		refused.add(target.kind);
	}
	current ??= await dastraRequest.call(this, 'GET', target.path, { what: target.what });
	const body = target.merge(current);
	for (const key of target.readOnly) delete body[key];
	const object = await dastraRequest.call(this, 'PUT', target.path, { body, what: target.what });
	return { object, notice: FALLBACK_NOTICE };
}
