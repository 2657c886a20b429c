import { useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const remove = (messageId: string) => ({ resource: 'message', operation: 'delete', messageId });
const ID = '00000000-0000-4000-8000-000000000000';

describe('message delete', () => {
	it('DELETEs the message and returns {deleted: true}', async () => {
		const dsr = fake.seed();
		fake.messages.set(ID, { id: ID, message: 'Hello', dateCreation: '2026-01-01T00:00:00', userRequestId: dsr.id, attachments: [] });
		const r = await run(remove(ID));
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/DataSubjectMessages/${ID}` }]);
		expectItems(r, [{ deleted: true }]);
		expect(fake.messages.has(ID)).toBe(false);
	});

	it('names the missing message', async () => {
		const r = await run(remove(ID));
		expectCalls(r, [{ method: 'DELETE', path: `/v1/ws/7/DataSubjectMessages/${ID}` }]);
		expect(r.error?.message).toBe(`Message ${ID} was not found in workspace 7`);
	});

	it('refuses a message ID that is not a UUID, before any call', async () => {
		const r = await run(remove('42'));
		expectCalls(r, []);
		expect(r.error?.message).toBe('Message ID "42" is not a valid ID');
	});
});
