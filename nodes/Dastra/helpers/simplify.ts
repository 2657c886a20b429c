import type { IDataObject } from 'n8n-workflow';

import { toUtcIso } from './dates';

function label(value: unknown): string | null {
	return value && typeof value === 'object' ? (((value as IDataObject).label as string) ?? null) : null;
}

/** The fields people map from a request, flat, with dates in UTC. */
export function simplifyDsr(dsr: IDataObject): IDataObject {
	const tags = Array.isArray(dsr.tags) ? (dsr.tags as IDataObject[]) : [];
	return {
		id: dsr.id,
		title: dsr.title ?? null,
		state: dsr.state ?? null,
		purposes: dsr.purposes ?? [],
		email: dsr.email ?? null,
		givenName: dsr.givenName ?? null,
		familyName: dsr.familyName ?? null,
		refId: dsr.refId ?? null,
		locale: dsr.locale ?? null,
		channel: dsr.channel ?? null,
		archived: dsr.archived ?? false,
		dateCreation: toUtcIso(dsr.dateCreation),
		dateUpdate: toUtcIso(dsr.dateUpdate),
		expiryTime: toUtcIso(dsr.expiryTime),
		remainingDays: dsr.remainingDays ?? null,
		stepId: dsr.workFlowStepId ?? null,
		step: label(dsr.workFlowStep),
		entityId: dsr.areaId ?? null,
		entity: label(dsr.area),
		tags: tags.map((t) => t.label).filter((l) => l !== undefined),
	};
}
