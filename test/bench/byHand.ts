/**
 * Get Many, Return All, against the HTTP Request node's pagination built by hand, in the same run
 * of a real n8n (test/e2e/harness.ts: the packed pack in N8N_E2E_VERSION, default 2.8.4) and the
 * same fake, at each latency: each node alone after a manual trigger; the figures are n8n's own
 * executionTime of each node. The by-hand flow is the best a user can build: 500 a page, page
 * number from $pageCount, done when a page comes back short (one HTTP item per page; a Split Out
 * would follow to get one item per request).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { dastraNode, manualTrigger, setupN8n } from '../e2e/harness';
import type { FakeProcess } from './util';

export interface ByHandFigures {
	latencyMs: number;
	byHandMs: number;
	getManyMs: number;
	/** List calls each made (checked: both read the pages of 500 once). */
	calls: number;
	runs: number;
}

export async function benchByHand(fake: FakeProcess, n: number, latencies: number[], reps = 3): Promise<ByHandFigures[]> {
	const { baseUrl, privateKey, workspaceId } = fake.credentials;
	const n8n = await setupN8n();
	const out: ByHandFigures[] = [];
	try {
		await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials });
		const byHand = {
			id: 'by-hand',
			name: 'By hand',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [250, 200],
			parameters: {
				url: `${baseUrl}/v1/ws/${workspaceId}/DataSubjectRequests`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'size', value: '500' }] },
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-API-Key', value: privateKey }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.items.length < 500 || $pageCount * 500 >= $response.body.total }}',
						},
					},
				},
			},
		};
		const getMany = dastraNode('Get Many', { resource: 'dataSubjectRequest', operation: 'getAll', returnAll: true, simplify: false }, [250, 0]);
		/** Imports a workflow that runs `node` alone after a manual trigger; returns its ID. */
		const load = async (id: string, node: { name: string }) => {
			const file = join(n8n.folder, `${id}.json`);
			const workflow = { id, name: id, active: false, settings: {}, versionId: randomUUID(), nodes: [manualTrigger, node] };
			writeFileSync(file, JSON.stringify([{ ...workflow, connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } } }]));
			await n8n.cli(['import:workflow', `--input=${file}`]);
			return { id, name: node.name };
		};
		/**
		 * Runs a loaded workflow: its node's executionTime. `n8n execute --rawOutput` prints the
		 * whole run data (10,000 items, tens of MB, and n8n may exit before its end is written), so
		 * the figure is read from its text: a node's task data names its executionTime and status
		 * before its items.
		 */
		const measure = async ({ id, name }: { id: string; name: string }) => {
			await fake.clearLog();
			const out = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], 600_000);
			const at = out.indexOf(`"${name}": [`);
			const task = /"executionTime": (\d+),\s*"executionStatus": "(\w+)"/.exec(out.slice(at));
			if (at === -1 || !task) throw new Error(`n8n printed no run data for ${name}:\n${out.slice(0, 2000)}`);
			if (task[2] !== 'success') throw new Error(`${name} ended ${task[2]}:\n${out.slice(at, at + 2000)}`);
			const calls = (await fake.log()).filter((c) => c.path.endsWith('/DataSubjectRequests')).length;
			// Both read the n requests in pages of 500, no more (a re-read or a retry would show here).
			if (calls !== Math.ceil(n / 500)) throw new Error(`${name} made ${calls} list calls`);
			return Number(task[1]);
		};
		const hand = await load('benchByHand', byHand);
		const node = await load('benchGetMany', getMany);
		// Each pair is run `reps` times, alternately: the figures are the medians (this machine is shared).
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		for (const latencyMs of latencies) {
			await fake.setLatency(latencyMs);
			const byHandMs: number[] = [];
			const getManyMs: number[] = [];
			for (let rep = 0; rep < reps; rep++) {
				byHandMs.push(await measure(hand));
				getManyMs.push(await measure(node));
			}
			out.push({ latencyMs, byHandMs: median(byHandMs), getManyMs: median(getManyMs), calls: Math.ceil(n / 500), runs: reps });
		}
	} finally {
		n8n.cleanup();
	}
	return out;
}
