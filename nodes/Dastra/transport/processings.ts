import type { IDataObject } from 'n8n-workflow';

import type { DastraContext } from './index';
import { dastraRequest } from './index';
import { asPage } from './pager';

const what = (requestId: number) => `Data subject request ${requestId}`;

/**
 * The data processings a request touches. The OpenAPI document gives this answer no schema:
 * a bare array or `{items}` are both read (unconfirmed live).
 */
export async function listProcessings(this: DastraContext, requestId: number): Promise<IDataObject[]> {
	const res: unknown = await dastraRequest.call(this, 'GET', `/DataSubjectRequestProcessings/${requestId}`, {
		what: what(requestId),
		// A non-list answer is an error, never "no processings".
		shape: 'list',
	});
	return asPage<IDataObject>(res).items;
}
