import { dsr, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const base = {
	title: 'Erasure request from ticket #4521',
	entityId: 12,
	purposes: ['Erasure', 'Access'],
	locale: 'fr',
};

describe('dataSubjectRequest create', () => {
	it('POSTs the required fields and every additional field, converted to Dastra names', async () => {
		const r = await run(
			dsr('create', {
				...base,
				simplify: false,
				additionalFields: {
					email: 'jane.doe@example.org',
					givenName: 'Jane',
					familyName: 'Doe',
					phoneNumber: '+33 1 23 45 67 89',
					description: 'Internal note',
					message: 'Please delete my account.',
					refId: 'ZD-4521',
					personCategory: 'Client',
					complex: true,
					operatorId: '301',
					workflowStepId: 102,
					tagIds: [201, '202'],
					address: '1 rue de la Paix',
					zipCode: '75002',
					city: 'Paris',
					countryCode: 'fr',
					customFields: '{"13_long": "1234567891234"}',
					additionalDatas: { source: 'zendesk' },
				},
			}),
		);
		expect(r.error).toBeUndefined();
		const [id] = [...fake.dsrs.keys()];
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests', query: {} },
			// Dastra answers a create with the light object: read back for entity, step and tag labels.
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequests/${id}`, query: {} },
		]);
		expect(r.calls[1].body).toEqual({
			title: 'Erasure request from ticket #4521',
			areaId: 12,
			purposes: ['Erasure', 'Access'],
			locale: 'fr',
			email: 'jane.doe@example.org',
			givenName: 'Jane',
			familyName: 'Doe',
			phoneNumber: '+33 1 23 45 67 89',
			description: 'Internal note',
			message: 'Please delete my account.',
			refId: 'ZD-4521',
			personCategory: 'Client',
			complex: true,
			operatorId: 301,
			workFlowStepId: 102,
			// TagDto: the document requires label and type on every tag.
			tags: [
				{ id: 201, label: 'VIP', type: 'DataSubject', color: '#ff0000' },
				{ id: 202, label: 'Helpdesk', type: 'DataSubject', color: '#00aa00' },
			],
			address: '1 rue de la Paix',
			zipCode: '75002',
			city: 'Paris',
			countryCode: 'FR',
			customFields: { '13_long': '1234567891234' },
			additionalDatas: { source: 'zendesk' },
		});
		expect(r.json).toHaveLength(1);
		const created = r.json[0];
		expect(created).toMatchObject({ title: base.title, areaId: 12, refId: 'ZD-4521', state: 'IdentityValidation' });
		expect(fake.dsrs.get(created.id as number)).toMatchObject({ email: 'jane.doe@example.org', complex: true });
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns the simplified request by default', async () => {
		const r = await run(dsr('create', base));
		expect(r.json).toEqual([
			{
				id: expect.any(Number),
				title: base.title,
				state: 'Open',
				purposes: ['Erasure', 'Access'],
				email: null,
				givenName: null,
				familyName: null,
				refId: null,
				locale: 'fr',
				channel: 'Internal',
				archived: false,
				dateCreation: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				dateUpdate: null,
				expiryTime: expect.stringMatching(/Z$/),
				remainingDays: expect.any(Number),
				stepId: 101,
				step: 'New',
				entityId: 12,
				entity: 'Moulinsart France SAS',
				tags: [],
			},
		]);
	});

	it.each([
		['an empty title', { title: '  ' }, 'Title is empty'],
		// Required parameters left empty are refused by n8n itself; empty values come from expressions.
		['no purpose', { purposes: '={{ [] }}' }, 'No purpose is set'],
		['a purpose outside the enum', { purposes: ['Deletion'] }, 'Purpose "Deletion" is not one Dastra knows'],
		['a non-numeric entity', { entityId: 'abc' }, 'Entity ID "abc" is not a valid ID'],
		['an empty entity', { entityId: '={{ "" }}' }, 'Entity ID is empty'],
		['an over-long locale', { locale: 'fr-FR-x-long' }, 'Locale is 12 characters long; Dastra accepts at most 10'],
		['an invalid email', { additionalFields: { email: 'jane.doe' } }, 'Email "jane.doe" is not a valid email address'],
		[
			'an over-long email',
			{ additionalFields: { email: `${'a'.repeat(250)}@x.org` } },
			'Email is 256 characters long; Dastra accepts at most 255',
		],
		['a 3-letter country code', { additionalFields: { countryCode: 'FRA' } }, 'Country code is 3 characters long; Dastra accepts at most 2'],
		// Limits from Dastra's OpenAPI document (fields/limits.generated.ts).
		['an over-long zip code', { additionalFields: { zipCode: '123456789' } }, 'Zip Code is 9 characters long; Dastra accepts at most 8'],
		['an over-long phone number', { additionalFields: { phoneNumber: '1'.repeat(61) } }, 'Phone Number is 61 characters long; Dastra accepts at most 60'],
		['an over-long first name', { additionalFields: { givenName: 'g'.repeat(181) } }, 'First Name is 181 characters long; Dastra accepts at most 180'],
		['an over-long last name', { additionalFields: { familyName: 'f'.repeat(181) } }, 'Last Name is 181 characters long; Dastra accepts at most 180'],
		['an over-long reference ID', { additionalFields: { refId: 'r'.repeat(356) } }, 'Reference ID is 356 characters long; Dastra accepts at most 355'],
		['an over-long address', { additionalFields: { address: 'a'.repeat(351) } }, 'Address is 351 characters long; Dastra accepts at most 350'],
		['an over-long city', { additionalFields: { city: 'c'.repeat(256) } }, 'City is 256 characters long; Dastra accepts at most 255'],
		['custom fields that are a list', { additionalFields: { customFields: '[1,2]' } }, 'Custom Fields must be a JSON object'],
		['custom fields that are not JSON', { additionalFields: { customFields: '{oops' } }, 'Custom Fields is not valid JSON'],
		['a person category outside the enum', { additionalFields: { personCategory: 'Alien' } }, 'Person category "Alien" is not one Dastra knows'],
		['a non-numeric step', { additionalFields: { workflowStepId: 'next' } }, 'Step ID "next" is not a valid ID'],
		['a non-numeric tag', { additionalFields: { tagIds: ['VIP'] } }, 'Tag ID "VIP" is not a valid ID'],
	])('refuses %s before any call', async (_, params, message) => {
		const r = await run(dsr('create', { ...base, ...params }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe(message);
		expect(r.error?.description).toEqual(expect.any(String));
		expect(r.error?.context?.itemIndex).toBe(0);
	});

	it('sends long titles and messages: the document sets no limit on them', async () => {
		const r = await run(dsr('create', { ...base, title: 't'.repeat(400), additionalFields: { message: 'm'.repeat(5000) } }));
		expect(r.error).toBeUndefined();
		expect(r.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
	});

	it('names the entity, step and tags in its output though Dastra answers the light object; tags read once per execution', async () => {
		const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
		const r = await run(dsr('create', { ...base, additionalFields: { tagIds: [201, 203] } }), { items });
		expect(r.error).toBeUndefined();
		// One GET /Tags for the three items, then per item a POST and a read-back.
		expect(r.calls.map((c) => `${c.method} ${c.path.replace(/\d{4,}$/, '{id}')}`)).toEqual([
			'GET /v1/ws/7/Tags',
			...items.flatMap(() => ['POST /v1/ws/7/DataSubjectRequests', 'GET /v1/ws/7/DataSubjectRequests/{id}']),
		]);
		expect(r.json).toHaveLength(3);
		for (const out of r.json) {
			expect(out).toMatchObject({ entity: 'Moulinsart France SAS', step: 'New', tags: ['VIP', 'Legal review'] });
		}
	});

	it('when the read-back fails, returns the light answer with the tags that were sent: the create has happened', async () => {
		fake.faults.push({ status: 500, match: (c) => c.method === 'GET' && /DataSubjectRequests\/\d+$/.test(c.path) });
		const r = await run(dsr('create', { ...base, additionalFields: { tagIds: [201] }, simplify: false }));
		const vip = { id: 201, label: 'VIP', type: 'DataSubject', color: '#ff0000' };
		const sent = { title: base.title, areaId: 12, locale: 'fr', purposes: ['Erasure', 'Access'], tags: [vip] };
		expectCalls(r, [
			{ method: 'GET', path: '/v1/ws/7/Tags', query: { type: 'DataSubject' } },
			{ method: 'POST', path: '/v1/ws/7/DataSubjectRequests', body: sent },
			{ method: 'GET', path: '/v1/ws/7/DataSubjectRequests/1000' },
		]);
		// The light answer (DataSubjectRequestLightDto) carries no tags: those sent are kept.
		expectItems(r, [expect.objectContaining({ ...sent, id: 1000, state: 'Open', workFlowStepId: 101 })]);
		expect(fake.dsrs.size).toBe(1);
	});

	it('refuses an unknown tag ID before the create', async () => {
		const r = await run(dsr('create', { ...base, additionalFields: { tagIds: [999] } }));
		expect(r.calls.map((c) => c.method)).toEqual(['GET']);
		expect(r.error?.message).toBe('Tag 999 does not exist in this workspace');
		expect(fake.dsrs.size).toBe(0);
	});

	it('says which field Dastra refused when the fake rejects the body', async () => {
		const r = await run(dsr('create', { ...base, entityId: 99 }));
		expect(r.calls).toHaveLength(1);
		expect(r.error?.message).toBe(
			'Dastra refused the request: One or more validation errors occurred. areaId: Entity 99 does not exist.',
		);
		expect(r.error?.httpCode).toBe('400');
	});

	describe('Reuse Request With Same Reference ID', () => {
		const reuse = (refId: string) =>
			dsr('create', { ...base, additionalFields: { refId }, options: { reuseByRefId: true }, simplify: false });

		it('returns the existing request and creates nothing when the reference ID is known', async () => {
			fake.seed({ refId: 'ZD-1' });
			const existing = fake.seed({ refId: 'ZD-4521', title: 'First filing' });
			const r = await run(reuse('ZD-4521'));
			expect(r.calls.map((c) => c.method)).toEqual(['GET']);
			expect(r.calls[0].query).toEqual({
				archived: 'false',
				filters: JSON.stringify({ field: 'RefId', operator: 'equal', value: 'ZD-4521' }),
				sortBy: 'dateCreation',
				asc: 'true',
				page: '1',
				size: '500',
			});
			expect(r.json).toEqual([existing]);
			expect(fake.dsrs.size).toBe(2);
		});

		it('finds an archived one too', async () => {
			const existing = fake.seed({ refId: 'ZD-7', archived: true });
			const r = await run(reuse('ZD-7'));
			expect(r.calls.map((c) => `${c.method} archived=${c.query.archived}`)).toEqual(['GET archived=false', 'GET archived=true']);
			expect(r.json[0].id).toBe(existing.id);
		});

		it('creates the request when no request has the reference ID; a second run reuses it', async () => {
			const first = await run(reuse('ZD-9'));
			expect(first.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'POST', 'GET']);
			const second = await run(reuse('ZD-9'));
			expect(second.calls.map((c) => c.method)).toEqual(['GET']);
			expect(second.json[0].id).toBe(first.json[0].id);
			expect(fake.dsrs.size).toBe(1);
		});

		it('needs a reference ID', async () => {
			const r = await run(dsr('create', { ...base, options: { reuseByRefId: true } }));
			expect(r.calls).toEqual([]);
			expect(r.error?.message).toBe('Reuse Request With Same Reference ID needs a Reference ID');
		});
	});

	it('refuses a credential without a workspace ID before any call', async () => {
		const r = await run(dsr('create', base), { credentials: { workspaceId: 0 } });
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('The Dastra credential has no workspace ID');
		expect(r.error?.description).toContain('Workspace ID');
	});
});
