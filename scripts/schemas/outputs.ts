/**
 * What each operation of the Dastra node emits per item: the data `scripts/gen-schemas.ts` turns
 * into nodes/Dastra/__schema__/v<version>/<resource>/<operation>.json (n8n's output preview).
 *
 * `full` is the item with Simplify off (or the only shape): a component of Dastra's OpenAPI
 * document (by name, with the fields Dastra sends beyond the 2022 document), or a literal JSON
 * Schema for what the node builds itself. `simplified` is the item with Simplify on: our
 * simplification (helpers/simplify.ts), written here as a schema; the unit test checks both
 * against the node's real outputs on the fake, key for key.
 *
 * A new operation (a Task resource, a node version) needs its entry here: the generator stops
 * and names every operation without one.
 */

export type JsonSchema = Record<string, unknown>;

/** A component (optionally with a description of the item, for what the document leaves out), or a literal schema. */
export type Shape = { component: string; description?: string } | { schema: JsonSchema };

export interface OperationOutput {
	full: Shape;
	simplified?: Shape;
}

const str = { type: 'string' };
const nullable = (type: string, extra: JsonSchema = {}) => ({ type: [type, 'null'], ...extra });
const dateTime = nullable('string', { format: 'date-time' });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });

/**
 * Fields Dastra sends on a request that the 2022 document does not list (the DE page of its
 * DSR API documentation, and what the API answers today).
 */
export const COMPONENT_EXTRAS: Record<string, Record<string, JsonSchema>> = {
	DataSubjectRequestDto: {
		customFields: nullable('object'),
		subjectCategoryId: nullable('integer'),
		subjectCategory: nullable('object'),
		dateDemand: dateTime,
		messages: nullable('array'),
		nbMessagesIncoming: { type: 'integer' },
		lastMessageDate: dateTime,
	},
	DataSubjectRequestDataProcessingDto: {
		// The processing as the record of processing activities names it (seen on answers, unconfirmed).
		dataProcessing: { type: ['object', 'null'], properties: { id: str, label: nullable('string') } },
	},
};

/** helpers/simplify.ts simplifyDsr. */
const simpleDsr = object({
	id: { type: 'integer' },
	title: nullable('string'),
	state: nullable('string', { enum: ['Open', 'IdentityValidation', 'Processing', 'Active', 'Closed', null] }),
	purposes: { type: 'array', items: str },
	email: nullable('string'),
	givenName: nullable('string'),
	familyName: nullable('string'),
	refId: nullable('string'),
	locale: nullable('string'),
	channel: nullable('string'),
	archived: { type: 'boolean' },
	dateCreation: dateTime,
	dateUpdate: dateTime,
	expiryTime: dateTime,
	remainingDays: nullable('integer'),
	stepId: nullable('integer'),
	step: nullable('string'),
	entityId: nullable('integer'),
	entity: nullable('string'),
	tags: { type: 'array', items: str },
});

/** helpers/simplify.ts simplifyProcessing. */
const simpleProcessing = object({
	dataSubjectRequestId: nullable('integer'),
	processingId: str,
	processing: nullable('string'),
	state: nullable('string', { enum: ['New', 'Pending', 'Done', 'NotNecessary', null] }),
	processor: nullable('string'),
	dateCreation: dateTime,
	dateUpdate: dateTime,
	dateNotification: dateTime,
	dateNotificationSent: dateTime,
});

/** helpers/simplify.ts simplifyStats. */
const simpleStats = object({
	startDate: dateTime,
	endDate: dateTime,
	requests: nullable('integer'),
	openOrActive: nullable('integer'),
	overdue: nullable('integer'),
	averageTimeToClose: nullable('number'),
	byPurpose: { type: 'object', description: 'Requests per purpose, e.g. {"Erasure": 3}' },
});

const deleted = object({ deleted: { type: 'boolean' } });
const dsr: OperationOutput = { full: { component: 'DataSubjectRequestDto' }, simplified: { schema: simpleDsr } };
const processings: OperationOutput = {
	full: { component: 'DataSubjectRequestDataProcessingDto' },
	simplified: { schema: simpleProcessing },
};

/** `<resource>.<operation>` -> its items. The endpoint each answer comes from is in the operation's file. */
export const OUTPUTS: Record<string, OperationOutput> = {
	'dataSubjectRequest.create': dsr,
	'dataSubjectRequest.get': dsr,
	'dataSubjectRequest.getAll': dsr,
	'dataSubjectRequest.update': dsr,
	'dataSubjectRequest.changeStep': dsr,
	'dataSubjectRequest.archive': dsr,
	'dataSubjectRequest.restore': dsr,
	'dataSubjectRequest.setIdentityValidation': dsr,
	'dataSubjectRequest.delete': { full: { schema: deleted } },
	'dataSubjectRequest.export': {
		full: {
			schema: object({
				format: { type: 'string', enum: ['csv', 'xlsx', 'json', 'pdf', 'docx', 'html'] },
				fileName: str,
				mimeType: str,
				size: { type: 'integer', description: 'Bytes; the file itself is in the binary field' },
			}),
		},
	},
	'dataSubjectRequest.getStats': { full: { component: 'DataSubjectStatsDto' }, simplified: { schema: simpleStats } },
	'message.create': { full: { component: 'DataSubjectMessageDto' } },
	'message.get': { full: { component: 'DataSubjectMessageDto' } },
	'message.getAll': { full: { component: 'DataSubjectMessageDto' } },
	'message.delete': { full: { schema: deleted } },
	'attachment.upload': { full: { component: 'DataSubjectAttachmentDto' } },
	'attachment.download': {
		full: {
			schema: object({
				dataSubjectRequestId: { type: 'integer' },
				fileId: str,
				fileName: str,
				mimeType: str,
				size: { type: 'integer', description: 'Bytes; the file itself is in the binary field' },
			}),
		},
	},
	'attachment.delete': { full: { schema: deleted } },
	'requestProcessing.getAll': processings,
	'requestProcessing.setState': processings,
	'requestProcessing.notifyRecipients': processings,
	'requestProcessing.remove': {
		full: {
			schema: object({
				deleted: { type: 'boolean' },
				dataSubjectRequestId: { type: 'integer' },
				processingIds: { type: 'array', items: str },
			}),
		},
	},
	// The public endpoint's answer is undocumented: the request's ID and state as the API answers
	// today, or `{submitted: true}` when it answers nothing.
	'widgetSubmission.submit': {
		full: { schema: object({ id: { type: 'integer' }, state: nullable('string'), submitted: { type: 'boolean' } }) },
	},
	'entity.getAll': { full: { component: 'AreaDto' } },
	'workflowStep.getAll': { full: { component: 'WorkFlowStepDto' } },
	'tag.getAll': { full: { component: 'TagDto' } },
	'user.getAll': { full: { component: 'UserDto' } },
	// Tasks: TaskDto as Dastra answers it; Update reads the task back after its JSON Patch.
	'task.create': { full: { component: 'TaskDto' } },
	'task.get': { full: { component: 'TaskDto' } },
	'task.getAll': { full: { component: 'TaskDto' } },
	'task.update': { full: { component: 'TaskDto' } },
	'task.delete': { full: { schema: deleted } },
	// The document gives POST /Tasks/{id}/archive no answer body: the task when Dastra answers with
	// it, else only `archived`.
	'task.archive': {
		full: {
			component: 'TaskDto',
			description: 'The task when Dastra answers with it; else only {"archived": true}',
		},
	},
};
