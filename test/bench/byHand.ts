/**
 * Get Many, Return All, against the HTTP Request node's pagination built by hand, in the same run
 * of a real n8n (test/e2e/harness.ts: the packed pack in N8N_E2E_VERSION, default 2.8.4) and the
 * same fake, at each latency. Both nodes sit in one workflow; the figures are n8n's own
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
	byHandCalls: number;
	getManyMs: number;
	getManyCalls: number;
}

export async function benchByHand(fake: FakeProcess, n: number, latencies: number[]): Promise<ByHandFigures[]> {
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
		/**
		 * Runs `node` alone after a manual trigger: its executionTime and the list calls it made.
		 * `n8n execute --rawOutput` prints the whole run data (10,000 items, tens of MB, and n8n may
		 * exit before its end is written), so the figures are read from its text: each node's task
		 * data names its status and executionTime before its items.
		 */
		const measure = async (id: string, node: { name: string }) => {
			await fake.clearLog();
			const file = join(n8n.folder, `${id}.json`);
			const workflow = { id, name: id, active: false, settings: {}, versionId: randomUUID(), nodes: [manualTrigger, node] };
			writeFileSync(file, JSON.stringify([{ ...workflow, connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } } }]));
			await n8n.cli(['import:workflow', `--input=${file}`]);
			const out = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], 600_000);
			const at = out.indexOf(`"${node.name}": [`);
			const task = /"executionTime": (\d+),\s*"executionStatus": "(\w+)"/.exec(out.slice(at));
			if (at === -1 || !task) throw new Error(`n8n printed no run data for ${node.name}:\n${out.slice(0, 2000)}`);
			if (task[2] !== 'success') throw new Error(`${node.name} ended ${task[2]}:\n${out.slice(at, at + 2000)}`);
			const calls = (await fake.log()).filter((c) => c.path.endsWith('/DataSubjectRequests')).length;
			// Both read the n requests in pages of 500, no more (a re-read or a retry would show here).
			if (calls !== Math.ceil(n / 500)) throw new Error(`${node.name} made ${calls} list calls`);
			return { ms: Number(task[1]), calls };
		};
		for (const latencyMs of latencies) {
			await fake.setLatency(latencyMs);
			const hand = await measure(`benchByHand${latencyMs}`, byHand);
			const node = await measure(`benchGetMany${latencyMs}`, getMany);
			out.push({ latencyMs, byHandMs: hand.ms, byHandCalls: hand.calls, getManyMs: node.ms, getManyCalls: node.calls });
		}
	} finally {
		n8n.cleanup();
	}
	return out;
}
