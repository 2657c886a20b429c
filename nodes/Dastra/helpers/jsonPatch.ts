/**
 * JSON Patch (RFC 6902) bodies for Dastra's `PATCH /{resource}/{id}` routes, whose OpenAPI body is
 * `Operation[]` ({op, path, value}) sent as application/json-patch+json. Only the changed fields
 * go out, so an edit a colleague made in Dastra to any other field survives (a read-and-PUT would
 * overwrite it with what was read).
 */
import type { IDataObject } from 'n8n-workflow';

export const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';

/** One operation of Dastra's `Operation` schema (no `from`: only replace, add and remove are built). */
export interface JsonPatchOperation extends IDataObject {
	op: 'replace' | 'add' | 'remove';
	path: string;
	value?: IDataObject[keyof IDataObject];
}

/** A JSON Pointer (RFC 6901) from its segments: `~` and `/` inside a segment are escaped. */
export function jsonPointer(...segments: string[]): string {
	return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * One operation per changed field of `changes` (an API body holding only what the user set):
 * `replace` with the new value, `remove` for a field cleared (null). Fields named in
 * `memberwise` are objects (custom fields, additional data) patched one member at a time, so
 * the members not given keep their value in Dastra: `add` sets a member whether it exists yet or
 * not (a `replace` of a member the object lacks is refused), `remove` drops one set to null.
 */
export function toJsonPatch(
	changes: IDataObject,
	{ memberwise = [] }: { memberwise?: readonly string[] } = {},
): JsonPatchOperation[] {
	const ops: JsonPatchOperation[] = [];
	for (const [field, value] of Object.entries(changes)) {
		if (value === undefined) continue;
		if (memberwise.includes(field) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
			for (const [member, memberValue] of Object.entries(value as IDataObject)) {
				if (memberValue === undefined) continue;
				const path = jsonPointer(field, member);
				ops.push(memberValue === null ? { op: 'remove', path } : { op: 'add', path, value: memberValue });
			}
			continue;
		}
		const path = jsonPointer(field);
		ops.push(value === null ? { op: 'remove', path } : { op: 'replace', path, value });
	}
	return ops;
}
