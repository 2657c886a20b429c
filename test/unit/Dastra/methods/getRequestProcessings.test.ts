import type { IDataObject } from 'n8n-workflow';

import { getRequestProcessings } from '../../../../nodes/Dastra/methods/loadOptions';
import { useFakeDastra } from '../../../harness/dastra';
import { loadOptionsContext } from '../../../harness/n8n';

const { fake } = useFakeDastra();

const ctx = (requestId: IDataObject) =>
	loadOptionsContext({ resource: 'requestProcessing', operation: 'setState', requestId }, { dastraApi: fake.credentials() as never });

describe('loadOptions: getRequestProcessings (Processing Names or IDs)', () => {
	it("lists the chosen request's own processings by name, with their state, valued by UUID", async () => {
		const dsr = fake.seed();
		fake.processings.set(dsr.id, []);
		const other = fake.seed();
		const options = await getRequestProcessings.call(ctx({ __rl: true, mode: 'list', value: String(other.id) }));
		expect(fake.log.map((c) => c.path)).toEqual([`/v1/ws/7/DataSubjectRequestProcessings/${other.id}`]);
		expect(options).toEqual([
			{ name: 'Customer accounts (CRM) (New)', value: '6f1c2a10-0000-4000-8000-000000000001' },
			{ name: 'Newsletter (New)', value: '6f1c2a10-0000-4000-8000-000000000002' },
			{ name: 'Support tickets (New)', value: '6f1c2a10-0000-4000-8000-000000000003' },
		]);
	});

	it('asks nothing while no request is chosen', async () => {
		expect(await getRequestProcessings.call(ctx({ __rl: true, mode: 'list', value: '' }))).toEqual([]);
		expect(fake.log).toEqual([]);
	});
});
