/**
 * The output schemas n8n shows before a run (nodes/Dastra/__schema__): up to date with their
 * generator, and true to what the node really emits: every operation runs against the fake, in
 * both Simplify modes where it has the parameter, and each item is validated against its file.
 * A simplified item has exactly the schema's fields; a full item has no field the schema lacks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { IDataObject } from 'n8n-workflow';

import { SCHEMA_DIR, descriptions, generateSchemas, operationsOf, padVersion, staleSchemas } from '../../../scripts/gen-schemas.ts';
import { seedTask, viewTask } from '../../fake-dastra/tasks';
import { byId, useFakeDastra } from '../../harness/dastra';

const { fake, run } = useFakeDastra();

const MESSAGE_ID = '00000000-0000-4000-8000-000000000000';
const FILE_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/**
 * Parameters (and input items) that make each operation succeed on the fake at node version
 * `version`, seeding what it needs.
 */
function fixture(resource: string, operation: string, version: number): { params: IDataObject; items?: IDataObject[] } {
	const dsr = fake.seed({ email: 'jane@example.org', refId: 'T-1', tags: [{ id: 201, label: 'VIP', type: 'DataSubject', color: '#ff0000' }] });
	const requestId = byId(dsr.id as number);
	fake.messages.set(MESSAGE_ID, { id: MESSAGE_ID, message: 'Hello', dateCreation: '2026-01-01T00:00:00', userRequestId: dsr.id, attachments: [] });
	fake.attachments.set(FILE_ID, {
		dto: { id: FILE_ID, fileName: 'a.pdf', extension: 'pdf', size: 1, userRequestId: dsr.id, userRequestMessageId: null },
		bytes: Buffer.from('a'),
		mimeType: 'application/pdf',
	});
	// A task with its nested objects filled in (assignee, owner, entity, tags), on the request.
	const task = seedTask(fake, {
		label: 'Erase the CRM',
		descriptionHtml: '<p>All of it</p>',
		objectId: String(dsr.id),
		assignedToUserId: 301,
		deadline: '2026-06-30T16:00:00',
		tags: [{ id: 211 }],
	});
	const taskId = byId(task.id as number);
	// Version 1.1 asks which processings (version 1: none given = all of the request's).
	const scope = version >= 1.1 ? { scope: 'all' } : {};
	const table: Record<string, IDataObject> = {
		'dataSubjectRequest.create': { title: 'Erasure', entityId: 12, purposes: ['Erasure'], locale: 'en', additionalFields: { email: 'bob@example.org', tagIds: [201] } },
		'dataSubjectRequest.get': { requestId },
		'dataSubjectRequest.getAll': { limit: 5 },
		'dataSubjectRequest.update': { requestId, updateFields: { title: 'Renamed' } },
		'dataSubjectRequest.delete': { requestId },
		'dataSubjectRequest.changeStep': { requestId, stepId: 104 },
		'dataSubjectRequest.archive': { requestId },
		'dataSubjectRequest.restore': { requestId },
		'dataSubjectRequest.setIdentityValidation': { requestId, validated: true },
		'dataSubjectRequest.export': { format: 'json' },
		'dataSubjectRequest.getStats': {},
		'message.create': { requestId, message: 'We received your request.' },
		'message.get': { messageId: MESSAGE_ID },
		'message.getAll': { requestId, limit: 5 },
		'message.delete': { messageId: MESSAGE_ID },
		'attachment.upload': { requestId },
		'attachment.download': { requestId, fileId: FILE_ID },
		'attachment.delete': { requestId, fileId: FILE_ID },
		'requestProcessing.getAll': { requestId },
		'requestProcessing.setState': { requestId, state: 'Done', ...scope },
		'requestProcessing.notifyRecipients': { requestId, ...scope },
		'requestProcessing.remove': { requestId, ...scope },
		'widgetSubmission.submit': { widgetId: 401, email: 'jane@example.org', purpose: 'Access' },
		'entity.getAll': { returnAll: true },
		'workflowStep.getAll': { returnAll: true },
		'tag.getAll': { returnAll: true },
		'user.getAll': { returnAll: true },
		'task.create': { label: 'Erase the backups', additionalFields: { requestId: dsr.id, assignedToUserId: 301, tagIds: [212] } },
		'task.get': { taskId },
		'task.getAll': { returnAll: true },
		// Tags too: the fake refuses a patch of a tagged task that leaves its tags (it checks the
		// stored {id}-only tags as TagDto), unlike Dastra.
		'task.update': { taskId, updateFields: { state: 'Closed', tagIds: [212] } },
		'task.delete': { taskId },
		'task.archive': { taskId },
	};
	const params = table[`${resource}.${operation}`];
	if (!params) throw new Error(`no fixture for ${resource}.${operation}: add one`);
	const items =
		resource === 'attachment' && operation === 'upload'
			? [{ $binary: { data: { base64: Buffer.from('%PDF-1.4').toString('base64'), fileName: 'proof.pdf', mimeType: 'application/pdf' } } }]
			: undefined;
	return { params: { resource, operation, ...params }, items };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Dastra writes dates with or without an offset (`2023-09-18T10:31:30.6882299`).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i);
