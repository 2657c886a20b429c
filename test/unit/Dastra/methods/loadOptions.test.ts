/** The dropdowns when Dastra's answers leave fields out (methods.test.ts has the complete ones). */
import type { IDataObject } from 'n8n-workflow';

import {
	getEntities,
	getRequestProcessings,
	getTags,
	getUsers,
	getWorkflowSteps,
} from '../../../../nodes/Dastra/methods/loadOptions';
import { useFakeDastra } from '../../../harness/dastra';
import { expectCalls } from '../../../harness/expect';
import { loadOptionsContext } from '../../../harness/n8n';

const { fake } = useFakeDastra();

const ctx = (parameters: IDataObject = {}) =>
	loadOptionsContext({ resource: 'dataSubjectRequest', operation: 'get', ...parameters }, { dastraApi: fake.credentials() as never });
/** The next call to `path` answers `body`. */
const answer = (path: string, body: unknown) =>
	fake.faults.push({ status: 200, body, match: (c) => c.path === path });
const page = (items: IDataObject[]) => ({ items, total: items.length });

describe('loadOptions with sparse answers', () => {
	it('an entity or tag without a label is named by its ID, and sorted with the others', async () => {
		answer('/v1/ws/7/Areas', page([{ id: 12, label: 'Moulinsart SA' }, { id: 5 }, { id: 7, label: '' }]));
		answer('/v1/ws/7/Tags', page([{ id: 3 }, { id: 1, label: 'VIP' }]));
		expect(await getEntities.call(ctx())).toEqual([
			{ name: '#5', value: 5 },
			{ name: '#7', value: 7 },
			{ name: 'Moulinsart SA', value: 12 },
		]);
		expect(await getTags.call(ctx())).toEqual([
			{ name: '#3', value: 3 },
			{ name: 'VIP', value: 1 },
		]);
		expectCalls({ calls: fake.log }, [
			{ method: 'GET', path: '/v1/ws/7/Areas', query: { type: 'Entity', page: '1', size: '500' } },
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
		]);
	});

	it('steps given as {steps}: ordered by order (none counts as 0), named by ID without a label, no state without one', async () => {
		answer('/v1/ws/7/Workflows/DataSubject', {
			steps: [
				{ id: 103, label: 'Closed', order: 2, mappedState: 'Closed' },
				{ id: 102, order: 1 },
				{ id: 101, label: 'New' },
			],
		});
		expect(await getWorkflowSteps.call(ctx())).toEqual([
			{ name: 'New', value: 101, description: undefined },
			{ name: '#102', value: 102, description: undefined },
			{ name: 'Closed', value: 103, description: 'State: Closed' },
		]);
		expectCalls({ calls: fake.log }, [{ method: 'GET', path: '/v1/ws/7/Workflows/DataSubject' }]);
	});

	it('an empty step list answer (JSON null) gives an empty dropdown, not an error', async () => {
		fake.faults.push({ status: 200, body: 'null', headers: { 'content-type': 'application/json' } });
		expect(await getWorkflowSteps.call(ctx())).toEqual([]);
		expectCalls({ calls: fake.log }, [{ method: 'GET', path: '/v1/ws/7/Workflows/DataSubject' }]);
	});

	it('without a step list, steps seen on requests: the nested step, else #ID from workFlowStepId; no step, no entry', async () => {
		fake.stepsShape = 'missing';
		answer(
			'/v1/ws/7/DataSubjectRequests',
			page([
				{ id: 1, workFlowStepId: 104 },
				{ id: 2, workFlowStep: { id: 102, label: 'Identity check', order: 1 }, workFlowStepId: 102 },
				{ id: 3, workFlowStepId: null },
				{ id: 4, workFlowStepId: 104 },
			]),
		);
		expect(await getWorkflowSteps.call(ctx())).toEqual([
			{ name: '#104', value: 104, description: undefined },
			{ name: 'Identity check', value: 102, description: undefined },
		]);
		expectCalls({ calls: fake.log }, [
			{ method: 'GET', path: '/v1/ws/7/Workflows/DataSubject' },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests', query: { page: '1', size: '500', sortBy: 'dateUpdate', asc: 'false' } },
		]);
	});

	it('users without a display name are named by given and family name; without an email, by name alone', async () => {
		answer(
			'/v1/TenantUsers',
			page([
				{ id: 2, givenName: 'Bob', familyName: 'Durand' },
				{ id: 1, displayName: 'Alice Martin', email: 'alice@example.org' },
				{ id: 3, familyName: 'Haddock', email: 'haddock@example.org' },
				{ id: 4 },
			]),
		);
		expect(await getUsers.call(ctx())).toEqual([
			{ name: '#4', value: 4 },
			{ name: 'Alice Martin (alice@example.org)', value: 1 },
			{ name: 'Bob Durand', value: 2 },
			{ name: 'Haddock (haddock@example.org)', value: 3 },
		]);
	});

	it('a processing without a name is listed by its ID, and without a state as New', async () => {
		const dsr = fake.seed();
		answer(`/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, [
			{ dataProcessingId: '6f1c2a10-0000-4000-8000-000000000009', state: 'Done' },
			{ dataProcessing: { id: '6f1c2a10-0000-4000-8000-000000000001', label: 'Newsletter' } },
		]);
		expect(await getRequestProcessings.call(ctx({ requestId: { __rl: true, mode: 'id', value: String(dsr.id) } }))).toEqual([
			{ name: '6f1c2a10-0000-4000-8000-000000000009 (Done)', value: '6f1c2a10-0000-4000-8000-000000000009' },
			{ name: 'Newsletter (New)', value: '6f1c2a10-0000-4000-8000-000000000001' },
		]);
	});

	it('asks nothing while the request is not set at all', async () => {
		expect(await getRequestProcessings.call(ctx())).toEqual([]);
		expectCalls({ calls: fake.log }, []);
	});
});
