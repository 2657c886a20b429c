import type { IDataObject } from 'n8n-workflow';

import { toEmail, toEnumList, toId, toIdList } from '../helpers/validate';
import { PURPOSES, STATES } from '../types';

/** The list query for the filters set, checked before any call. Exact-match rules go to `filters`. */
export function buildListQuery(filters: IDataObject, options: IDataObject) {
	const qs: IDataObject = {};
	const ids = (name: string, label: string) => toIdList(filters[name], label);
	if (filters.states !== undefined) qs.states = toEnumList(filters.states, STATES, 'State');
	if (filters.purposes !== undefined) qs.purposes = toEnumList(filters.purposes, PURPOSES, 'Purpose');
	if (filters.archived !== undefined) qs.archived = Boolean(filters.archived);
	if (filters.overtaking !== undefined) qs.overtaking = Boolean(filters.overtaking);
	if (filters.q) qs.q = String(filters.q);
	if (filters.widgetId) qs.widgetId = toId(filters.widgetId, 'Widget ID');
	if (filters.entityId) qs.areaId = toId(filters.entityId, 'Entity ID');
	if (filters.workflowStepIds !== undefined) qs.workflows = ids('workflowStepIds', 'Step ID');
	if (filters.userIds !== undefined) qs.users = ids('userIds', 'User ID');
	if (filters.ids !== undefined) qs.ids = ids('ids', 'Request ID');
	if (filters.tagIds !== undefined) qs.tags = ids('tagIds', 'Tag ID');
	for (const key of Object.keys(qs)) {
		if (Array.isArray(qs[key]) && (qs[key] as unknown[]).length === 0) delete qs[key];
	}

	const refId = filters.refId !== undefined && filters.refId !== null && String(filters.refId).trim() !== '' ? String(filters.refId) : undefined;
	const email = filters.email ? toEmail(filters.email) : undefined;
	const rules: IDataObject[] = [];
	if (refId !== undefined) rules.push({ field: 'RefId', operator: 'equal', value: refId });
	if (email !== undefined) rules.push({ field: 'Email', operator: 'equal', value: email });
	if (rules.length === 1) qs.filters = JSON.stringify(rules[0]);
	if (rules.length > 1) qs.filters = JSON.stringify({ separator: 'And', rules });

	if (options.sortBy) qs.sortBy = String(options.sortBy);
	if (options.ascending !== undefined) qs.asc = Boolean(options.ascending);

	// Dastra may ignore the `filters` rule (unconfirmed live), so exact matches are checked again here.
	const keep =
		rules.length === 0
			? undefined
			: (dsr: IDataObject) =>
					(refId === undefined || String(dsr.refId ?? '') === refId) &&
					(email === undefined || String(dsr.email ?? '').toLowerCase() === email.toLowerCase());
	return { qs, keep };
}
