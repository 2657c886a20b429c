import { searchTasks } from '../../../../nodes/Dastra/methods/listSearch';
import { getTaskTags } from '../../../../nodes/Dastra/methods/loadOptions';
import { seedTask } from '../../../fake-dastra/tasks';
import { useFakeDastra } from '../../../harness/dastra';
import { loadOptionsContext } from '../../../harness/n8n';

const { fake } = useFakeDastra();

const ctx = () => loadOptionsContext({ resource: 'task', operation: 'get' }, { dastraApi: fake.credentials() as never });

describe('listSearch: searchTasks (the "From list" mode of Task)', () => {
	it('lists newest first, 50 a page, with a token for the next page', async () => {
		for (let k = 0; k < 55; k++) seedTask(fake, { label: `Erase ${k}` }, Date.parse('2026-01-01T00:00:00Z') + k * 60_000);
		const first = await searchTasks.call(ctx());
		expect(fake.log.map((c) => [c.path, c.query])).toEqual([['/v1/ws/7/Tasks', { page: '1', size: '50', sortBy: 'dateCreation', asc: 'false' }]]);
		expect(first.results[0]).toEqual({ name: '#5054 Erase 54 (Open)', value: '5054' });
		expect(first.paginationToken).toBe('2');
		const second = await searchTasks.call(ctx(), undefined, '2');
		expect(second.results.map((r) => r.value)).toEqual(['5004', '5003', '5002', '5001', '5000']);
		expect(second.paginationToken).toBeUndefined();
	});

	it('searches by label', async () => {
		seedTask(fake, { label: 'Erase the CRM' });
		seedTask(fake, { label: 'Purge backups', state: 'Closed' });
		const found = await searchTasks.call(ctx(), 'backups');
		expect(fake.log[0].query.q).toBe('backups');
		expect(found.results).toEqual([{ name: '#5001 Purge backups (Closed)', value: '5001' }]);
	});
});

describe('loadOptions: getTaskTags', () => {
	it('only the task tags, sorted by name', async () => {
		expect(await getTaskTags.call(ctx())).toEqual([
			{ name: 'Backups', value: 212 },
			{ name: 'Erasure', value: 211 },
		]);
		expect(fake.log.map((c) => c.query)).toEqual([{ type: 'Task' }]);
	});
});
