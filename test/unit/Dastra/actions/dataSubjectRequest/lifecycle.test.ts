/** Delete, Change Step, Archive and Restore: each an action on one request. */
import { byId, dsr, summary, useFakeDastra } from '../../../../harness/dastra';

const { fake, run } = useFakeDastra();

describe('dataSubjectRequest delete', () => {
	it('DELETEs the request and returns {deleted: true}', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('delete', { requestId: byId(seeded.id as number) }));
		expect(summary(r.calls)).toEqual([{ method: 'DELETE', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}`, query: {} }]);
		expect(r.json).toEqual([{ deleted: true }]);
		expect(fake.dsrs.has(seeded.id as number)).toBe(false);
	});

	it('says which request was missing', async () => {
		const r = await run(dsr('delete', { requestId: byId(77) }));
		expect(r.error?.message).toBe('Data subject request 77 was not found in workspace 7');
	});
});

describe('dataSubjectRequest changeStep', () => {
	it('POSTs {id, stepId} to /workflow and returns the request as it now stands', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(seeded.id as number), stepId: 104 }));
		expect(summary(r.calls)).toEqual([
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests/workflow', query: {} },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}`, query: {} },
		]);
		expect(r.calls[0].body).toEqual({ id: seeded.id, stepId: 104 });
		expect(r.json[0]).toMatchObject({ id: seeded.id, stepId: 104, step: 'Erasure in systems', state: 'Active' });
	});

	it('takes the step ID from an expression', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(seeded.id as number), stepId: '={{ "105" }}' }));
		expect(r.calls[0].body).toEqual({ id: seeded.id, stepId: 105 });
		expect(r.json[0]).toMatchObject({ state: 'Closed' });
	});

	it('refuses a non-numeric step before any call', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(seeded.id as number), stepId: '={{ "Closed" }}' }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Step ID "Closed" is not a valid ID');
	});

	it('passes on Dastra refusing an unknown step', async () => {
		const seeded = fake.seed();
		const r = await run(dsr('changeStep', { requestId: byId(seeded.id as number), stepId: 999 }));
		expect(r.error?.message).toBe('Dastra refused the request: Step 999 does not exist');
	});
});

describe('dataSubjectRequest archive and restore', () => {
	it('archives, then restores, returning the request each time', async () => {
		const seeded = fake.seed();
		const archived = await run(dsr('archive', { requestId: byId(seeded.id as number), simplify: false }));
		expect(summary(archived.calls)).toEqual([
			{ method: 'POST', path: `/v1/ws/7/DataSubjectRequests/archive/${seeded.id}`, query: {} },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${seeded.id}`, query: {} },
		]);
		expect(archived.calls[0].body).toBeUndefined();
		expect(archived.json[0]).toMatchObject({ id: seeded.id, archived: true, archivedDate: expect.any(String) });

		const restored = await run(dsr('restore', { requestId: byId(seeded.id as number) }));
		expect(restored.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			`POST /v1/ws/7/DataSubjectRequests/restore/${seeded.id}`,
			`GET /v1/ws/7/DataSubjectRequests/${seeded.id}`,
		]);
		expect(restored.json[0]).toMatchObject({ id: seeded.id, archived: false });
	});

	it('archiving a missing request names it', async () => {
		const r = await run(dsr('archive', { requestId: byId(5) }));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe('Data subject request 5 was not found in workspace 7');
	});
});
