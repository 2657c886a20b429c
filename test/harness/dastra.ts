/**
 * Per-suite setup: a fresh fake Dastra on a random loopback port and a runner for the Dastra node.
 * Before each test the fake is emptied and its switches set back (`options.now`: Dastra's clock,
 * e.g. one the test moves).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FakeDastra, type FakeOptions, type LoggedRequest } from '../fake-dastra/server';
import { nodeCredentials } from './credentials';
import { dastraWorkflow, runWorkflow } from './n8n';

export interface NodeRun {
	items: INodeExecutionData[];
	json: IDataObject[];
	error?: { message: string; description?: string | null; context?: IDataObject; httpCode?: string | null };
	/** What the node sent to the fake during this run. */
	calls: LoggedRequest[];
}

export function useFakeDastra(options: FakeOptions = {}) {
	const fake = new FakeDastra(options);
	beforeAll(async () => {
		await fake.start();
	});
	afterAll(async () => {
		await fake.stop();
	});
	beforeEach(() => {
		fake.reset();
		fake.clear();
		fake.defaults();
	});

	async function run(
		parameters: IDataObject,
		opts: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: IDataObject; type?: string; timezone?: string; typeVersion?: number; oAuth2?: IDataObject } = {},
	): Promise<NodeRun> {
		const before = fake.log.length;
		// `oAuth2`: the node signs in with this dastraOAuth2Api credential data (Authentication = OAuth2).
		const workflow = dastraWorkflow(opts.oAuth2 ? { authentication: 'oAuth2', ...parameters } : parameters, opts);
		if (opts.oAuth2) workflow.nodes[1].credentials = nodeCredentials({ dastraOAuth2Api: opts.oAuth2 });
		const result = await runWorkflow(
			workflow,
			opts.oAuth2 ? { dastraOAuth2Api: opts.oAuth2 as never } : { dastraApi: fake.credentials(opts.credentials ?? {}) as never },
		);
		const items = result.output('Dastra');
		return {
			items,
			json: items.map((i) => i.json),
			error: result.error('Dastra') as NodeRun['error'],
			calls: fake.log.slice(before),
		};
	}

	return { fake, run };
}

/** `{__rl: true, mode: 'id', value}`: how saved workflows store a request chosen by ID. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export const dsr = (operation: string, params: IDataObject = {}) => ({
	resource: 'dataSubjectRequest',
	operation,
	...params,
});

/** Method, path and query of each call: the shape most assertions compare. */
export const summary = (calls: LoggedRequest[]) =>
	calls.map((c) => ({ method: c.method, path: c.path, query: c.query }));
