import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { processingIdOf, processingLabelOf } from '../helpers/simplify';
import { listEntities, listTags, listUsers, listWorkflowSteps } from '../transport/lookups';
import { listProcessings } from '../transport/processings';
import { listTaskTags } from '../transport/tasks';

function toOptions(items: IDataObject[], name: (item: IDataObject) => string): INodePropertyOptions[] {
	return items
		.map((item) => ({ name: name(item) || `#${item.id}`, value: item.id as number }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listEntities.call(this), (e) => String(e.label ?? ''));
}

export async function getWorkflowSteps(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// Keep the process order rather than the alphabet: steps are a sequence.
	return (await listWorkflowSteps.call(this)).map((s) => ({
		name: String(s.label ?? `#${s.id}`),
		value: s.id as number,
		description: s.mappedState ? `State: ${String(s.mappedState)}` : undefined,
	}));
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listTags.call(this), (t) => String(t.label ?? ''));
}

export async function getTaskTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listTaskTags.call(this), (t) => String(t.label ?? ''));
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await listUsers.call(this), (u) =>
		[u.displayName ?? [u.givenName, u.familyName].filter(Boolean).join(' '), u.email ? `(${String(u.email)})` : '']
			.filter(Boolean)
			.join(' '),
	);
}

/** The processings of the request chosen above; nothing until a request is chosen. */
export async function getRequestProcessings(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// extractValue hands over the locator's value, never the {mode, value} object.
	const raw = this.getNodeParameter('requestId', undefined, { extractValue: true }) as unknown;
	const requestId = Number(String(raw ?? '').trim());
	if (!Number.isSafeInteger(requestId) || requestId <= 0) return [];
	return (await listProcessings.call(this, requestId))
		.map((entry) => ({
			name: `${processingLabelOf(entry) ?? processingIdOf(entry)} (${String(entry.state ?? 'New')})`,
			value: processingIdOf(entry),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
