import { searchRequests } from '../../../../nodes/Dastra/methods/listSearch';
import { getEntities, getTags, getUsers, getWorkflowSteps } from '../../../../nodes/Dastra/methods/loadOptions';
import { useFakeDastra } from '../../../harness/dastra';
import { loadOptionsContext } from '../../../harness/n8n';

const { fake } = useFakeDastra();

const ctx = () => loadOptionsContext({ resource: 'dataSubjectRequest', operation: 'get' }, { dastraApi: fake.credentials() as never });

describe('listSearch: searchRequests (the "From list" mode of Request)', () => {
	it('lists newest first, 50 a page, with a token for the next page', async () => {
		for (let k = 0; k < 60; k++) fake.seed({ title: `Req ${k}` }, Date.parse('2026-01-01T00:00:00Z') + k * 60_000);
		const first = await searchRequests.call(ctx());
		expect(fake.log[0].query).toEqual({ page: '1', size: '50', sortBy: 'dateCreation', asc: 'false' });
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: '#1059 Req 59 (Open)', value: '1059' });
		expect(first.paginationToken).toBe('2');
		const second = await searchRequests.call(ctx(), undefined, first.paginationToken as string);
		expect(second.results.map((r) => r.value)).toEqual(['1009', '1008', '1007', '1006', '1005', '1004', '1003', '1002', '1001', '1000']);
		expect(second.paginationToken).toBeUndefined();
	});

	it('searches by title', async () => {
		fake.seed({ title: 'Erasure for Jane' });
		fake.seed({ title: 'Access for Bob' });
		const found = await searchRequests.call(ctx(), 'jane');
		expect(fake.log[0].query.q).toBe('jane');
		expect(found.results.map((r) => r.name)).toEqual(['#1000 Erasure for Jane (Open)']);
	});
});

describe('loadOptions', () => {
	it('entities, sorted by name', async () => {
		expect(await getEntities.call(ctx())).toEqual([
			{ name: 'Moulinsart France SAS', value: 12 },
			{ name: 'Moulinsart GmbH', value: 13 },
			{ name: 'Moulinsart SA', value: 11 },
		]);
	});

	it('process steps, in process order, with the state each maps to', async () => {
		const steps = await getWorkflowSteps.call(ctx());
		expect(steps.map((s) => s.name)).toEqual(['New', 'Identity check', 'In progress', 'Erasure in systems', 'Closed']);
		expect(steps[1]).toEqual({ name: 'Identity check', value: 102, description: 'State: IdentityValidation' });
	});

	it('the step dropdown keeps working when GET /Workflows/DataSubject answers 404: steps seen on the requests', async () => {
		fake.stepsShape = 'missing';
		fake.seed({ workFlowStepId: 102 });
		fake.seed({ workFlowStepId: 101 });
		const steps = await getWorkflowSteps.call(ctx());
		expect(steps).toEqual([
			{ name: 'New', value: 101, description: 'State: Open' },
			{ name: 'Identity check', value: 102, description: 'State: IdentityValidation' },
		]);
		expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /v1/ws/7/Workflows/DataSubject',
			'GET /v1/ws/7/DataSubjectRequests',
		]);
		fake.stepsShape = 'array';
	});

	it('tags and users', async () => {
		expect((await getTags.call(ctx())).map((t) => t.name)).toEqual(['Helpdesk', 'Legal review', 'VIP']);
		expect(await getUsers.call(ctx())).toEqual([
			{ name: 'Alice Martin (alice@moulinsart.example)', value: 301 },
			{ name: 'Bob Durand (bob@moulinsart.example)', value: 302 },
		]);
	});
});
