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
	const path = (id: unknown) => `/v1/ws/7/DataSubjectRequests/${String(id)}`;

	it('sends one JSON Patch with one operation per changed field, and outputs the request Dastra answers', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', {
				requestId: byId(before.id as number),
				updateFields: { familyName: 'Smith', customFields: '{"13_long": "changed"}', tagIds: [202, 203], city: ' ' },
				simplify: false,
			}),
		);
		const tags = [
			{ id: 202, label: 'Helpdesk', type: 'DataSubject', color: '#00aa00' },
			{ id: 203, label: 'Legal review', type: 'DataSubject', color: '#0000ff' },
		];
		const after = fake.view(fake.dsrs.get(before.id as number)!);
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{
				method: 'PATCH',
				path: path(before.id),
				body: [
					{ op: 'replace', path: '/familyName', value: 'Smith' },
					{ op: 'replace', path: '/tags', value: tags },
					{ op: 'remove', path: '/city' },
					{ op: 'add', path: '/customFields/13_long', value: 'changed' },
				],
			},
		]);
		expect(r.calls[1].headers['content-type']).toMatch(/^application\/json-patch\+json/);
		expectItems(r, [after]);
		// Everything but the changed fields (and the update stamp) is as before.
		const { familyName, customFields, tags: t1, city, dateUpdate, ...untouched } = after;
		const { familyName: f0, customFields: c0, tags: t0, city: y0, dateUpdate: d0, ...untouchedBefore } = before;
		expect(untouched).toEqual(untouchedBefore);
		expect([familyName, city]).toEqual(['Smith', null]);
		expect(customFields).toEqual({ '13_long': 'changed', '14_text': 'also kept' });
		expect((t1 as Array<{ id: number }>).map((t) => t.id)).toEqual([202, 203]);
	});

	it("keeps a colleague's edit of another field made in Dastra while the update runs", async () => {
		const before = seedFull();
		const id = before.id as number;
		// The colleague saves the email just before the node's write reaches Dastra.
		fake.faults.push({
			times: 99,
			match: (c) => {
				if (c.method !== 'GET' && c.path === path(id)) fake.touch(id, { email: 'colleague@example.org' });
				return false;
			},
		});
		const r = await run(dsr('update', { requestId: byId(id), updateFields: { familyName: 'Smith' }, simplify: false }));
		expect(r.error).toBeUndefined();
		expect(fake.dsrs.get(id)).toMatchObject({ email: 'colleague@example.org', familyName: 'Smith' });
		expect(summary(r.calls)).toEqual([{ method: 'PATCH', path: path(id), query: {} }]);
	});

	it('moves the step and the entity by ID: the state follows the step, nested objects are never sent', async () => {
		const before = seedFull();
		const r = await run(
			dsr('update', { requestId: byId(before.id as number), updateFields: { workflowStepId: 105, entityId: 13 } }),
		);
		expectCalls(r, [
			{
				method: 'PATCH',
				path: path(before.id),
				body: [
					{ op: 'replace', path: '/areaId', value: 13 },
					{ op: 'replace', path: '/workFlowStepId', value: 105 },
				],
			},
		]);
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

	it('reads the request once after the patch when Dastra answers it without the request (an empty 200)', async () => {
		const before = seedFull();
		fake.faults.push({ status: 200, body: '', match: (c) => c.method === 'PATCH' });
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { city: 'Lyon' }, simplify: false }));
		// The fault answered instead of the route: the stored request is unchanged, and that is what is read.
		expectCalls(r, [
			{ method: 'PATCH', path: path(before.id), body: [{ op: 'replace', path: '/city', value: 'Lyon' }] },
			{ method: 'GET', path: path(before.id) },
		]);
		expectItems(r, [fake.view(fake.dsrs.get(before.id as number)!)]);
	});

	describe('when Dastra refuses PATCH', () => {
		it.each([405, 404] as const)(
			'%s: falls back to read-and-PUT without nested objects, once per execution, and says so',
			async (refusal) => {
				const a = seedFull();
				const b = seedFull();
				fake.patchRefusal = refusal;
				const r = await run(
					{ ...dsr('update', { requestId: '={{ $json.id }}', updateFields: { familyName: 'Smith' } }) },
					{ items: [{ id: a.id }, { id: b.id }] },
				);
				expect(r.error).toBeUndefined();
				// PATCH is tried once; the second item goes straight to read-and-PUT.
				expect(summary(r.calls)).toEqual([
					{ method: 'PATCH', path: path(a.id), query: {} },
					{ method: 'GET', path: path(a.id), query: {} },
					{ method: 'PUT', path: path(a.id), query: {} },
					{ method: 'GET', path: path(b.id), query: {} },
					{ method: 'PUT', path: path(b.id), query: {} },
				]);
				for (const put of r.calls.filter((c) => c.method === 'PUT')) {
					const body = put.body as Record<string, unknown>;
					for (const nested of ['area', 'workFlowStep', 'operator', 'creator', 'closedByUser']) expect(body).not.toHaveProperty(nested);
					expect(body).toMatchObject({ familyName: 'Smith', title: 'Access request', areaId: 12, workFlowStepId: 103, email: 'jane.doe@example.org' });
				}
				expect(r.json.map((j) => [j.id, j.familyName])).toEqual([[a.id, 'Smith'], [b.id, 'Smith']]);
				expect(r.json.every((j) => typeof j.notice === 'string' && /PUT/.test(j.notice))).toBe(true);
			},
		);

		it('a 404 on PATCH for a request GET does not find either is "not found", with no PUT', async () => {
			const r = await run(dsr('update', { requestId: byId(424242), updateFields: { city: 'Lyon' } }));
			expect(summary(r.calls)).toEqual([
				{ method: 'PATCH', path: path(424242), query: {} },
				{ method: 'GET', path: path(424242), query: {} },
			]);
			expect(r.error?.message).toBe('Data subject request 424242 was not found in workspace 7');
			expect(r.error?.httpCode).toBe('404');
		});

		it('another refusal (400) is the update\'s own error: no fallback', async () => {
			const before = seedFull();
			fake.faults.push({ status: 400, body: { message: 'Nope' }, match: (c) => c.method === 'PATCH' });
			const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { city: 'Lyon' } }));
			expect(summary(r.calls)).toEqual([{ method: 'PATCH', path: path(before.id), query: {} }]);
			expect(r.error?.message).toBe('Dastra refused the request: Nope');
		});
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

	it('a tag Dastra lists without type or color goes out as a DataSubject tag with no color', async () => {
		const before = seedFull();
		fake.faults.push({ status: 200, body: { items: [{ id: 202, label: 'Legal review' }], total: 1 }, match: (c) => c.path === '/v1/ws/7/Tags' });
		const r = await run(dsr('update', { requestId: byId(before.id as number), updateFields: { tagIds: [202] }, simplify: false }));
		const tags = [{ id: 202, label: 'Legal review', type: 'DataSubject', color: null }];
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'PATCH', path: path(before.id), body: [{ op: 'replace', path: '/tags', value: tags }] },
		]);
		// The fake's store names tag 202 from its own catalogue.
		expectItems(r, [expect.objectContaining({ id: before.id, tags: [expect.objectContaining({ id: 202 })] })]);
	});
});

describe("the fake's PATCH follows Dastra's document", () => {
	it.each([
		['an operation with a field Operation does not have', [{ op: 'replace', path: '/city', value: 'Lyon', extra: 1 }], 400],
		['a path to no field', [{ op: 'replace', path: '/nope', value: 1 }], 400],
		['an empty document', [], 400],
	])('refuses %s, changing nothing', async (_name, body, status) => {
		const before = fake.seed({ city: 'Paris' });
		const res = await fetch(`${fake.baseUrl}/v1/ws/7/DataSubjectRequests/${String(before.id)}`, {
			method: 'PATCH',
			headers: { 'X-API-Key': fake.privateKey, 'Content-Type': 'application/json-patch+json' },
			body: JSON.stringify(body),
		});
		expect(res.status).toBe(status);
		expect(fake.dsrs.get(before.id as number)!.city).toBe('Paris');
	});
});
