/**
 * What Dastra checks on a data subject request body (POST and PUT) beyond its OpenAPI document
 * (openapi/contract.ts checks types, enums, lengths and TagDto first): the entity, step and tags
 * must exist, and the required fields must not be empty. With Dastra's 400 answer shape.
 */
import { CLOSED_REASONS, PERSON_CATEGORIES, PURPOSES, type Json } from './data';
import type { Store } from './store';

/** The errors by field of a request body, and the body as a Json object. */
export function check(store: Pick<Store, 'entities' | 'steps' | 'tags'>, body: unknown): { errors: Record<string, string[]>; dsr: Json } {
	const b = (body && typeof body === 'object' ? body : {}) as Json;
	const errors: Record<string, string[]> = {};
	const fail = (field: string, msg: string) => (errors[field] ??= []).push(msg);
	if (typeof b.title !== 'string' || b.title.trim() === '') fail('title', 'The Title field is required.');
	if (typeof b.locale !== 'string' || b.locale === '') fail('locale', 'The Locale field is required.');
	if (typeof b.areaId !== 'number') fail('areaId', 'The AreaId field is required.');
	else if (!store.entities.some((e) => e.id === b.areaId)) fail('areaId', `Entity ${b.areaId} does not exist.`);
	if (!Array.isArray(b.purposes) || b.purposes.length === 0) fail('purposes', 'The Purposes field is required.');
	else for (const p of b.purposes) if (!PURPOSES.includes(p as string)) fail('purposes', `Unknown purpose ${String(p)}.`);
	if (b.personCategory != null && !PERSON_CATEGORIES.includes(b.personCategory as string)) {
		fail('personCategory', 'Unknown person category.');
	}
	if (b.closedReason != null && !CLOSED_REASONS.includes(b.closedReason as string)) {
		fail('closedReason', 'Unknown closed reason.');
	}
	if (b.workFlowStepId != null && !store.steps.some((s) => s.id === b.workFlowStepId)) {
		fail('workFlowStepId', `Step ${String(b.workFlowStepId)} does not exist.`);
	}
	for (const key of ['customFields', 'additionalDatas']) {
		if (b[key] != null && (typeof b[key] !== 'object' || Array.isArray(b[key]))) fail(key, `${key} must be an object.`);
	}
	if (b.tags != null && !Array.isArray(b.tags)) fail('tags', 'tags must be a list.');
	else for (const t of (b.tags as Json[] | null) ?? []) {
		if (!store.tags.some((tag) => tag.id === t.id)) fail('tags', `Tag ${String(t.id)} does not exist.`);
	}
	return { errors, dsr: b };
}

/** Dastra's answer to a body that fails validation. */
export function invalid(errors: Record<string, string[]>): [number, unknown] {
	return [400, { title: 'One or more validation errors occurred.', status: 400, errors }];
}
