/**
 * What a model reads about the node as a tool: n8n's own functions compute the tool's
 * description from our node description, as the agent does at run time.
 */
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Dastra } from '../../../nodes/Dastra/Dastra.node.ts';
import { PURPOSES } from '../../../nodes/Dastra/types';

const description: INodeTypeDescription = new Dastra().description;
const toolFor = (resource: string, operation: string) =>
	NodeHelpers.getToolDescriptionForNode(
		{ parameters: { resource, operation, descriptionType: 'auto' } } as never,
		{ description } as never,
	);

describe('Dastra as an AI tool: what the model reads', () => {
	it('describes each tool by what it is for, at the default Set Automatically', () => {
		expect(toolFor('dataSubjectRequest', 'create')).toBe(
			'Create a request for a person exercising a GDPR right (access, erasure, rectification, objection, portability) in Dastra',
		);
		expect(toolFor('dataSubjectRequest', 'getAll')).toBe(
			'Get many requests, or find a request by e-mail or Reference ID in Dastra',
		);
		expect(toolFor('message', 'create')).toBe(
			"Send a message to the person behind a request (they read it in Dastra's request portal) in Dastra",
		);
		expect(toolFor('entity', 'getAll')).toBe(
			'Get many entities (the organisations a request can be addressed to, with their IDs) in Dastra',
		);
	});

	it('gives every operation an action, so no tool is described as "<operation> <resource>"', () => {
		const pickers = description.properties.filter((p) => p.name === 'operation');
		const missing = pickers.flatMap((p) =>
			(p.options as INodePropertyOptions[]).filter((o) => !o.action).map((o) => `${String(p.displayOptions?.show?.resource)}.${o.value}`),
		);
		expect(missing).toEqual([]);
	});

	it("the tool's own description names the purpose values and the Reference ID habit", () => {
		const usable = description.usableAsTool;
		expect(typeof usable).toBe('object');
		const text = (usable as { replacements: { description: string } }).replacements.description;
		for (const purpose of ['Access', 'Erasure', 'Rectification', 'Opposition', 'Portability']) expect(text).toContain(purpose);
		// Every value named is one Dastra takes.
		const named = [...text.matchAll(/\b([A-Z][A-Za-z]+) \(/g)].map((m) => m[1]);
		expect(named.length).toBeGreaterThanOrEqual(6);
		for (const value of named) expect(PURPOSES).toContain(value);
		expect(text).toMatch(/search by that Reference ID before creating/);
	});

	it('carries a builder hint for n8n\'s workflow builder (ignored by n8n versions without one)', () => {
		const hint = (description as { builderHint?: { searchHint?: string } }).builderHint;
		expect(hint?.searchHint).toMatch(/data subject requests/);
	});
});
