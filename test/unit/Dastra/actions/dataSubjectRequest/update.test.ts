import { byId, dsr, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

function seedFull() {
	return fake.seed({
		title: 'Access request',
		areaId: 12,
		purposes: ['Access', 'Portability'],
		locale: 'fr',
		email: 'jane.doe@example.org',
		givenName: 'Jane',
		familyName: 'Doe',
		phoneNumber: '+33 1 23 45 67 89',
		refId: 'ZD-4521',
		operatorId: 301,
		workFlowStepId: 103,
		tags: [{ id: 201 }],
		city: 'Paris',
		countryCode: 'FR',
		customFields: { '13_long': 'kept', '14_text': 'also kept' },
		additionalDatas: { source: 'zendesk' },
		personCategory: 'Client',
		complex: true,
	});
}

describe('dataSubjectRequest update', () => {
	it('changes only the fields set and keeps every other field, though PUT replaces the whole request', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', {
				requestId: byId(before.id as number),
				updateFields: { familyName: 'Smith', customFields: '{"13_long": "changed"}', tagIds: [202, 203] },
				simplify: false,
			}),
		);
		expect(r.error).toBeUndefined();
		// Tags go out as full TagDto objects, read from GET /Tags.
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${before.id}`, query: {} },
			{ method: 'PUT', path: `/v1/ws/7/DataSubjectRequests/${before.id}`, query: {} },
		]);
		expect((r.calls[2].body as { tags: unknown }).tags).toEqual([
			{ id: 202, label: 'Helpdesk', type: 'DataSubject', color: '#00aa00' },
			{ id: 203, label: 'Legal review', type: 'DataSubject', color: '#0000ff' },
		]);
		const after = fake.view(fake.dsrs.get(before.id as number)!);
		// Everything but the three changed fields (and the update stamp) is as before.
		const { familyName, customFields, tags, dateUpdate, ...untouched } = after;
		const { familyName: f0, customFields: c0, tags: t0, dateUpdate: d0, ...untouchedBefore } = before;
		expect(untouched).toEqual(untouchedBefore);
		expect(familyName).toBe('Smith');
		expect(customFields).toEqual({ '13_long': 'changed', '14_text': 'also kept' });
		expect((tags as Array<{ id: number }>).map((t) => t.id)).toEqual([202, 203]);
		expect(dateUpdate).not.toBeNull();
		expect(r.json[0]).toMatchObject({ id: before.id, familyName: 'Smith', email: 'jane.doe@example.org' });
	});

	it('updates a request with no operator or person category: nulls the document refuses are left out of the PUT', async () => {
		const before = fake.seed({ personCategory: null, operatorId: null });
		expect(before).toMatchObject({ operator: null, personCategory: null });
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { familyName: 'Smith' } }));
		expect(r.error).toBeUndefined();
		const put = r.calls[1].body as Record<string, unknown>;
		expect(put).not.toHaveProperty('operator');
		expect(put).not.toHaveProperty('personCategory');
		expect(put).toMatchObject({ familyName: 'Smith', operatorId: null });
		expect(fake.dsrs.get(before.id as number)).toMatchObject({ familyName: 'Smith', personCategory: null });
	});

	it('moves the step by ID and drops the stale nested step object from the PUT body', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', { requestId: byId(before.id as number), updateFields: { workflowStepId: 105, entityId: 13 } }),
		);
		expect(r.error).toBeUndefined();
		const put = r.calls[1].body as Record<string, unknown>;
		expect(put.workFlowStepId).toBe(105);
		expect(put.areaId).toBe(13);
		expect(put).not.toHaveProperty('workFlowStep');
		expect(put).not.toHaveProperty('area');
		expect(r.json[0]).toMatchObject({ state: 'Closed', stepId: 105, step: 'Closed', entityId: 13, entity: 'Moulinsart GmbH' });
	});

	it('sets update-only fields (closing reason, resolution message)', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', {
				requestId: byId(before.id as number),
				updateFields: { closedReason: 'Accepted', closedReasonDescription: 'Done', resolutionMessage: 'Your data was erased.', title: 'New title', locale: 'de', purposes: ['Erasure'] },
				simplify: false,
			}),
		);
		expect(r.error).toBeUndefined();
		expect(r.json[0]).toMatchObject({
			closedReason: 'Accepted',
			closedReasonDescription: 'Done',
			resolutionMessage: 'Your data was erased.',
			title: 'New title',
			locale: 'de',
			purposes: ['Erasure'],
			givenName: 'Jane',
		});
	});

	it('sends the whole request in the PUT (Dastra refuses one missing its required fields) and returns what it answered', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', { requestId: byId(before.id as number), updateFields: { familyName: 'Smith' }, simplify: false }),
		);
		const after = fake.view(fake.dsrs.get(before.id as number)!);
		expectItems(r, [after]);
		expectCalls(r, [
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${before.id}` },
			{
				method: 'PUT',
				path: `/v1/ws/7/DataSubjectRequests/${before.id}`,
				// Every field a naive PUT of the change alone would drop, and Dastra would refuse or erase.
				body: expect.objectContaining({
					id: before.id,
					title: 'Access request',
					areaId: 12,
					purposes: ['Access', 'Portability'],
					locale: 'fr',
					email: 'jane.doe@example.org',
					givenName: 'Jane',
					familyName: 'Smith',
					phoneNumber: '+33 1 23 45 67 89',
					refId: 'ZD-4521',
					workFlowStepId: 103,
					customFields: { '13_long': 'kept', '14_text': 'also kept' },
					additionalDatas: { source: 'zendesk' },
					complex: true,
				}),
			},
		]);
		const { familyName, dateUpdate, ...untouched } = after;
		const { familyName: f0, dateUpdate: d0, ...untouchedBefore } = before;
		expect([f0, familyName]).toEqual(['Doe', 'Smith']);
		expect(untouched).toEqual(untouchedBefore);
	});

	it.each([
		['no field', {}, 'No field to update'],
		['an invalid email', { email: 'not-an-email' }, 'Email "not-an-email" is not a valid email address'],
		['a closing reason outside the enum', { closedReason: 'Bored' }, 'Closed reason "Bored" is not one Dastra knows'],
		['custom fields as a number', { customFields: '42' }, 'Custom Fields must be a JSON object'],
		['an over-long zip code', { zipCode: '123456789' }, 'Zip Code is 9 characters long; Dastra accepts at most 8'],
		['a country code that is not two letters', { countryCode: 'F1' }, 'Country code "F1" is not two letters'],
	])('refuses %s before any call, leaving the request untouched', async (_, updateFields, message) => {
		const before = seedFull();
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
		expect(fake.view(fake.dsrs.get(before.id as number)!)).toEqual(before);
	});

	it('empty tags and city clear them: no tags (and no GET /Tags), a null city', async () => {
		const before = seedFull();
		const path = `/v1/ws/7/DataSubjectRequests/${before.id}`;
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { tagIds: '', city: ' ' }, simplify: false }));
		expectCalls(r, [
			{ method: 'GET', path },
			{ method: 'PUT', path, body: expect.objectContaining({ id: before.id, tags: [], city: null, countryCode: 'FR' }) },
		]);
		expectItems(r, [expect.objectContaining({ id: before.id, tags: [], city: null, countryCode: 'FR' })]);
	});

	it('a tag Dastra lists without type or color goes out as a DataSubject tag with no color', async () => {
		const before = seedFull();
		const path = `/v1/ws/7/DataSubjectRequests/${before.id}`;
		fake.faults.push({ status: 200, body: { items: [{ id: 202, label: 'Legal review' }], total: 1 }, match: (c) => c.path === '/v1/ws/7/Tags' });
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { tagIds: [202] }, simplify: false }));
		const tags = [{ id: 202, label: 'Legal review', type: 'DataSubject', color: null }];
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'GET', path },
			{ method: 'PUT', path, body: expect.objectContaining({ id: before.id, tags }) },
		]);
		// The fake's store names tag 202 from its own catalogue.
		expectItems(r, [expect.objectContaining({ id: before.id, tags: [expect.objectContaining({ id: 202 })] })]);
	});

	it('reports a missing request with its ID and workspace, and sends no PUT', async () => {
		const r = await run(dsr('update', { requestId: byId(424242), updateFields: { city: 'Lyon' } }));
		expect(summary(r.calls)).toEqual([{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/424242', query: {} }]);
		expect(r.error?.message).toBe('Data subject request 424242 was not found in workspace 7');
		expect(r.error?.httpCode).toBe('404');
	});
});
