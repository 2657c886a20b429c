import type { INodeProperties } from 'n8n-workflow';

import type { DastraMap, DastraResource } from '../types';

/**
 * Shows `properties` only for the given resource/operation (nodes-base's updateDisplayOptions,
 * which packages cannot import). The operations are checked against the resource's at compile time.
 */
export function showOnlyFor<R extends DastraResource>(
	show: { resource: [R]; operation: Array<DastraMap[R]> },
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	}));
}

/** "IdentityValidation" -> "Identity Validation": enum values as the picker shows them. */
export function toOptions(values: readonly string[]) {
	return values.map((value) => ({ name: value.replace(/([a-z])([A-Z])/g, '$1 $2'), value }));
}
