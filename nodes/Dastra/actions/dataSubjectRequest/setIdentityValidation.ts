import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator, simplifyOption, toDsrItems } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { getDsr } from '../../transport/requests';

export const description = showOnlyFor(
	{ resource: ['dataSubjectRequest'], operation: ['setIdentityValidation'] },
	[
		requestIdLocator,
		{
			displayName: 'Identity Validated',
			name: 'validated',
			type: 'boolean',
			default: true,
			description: "Whether the person's identity has been checked; turn off to withdraw a validation",
		},
		simplifyOption,
	],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const validation = this.getNodeParameter('validated', i, true);
	if (typeof validation !== 'boolean') {
		throw new InputError(`Identity Validated "${String(validation)}" is not true or false`, 'Set Identity Validated to true or false.');
	}
	await dastraRequest.call(this, 'PUT', `/DataSubjectRequests/set-identity-validation/${id}`, {
		body: { validation },
		what: `Data subject request ${id}`,
	});
	// The answer is undocumented ("Success"): return the request as it now stands.
	return toDsrItems.call(this, [await getDsr.call(this, id)], i);
}
