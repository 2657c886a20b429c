import type { IDataObject } from 'n8n-workflow';

import type { Dsr } from '../types';
import type { DastraContext } from './index';
import { dastraRequest } from './index';

const what = (id: number) => `Data subject request ${id}`;

/** GET one request; a 404 names the request and the workspace. */
export async function getDsr(this: DastraContext, id: number): Promise<Dsr> {
	return (await dastraRequest.call(this, 'GET', `/DataSubjectRequests/${id}`, {
		what: what(id),
		shape: 'object',
	})) as Dsr;
}

/** POST an action on a request, then return the request as it now stands: the action's own answer is undocumented. */
export async function actOnDsr(
	this: DastraContext,
	id: number,
	path: string,
	body?: IDataObject,
): Promise<Dsr> {
	await dastraRequest.call(this, 'POST', path, { body, what: what(id) });
	return await getDsr.call(this, id);
}
