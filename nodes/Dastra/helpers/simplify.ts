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

/** The ID of the data processing (a UUID) a request's processing entry names. */
export function processingIdOf(entry: IDataObject): string {
	const nested = entry.dataProcessing as IDataObject | undefined;
	return String(entry.dataProcessingId ?? nested?.id ?? '');
}

/** The processing's name in the record of processing activities, when Dastra sends one (unconfirmed). */
export function processingLabelOf(entry: IDataObject): string | null {
	const nested = entry.dataProcessing as IDataObject | undefined;
	const name = nested?.label ?? entry.label;
	return typeof name === 'string' && name !== '' ? name : null;
}

/** One processing of a request, flat, with dates in UTC. */
export function simplifyProcessing(entry: IDataObject): IDataObject {
	const processor = entry.processor as IDataObject | null | undefined;
	return {
		dataSubjectRequestId: entry.dataSubjectRequestId ?? null,
		processingId: processingIdOf(entry),
		processing: processingLabelOf(entry),
		state: entry.state ?? null,
		processor: processor ? (processor.displayName ?? processor.email ?? null) : null,
		dateCreation: toUtcIso(entry.dateCreation),
		dateUpdate: toUtcIso(entry.dateUpdate),
		dateNotification: toUtcIso(entry.dateNotification),
		dateNotificationSent: toUtcIso(entry.dateNotificationSent),
	};
}

/**
 * Request statistics without the per-request list (`stats`) and the time series, which grow with
 * the workspace: the counts people put in a report. `averageTimeToClose` is passed on as Dastra
 * sends it (its unit is undocumented).
 */
export function simplifyStats(stats: IDataObject): IDataObject {
	const byPurpose: IDataObject = {};
	for (const serie of (Array.isArray(stats.purposeTypes) ? stats.purposeTypes : []) as IDataObject[]) {
		if (typeof serie.name === 'string') byPurpose[serie.name] = serie.y ?? 0;
	}
	return {
		startDate: toUtcIso(stats.startDate),
		endDate: toUtcIso(stats.endDate),
		requests: stats.nbCustomerRequests ?? null,
		openOrActive: stats.nbOpenedOrActiveCustomerRequests ?? null,
		overdue: stats.nbOverTaken ?? null,
		averageTimeToClose: stats.averageTimeToClose ?? null,
		byPurpose,
	};
}