for (const loose of ['int32', 'int64', 'double', 'float', 'binary', 'byte']) ajv.addFormat(loose, true);

const schemaFile = (path: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, path), 'utf8')) as { properties: Record<string, unknown> };

// Every operation of every node version, and the file(s) for it; each runs at its version.
const cases = descriptions().flatMap(({ version, description }) =>
	operationsOf(description).flatMap(({ resource, operation, simplifyDefault }) => {
		const dir = `v${padVersion(version)}/${resource}`;
		const name = `v${version} ${resource}.${operation}`;
		return simplifyDefault === undefined
			? [{ name, version, resource, operation, simplify: undefined as boolean | undefined, file: `${dir}/${operation}.json` }]
			: [
					{ name, version, resource, operation, simplify: true, file: `${dir}/${operation}.json` },
					{ name, version, resource, operation, simplify: false, file: `${dir}/${operation}.full.json` },
				];
	}),
);

describe('output schemas (__schema__)', () => {
	it('are what `npm run gen:schemas` makes from the OpenAPI document and outputs.ts', () => {
		expect(staleSchemas()).toEqual([]);
		expect(generateSchemas().size).toBe(cases.length);
	});

	it('n8n finds one at <operation>.json for every operation, an object with properties', () => {
		for (const { file } of cases.filter((c) => !c.file.endsWith('.full.json'))) {
			const schema = schemaFile(file);
			expect({ file, type: (schema as { type?: string }).type }).toEqual({ file, type: 'object' });
			expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
		}
	});

	/** Every item of the run is valid against `file`, has no field it lacks and (simplified) exactly its fields. */
	function expectDescribed(r: { json: IDataObject[] }, file: string, simplify?: boolean) {
		const schema = schemaFile(file);
		const validate = ajv.compile(schema);
		for (const item of r.json) {
			const ok = validate(item);
			expect({ file, errors: ok ? null : validate.errors }).toEqual({ file, errors: null });
			const undocumented = Object.keys(item).filter((k) => !(k in schema.properties));
			expect({ file, undocumented }).toEqual({ file, undocumented: [] });
			if (simplify === true) expect(Object.keys(item).sort()).toEqual(Object.keys(schema.properties).sort());
		}
	}

	it.each(cases)('$name (simplify: $simplify) emits items its schema describes', async ({ version, resource, operation, simplify, file }) => {
		const { params, items } = fixture(resource, operation, version);
		const r = await run(simplify === undefined ? params : { ...params, simplify }, { items, typeVersion: version });
		expect(r.error).toBeUndefined();
		expect(r.json.length).toBeGreaterThan(0);
		expectDescribed(r, file, simplify);
	});

	// The fake answers Archive with no body ({archived: true}); Dastra may answer with the task.
	it.each(descriptions().map(({ version }) => ({ version })))('v$version task.archive answered with the task: its schema describes it', async ({ version }) => {
		const { params } = fixture('task', 'archive', version);
		const id = Number((params.taskId as IDataObject).value);
		fake.faults.push({ match: (c) => c.path.endsWith(`/Tasks/${id}/archive`), status: 200, body: { ...viewTask(fake, fake.tasks.get(id)!), archived: true } });
		const r = await run(params, { typeVersion: version });
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([expect.objectContaining({ id, label: 'Erase the CRM', archived: true, assignedToUser: expect.any(Object) })]);
		expectDescribed(r, `v${padVersion(version)}/task/archive.json`);
	});
});
