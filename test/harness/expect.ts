/**
 * The one way operation tests assert a run: the exact calls the fake received (method, path,
 * query, body; a missing query means none, a missing body means no body) and the exact items
 * returned, each paired with its input item. Asymmetric matchers (expect.any) are allowed for
 * values the test cannot know, such as timestamps the fake sets.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NodeRun } from './dastra';

export interface ExpectedCall {
	method: string;
	path: string;
	query?: Record<string, unknown>;
	body?: unknown;
}

export function expectCalls(run: Pick<NodeRun, 'calls'>, expected: ExpectedCall[]) {
	expect(run.calls.map(({ method, path, query, body }) => ({ method, path, query, body }))).toEqual(
		expected.map(({ method, path, query = {}, body }) => ({ method, path, query, body })),
	);
}

/** `paired[k]` is the input item output item k came from (default 0: one input item). */
export function expectItems(run: Pick<NodeRun, 'items' | 'error'>, json: IDataObject[], paired: number[] = []) {
	expect(run.error).toBeUndefined();
	expect(run.items.map((i) => ({ json: i.json, pairedItem: i.pairedItem }))).toEqual(
		json.map((j, k) => ({ json: j, pairedItem: { item: paired[k] ?? 0 } })),
	);
}
