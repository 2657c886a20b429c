/**
 * The fake's store: what the workspace holds (requests, messages, files, lookups) and how a
 * request is seeded, changed by a Dastra user, and viewed as the API returns it.
 * FakeDastra extends it, so tests keep calling `fake.seed(...)`, `fake.dsrs`, etc.
 */
import {
	dastraDate,
	defaultEntities,
	defaultSteps,
	defaultTags,
	defaultUsers,
	defaultWidgets,
	parseDate,
	type Entity,
	type Json,
	type Step,
	type Tag,
	type User,
	type Widget,
} from './data';

const DAY = 86_400_000;

export class Store {
	now: () => number;

	dsrs = new Map<number, Json>();
	entities: Entity[] = defaultEntities();
	steps: Step[] = defaultSteps();
	tags: Tag[] = defaultTags();
	users: User[] = defaultUsers();
	widgets: Widget[] = defaultWidgets();
	/** Files by ID: the DTO Dastra returns, plus the bytes and MIME type it stores. */
	attachments = new Map<string, { dto: Json; bytes: Buffer; mimeType: string }>();
	messages = new Map<string, Json>();
	/** The data processings each request touches (routes/processings.ts seeds them on first use). */
	processings = new Map<number, Json[]>();
	/** Tasks by ID, as stored (tasks.ts seeds, changes and views them); IDs from 5000. */
	tasks = new Map<number, Json>();
	nextTaskId = 5000;

	private nextId = 1000;

	constructor(now: () => number) {
		this.now = now;
	}

	/** Empties the workspace's requests; IDs start again at 1000. */
	clear(): void {
		this.dsrs.clear();
		this.attachments.clear();
		this.messages.clear();
		this.processings.clear();
		this.tasks.clear();
		this.nextTaskId = 5000;
		this.nextId = 1000;
	}

	// ---- seeding -------------------------------------------------------------------------

	/** Adds a request as Dastra would store it; `at` is its creation time (default: now). */
	seed(fields: Json = {}, at = this.now()): Json {
		const id = typeof fields.id === 'number' ? fields.id : this.nextId++;
		this.nextId = Math.max(this.nextId, id + 1);
		const step = this.steps.find((s) => s.id === fields.workFlowStepId) ?? this.steps[0];
		const dsr: Json = {
			id,
			title: `Request ${id}`,
			locale: 'en',
			archived: false,
			archivedDate: null,
			personCategory: null,
			complex: false,
			dateClosed: null,
			areaId: this.entities[0].id,
			state: step.mappedState,
			description: null,
			message: null,
			resolutionMessage: null,
			email: `person${id}@example.org`,
			phoneNumber: null,
			givenName: null,
			familyName: null,
			dateDemand: dastraDate(at),
			dateCreation: dastraDate(at),
			dateUpdate: null,
			workFlowStepId: step.id,
			channel: 'Internal',
			refId: null,
			userId: null,
			demandId: '',
			operatorId: null,
			purposes: ['Access'],
			closedReason: 'None',
			closedReasonDescription: null,
			address: null,
			zipCode: null,
			city: null,
			countryCode: null,
			nbMessages: 0,
			customFields: {},
			additionalDatas: {},
			tags: [],
			widgetId: 0,
			identityValidated: false,
			...fields,
		};
		dsr.id = id;
		this.dsrs.set(id, dsr);
		return this.view(dsr);
	}

	/** Changes a stored request as a Dastra user would, moving dateUpdate to `at`. */
	touch(id: number, changes: Json, at = this.now()): Json {
		const dsr = this.dsrs.get(id);
		if (!dsr) throw new Error(`no request ${id}`);
		Object.assign(dsr, changes);
		if ('workFlowStepId' in changes) {
			const step = this.steps.find((s) => s.id === changes.workFlowStepId);
			if (step) dsr.state = step.mappedState;
		}
		dsr.dateUpdate = dastraDate(at);
		return this.view(dsr);
	}

	/** The request as the API returns it: nested objects and computed fields filled in. */
	view(dsr: Json): Json {
		const created = parseDate(dsr.dateCreation);
		const months = dsr.complex ? 3 : 1;
		const expiry = new Date(created);
		expiry.setUTCMonth(expiry.getUTCMonth() + months);
		const expiryMs = typeof dsr.expiryTime === 'string' ? parseDate(dsr.expiryTime) : expiry.getTime();
		const step = this.steps.find((s) => s.id === dsr.workFlowStepId) ?? null;
		const area = this.entities.find((e) => e.id === dsr.areaId) ?? null;
		const operator = this.users.find((u) => u.id === dsr.operatorId) ?? null;
		const tags = ((dsr.tags as Json[]) ?? []).map(
			(t) => this.tags.find((tag) => tag.id === t.id) ?? { id: t.id, label: null },
		);
		return {
			...dsr,
			area,
			workFlowStep: step,
			operator,
			tags,
			expiryTime: dastraDate(expiryMs),
			remainingDays: Math.ceil((expiryMs - this.now()) / DAY),
		};
	}
}

/** What Dastra stores for a writable field a body leaves out. */
export function emptyValue(key: string): unknown {
	if (key === 'tags') return [];
	if (key === 'customFields' || key === 'additionalDatas') return {};
	if (key === 'complex') return false;
	if (key === 'closedReason') return 'None';
	return null;
}
