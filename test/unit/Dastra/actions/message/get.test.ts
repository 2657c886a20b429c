import { useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const get = (messageId: string) => ({ resource: 'message', operation: 'get', messageId });
const ID = '00000000-0000-4000-8000-000000000000';

describe('message get', () => {
	it('GETs the message by ID and returns it as Dastra sends it', async () => {
		const dsr = fake.seed();
		const message = { id: ID, message: 'Hello', dateCreation: '2026-01-01T00:00:00', userRequestId: dsr.id, attachments: [] };
		fake.messages.set(ID, message);
		const r = await run(get(` ${ID.toUpperCase()} `));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectMessages/${ID}` }]);
		expectItems(r, [message]);
	});

	it('names the missing message', async () => {
		const r = await run(get(ID));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectMessages/${ID}` }]);
		expect(r.error?.message).toBe(`Message ${ID} was not found in workspace 7`);
	});

	it('refuses a message ID that is not a UUID, before any call', async () => {
		const r = await run(get('42'));
		expectCalls(r, []);
		expect(r.error?.message).toBe('Message ID "42" is not a valid ID');
	});
});
