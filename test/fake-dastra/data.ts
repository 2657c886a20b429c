/** The fake's data model: what Dastra stores, in the shapes its API returns. */

// Test data is loosely typed on purpose: the fake mirrors whatever shape Dastra returns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

// Dastra's enums, written out again on purpose rather than imported from the node: the fake states
// the API contract independently, so a wrong value in the node's lists fails a test.
export const PURPOSES = [
	'Unknown',
	'Information',
	'Access',
	'Rectification',
	'Erasure',
	'Restriction',
	'Opposition',
	'Portability',
	'AdvanceDirectives',
	'AutomatedDecision',
];
export const STATES = ['Open', 'IdentityValidation', 'Processing', 'Active', 'Closed'];
export const CLOSED_REASONS = [
	'None',
	'Accepted',
	'Duplicate',
	'WrongIdentity',
	'NotAdmissible',
	'Other',
	'Cancelled',
	'FiledAway',
];
export const PERSON_CATEGORIES = [
	'Prospect',
	'Client',
	'FormerClient',
	'ParticularPerson',
	'Employee',
	'Candidate',
	'ExternalProvider',
	'ExternalServiceProvider',
	'Other',
	'TemporaryWorker',
	'Agent',
	'ElectedRepresentative',
	'PublicServiceUser',
	'Visitors',
	'OldEmployee',
	'EndUsers',
	'Citizen',
	'Patient',
	'HealthProfessional',
	'Students',
	'AgedPeople',
	'Member',
	'Beneficiary',
	'Child',
	'InternetUsers',
];

/** Fields a client may write; a PUT sets every one of them, to null when the body leaves it out. */
export const WRITABLE = [
	'title',
	'description',
	'message',
	'resolutionMessage',
	'email',
	'phoneNumber',
	'givenName',
	'familyName',
	'address',
	'zipCode',
	'city',
	'countryCode',
	'locale',
	'personCategory',
	'purposes',
	'complex',
	'areaId',
	'operatorId',
	'workFlowStepId',
	'refId',
	'userId',
	'demandId',
	'closedReason',
	'closedReasonDescription',
	'tags',
	'customFields',
	'additionalDatas',
];

export interface Entity {
	id: number;
	label: string;
	type: 'Entity';
	countryCode: string;
}
export interface Step {
	id: number;
	label: string;
	color: string;
	order: number;
	type: 'DataSubject';
	finalStep: boolean;
	initialStep: boolean;
	mappedState: string;
}
export interface Tag {
	id: number;
	label: string;
	type: 'DataSubject' | 'Task';
	color: string;
}
export interface User {
	id: number;
	displayName: string;
	givenName: string;
	familyName: string;
	email: string;
}
export interface Widget {
	id: number;
	label: string;
	areaId: number;
}

export function defaultEntities(): Entity[] {
	return [
		{ id: 11, label: 'Moulinsart SA', type: 'Entity', countryCode: 'BE' },
		{ id: 12, label: 'Moulinsart France SAS', type: 'Entity', countryCode: 'FR' },
		{ id: 13, label: 'Moulinsart GmbH', type: 'Entity', countryCode: 'DE' },
	];
}

export function defaultSteps(): Step[] {
	const step = (id: number, label: string, order: number, mappedState: string, color: string): Step => ({
		id,
		label,
		color,
		order,
		type: 'DataSubject',
		finalStep: mappedState === 'Closed',
		initialStep: order === 0,
		mappedState,
	});
	return [
		step(101, 'New', 0, 'Open', '#1E8EE1'),
		step(102, 'Identity check', 1, 'IdentityValidation', '#F2A516'),
		step(103, 'In progress', 2, 'Processing', '#7A4CE0'),
		step(104, 'Erasure in systems', 3, 'Active', '#D9534F'),
		step(105, 'Closed', 4, 'Closed', '#2E9E5B'),
	];
}

export function defaultTags(): Tag[] {
	return [
		{ id: 201, label: 'VIP', type: 'DataSubject', color: '#ff0000' },
		{ id: 202, label: 'Helpdesk', type: 'DataSubject', color: '#00aa00' },
		{ id: 203, label: 'Legal review', type: 'DataSubject', color: '#0000ff' },
		{ id: 211, label: 'Erasure', type: 'Task', color: '#aa00aa' },
		{ id: 212, label: 'Backups', type: 'Task', color: '#00aaaa' },
	];
}

export function defaultUsers(): User[] {
	return [
		{ id: 301, displayName: 'Alice Martin', givenName: 'Alice', familyName: 'Martin', email: 'alice@moulinsart.example' },
		{ id: 302, displayName: 'Bob Durand', givenName: 'Bob', familyName: 'Durand', email: 'bob@moulinsart.example' },
	];
}

export function defaultWidgets(): Widget[] {
	return [{ id: 401, label: 'Website form', areaId: 11 }];
}

/** Dastra writes dates with 7 fraction digits and no offset; they are UTC. */
export function dastraDate(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$10000');
}

export function parseDate(value: unknown): number {
	if (typeof value !== 'string' || value === '') return NaN;
	return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
}

// TaskState and Priority, as the document has them.
export const TASK_STATES = ['Open', 'Active', 'Closed', 'Archived'];
export const PRIORITIES = ['High', 'Medium', 'Low'];
