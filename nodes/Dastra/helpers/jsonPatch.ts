/**
 * JSON Patch (RFC 6902) as Dastra's PATCH endpoints take it (`Operation[]`, content type
 * application/json-patch+json): one `replace` per field set, one `remove` per field cleared, the
 * path being the DTO's property name. Only what the user changed is sent, so a colleague's edit
 * to another field in the meantime is kept (a PUT of the whole object would undo it).
 */
import type { IDataObject } from 'n8n-workflow';

export const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';

export interface PatchOperation extends IDataObject {
	op: 'replace' | 'remove';
	path: string;
}

/** `set`: property -> new value; `cleared`: properties to empty. Keys in the order given. */
export function toJsonPatch(set: IDataObject, cleared: string[] = []): PatchOperation[] {
	const pointer = (key: string) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
	return [
		...Object.entries(set).map(([key, value]) => ({ op: 'replace' as const, path: pointer(key), value })),
		...cleared.filter((key) => !(key in set)).map((key) => ({ op: 'remove' as const, path: pointer(key) })),
	];
}
