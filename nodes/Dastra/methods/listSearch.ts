import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dastraRequest } from '../transport';
import { asPage } from '../transport/pager';
import type { Dsr } from '../types';

const PICKER_PAGE = 50;

/** "From list" for requests: newest first, searchable by title, paged as the user scrolls. */
export async function searchRequests(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const res = await dastraRequest.call(this, 'GET', '/DataSubjectRequests', {
		qs: { q: filter || undefined, page, size: PICKER_PAGE, sortBy: 'dateCreation', asc: false },
		shape: 'page',
	});
	const { items, total } = asPage<Dsr>(res);
	return {
		results: items.map((r) => ({
			name: `#${r.id} ${r.title} (${r.state})`,
			value: String(r.id),
		})),
		paginationToken: page * PICKER_PAGE < total ? String(page + 1) : undefined,
	};
}

/** "From list" for tasks: newest first, searchable by label, paged as the user scrolls. */
export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const res = await dastraRequest.call(this, 'GET', '/Tasks', {
		qs: { q: filter || undefined, page, size: PICKER_PAGE, sortBy: 'dateCreation', asc: false },
	});
	const { items, total } = asPage<IDataObject>(res);
	return {
		results: items.map((t) => ({
			name: `#${String(t.id)} ${String(t.label ?? '')} (${String(t.state ?? '')})`,
			value: String(t.id),
		})),
		paginationToken: page * PICKER_PAGE < total ? String(page + 1) : undefined,
	};
}
