import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export interface DastraCredentials {
	privateKey: string;
	publicKey?: string;
	workspaceId: number;
	baseUrl?: string;
}

/** A data subject request as Dastra returns it. Only the fields the node reads are typed. */
export interface Dsr extends IDataObject {
	id: number;
	title: string;
	state: string;
	purposes: string[];
	dateCreation: string;
	dateUpdate: string | null;
	expiryTime: string | null;
	workFlowStepId?: number | null;
}

/** Dastra's paged answer: `page` is 1-based, `size` at most 500. */
export interface Page<T> {
	items: T[];
	total: number;
	page?: number;
	size?: number;
}

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
] as const;

/** A request's states before it is closed: the ones whose deadline still runs. */
export const OPEN_STATES = ['Open', 'IdentityValidation', 'Processing', 'Active'] as const;
export const CLOSED_STATE = 'Closed';
export const STATES = [...OPEN_STATES, CLOSED_STATE] as const;

/** Where a request stands for one data processing it touches (DataSubjectRequestDataProcessingState). */
export const PROCESSING_STATES = ['New', 'Pending', 'Done', 'NotNecessary'] as const;

/** The formats Dastra exports the request list in (ExportFormat). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'pdf', 'docx', 'html'] as const;

export const CLOSED_REASONS = [
	'None',
	'Accepted',
	'Duplicate',
	'WrongIdentity',
	'NotAdmissible',
	'Other',
	'Cancelled',
	'FiledAway',
] as const;

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
] as const;

/** A task's states (TaskState); `Archived` is Dastra's own, set by archiving, not by the user. */
export const TASK_STATES = ['Open', 'Active', 'Closed'] as const;
export const TASK_CLOSED_STATE = 'Closed';
export const TASK_PRIORITIES = ['High', 'Medium', 'Low'] as const;

/** One operation on one input item; the router adds pairedItem and error handling. */
export type OperationExecute = (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;

/**
 * Every resource of the Dastra node and its operations (NODE-INTERFACE.md). The pickers, the
 * descriptions' displayOptions, each resource's `operations` record and the router's table are
 * typed from it, so none can name an operation that does not exist or leave one without code.
 */
export type DastraMap = {
	dataSubjectRequest:
		| 'create'
		| 'get'
		| 'getAll'
		| 'update'
		| 'delete'
		| 'changeStep'
		| 'archive'
		| 'restore'
		| 'setIdentityValidation'
		| 'export'
		| 'getStats';
	requestProcessing: 'getAll' | 'setState' | 'notifyRecipients' | 'remove';
	message: 'create' | 'getAll' | 'get' | 'delete';
	attachment: 'upload' | 'download' | 'delete';
	widgetSubmission: 'submit';
	entity: 'getAll';
	workflowStep: 'getAll';
	tag: 'getAll';
	user: 'getAll';
	task: 'create' | 'get' | 'getAll' | 'update' | 'delete' | 'archive';
};

export type DastraResource = keyof DastraMap;

/** A resource's `operations` record: exactly its operations, each with its execute. */
export type ResourceOperations<R extends DastraResource> = Record<DastraMap[R], { execute: OperationExecute }>;
