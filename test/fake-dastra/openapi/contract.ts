/**
 * Dastra's own OpenAPI document (openapi-2022.json beside this file) as the fake's contract:
 * every request is matched to a documented operation (or a short allowlist), its path and query
 * parameters checked by name and type, and its JSON body against the operation's schema.
 *
 * Built once per process (the document is parsed and prepared once; each operation's validators
 * are compiled by ajv on first use and kept), so a request costs a lookup and a validation.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import type { LoggedRequest } from '../server';
import document from './openapi-2022.json';

type Schema = Record<string, unknown>;
export type Refusal = [number, unknown];

interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

interface Operation {
	method: string;
	/** The documented path template, e.g. /v1/ws/{workspaceId}/DataSubjectRequests/{id}. */
	template: string;
	/** Where the operation comes from when it is not in the document. */
	source?: string;
	parameters: Parameter[];
	/** JSON body schema, if the operation takes one. */
	body?: Schema;
	/** The body is multipart/form-data (checked by the route itself). */
	multipart?: boolean;
	regex: RegExp;
	names: string[];
	/** Literal segments first: /DataSubjectRequests/stats beats /DataSubjectRequests/{id}. */
	rank: number[];
	compiled?: { query: ValidateFunction; path: ValidateFunction; body?: ValidateFunction };
}

/**
 * Endpoints the pack calls that the 2022 document does not list, each with where it is documented.
 * Keep this list short: anything here is not checked against Dastra's schemas.
 */
export const ALLOWLIST: Array<Pick<Operation, 'method' | 'template' | 'source' | 'parameters' | 'body'>> = [
	{
		// Dastra's widget page (shared/dastra-api/widget-save-request.md); the route checks its body.
		method: 'POST',
		template: '/v1/client/save-request/{widgetId}',
		source: "Dastra's widget page",
		parameters: [{ name: 'widgetId', in: 'path', required: true, schema: { type: 'integer' } }],
	},
	{
		// UNCONFIRMED: listed in Dastra's 2024 endpoint table, absent from the 2022 document. The node
		// falls back to the steps seen on the workspace's requests when it answers 404.
		method: 'GET',
		template: '/v1/ws/{workspaceId}/Workflows/DataSubject',
		source: "Dastra's 2024 endpoint table (unconfirmed)",
		parameters: [{ name: 'workspaceId', in: 'path', required: true, schema: { type: 'string' } }],
	},
	// GET /me (Dastra's authentication page, the credential test) IS in the document (Status_Me).
];

/**
 * Fields of Dastra's newer request object (the DE page, shared/dastra-api/dsr-api-integration.de.md)
 * that the 2022 `DataSubjectRequestDto` lacks. Accepted in request bodies; a read-modify-write
 * update sends back what GET answered, which carries them.
 */
const NEWER_DSR_FIELDS: Record<string, Schema> = {
	customFields: { type: 'object', nullable: true },
	subjectCategoryId: { type: 'integer', nullable: true },
	subjectCategory: { nullable: true },
	dateDemand: { type: 'string', format: 'date-time', nullable: true },
	messages: { type: 'array', nullable: true },
	nbMessagesIncoming: { type: 'integer' },
	lastMessageDate: { type: 'string', format: 'date-time', nullable: true },
};

/** OpenAPI 3.0 `nullable` to JSON Schema: `type: [t, 'null']`; without a type, anything goes already. */
function jsonSchema(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(jsonSchema);
	if (!node || typeof node !== 'object') return node;
	const out: Schema = {};
	for (const [key, value] of Object.entries(node as Schema)) out[key] = jsonSchema(value);
	if (out.nullable === true) {
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		else if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
		if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
	}
	delete out.nullable;
	return out;
}

const DOC_ID = 'dastra-openapi-2022';

function prepareDocument(): Schema {
	const doc = jsonSchema(document) as Schema & { components: { schemas: Record<string, Schema> } };
	const dsr = doc.components.schemas.DataSubjectRequestDto as { properties: Schema };
	for (const [name, schema] of Object.entries(NEWER_DSR_FIELDS)) dsr.properties[name] = jsonSchema(schema);
	return { $id: DOC_ID, ...doc };
}

function makeAjv(coerce: boolean): Ajv {
	const ajv = new Ajv({
		strict: false,
		allErrors: true,
		coerceTypes: coerce ? 'array' : false,
		validateFormats: true,
	});
	addFormats(ajv);
	// Dastra writes dates with or without an offset (`2023-09-18T10:31:30.6882299`, DE page).
	ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i);
	ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
	ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
	for (const loose of ['binary', 'double', 'float', 'byte']) ajv.addFormat(loose, true);
	ajv.addSchema(prepareDocument());
	return ajv;
}

const ref = (name: string) => `${DOC_ID}#/components/schemas/${name}`;
const resolveRefs = (schema: Schema | undefined): Schema | undefined =>
	schema &&
	(JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_m, n: string) => JSON.stringify(ref(n)))) as Schema);

function operationsOf(): Operation[] {
	const ops: Operation[] = [];
	const paths = (document as { paths: Record<string, Record<string, Schema>> }).paths;
	const add = (method: string, template: string, raw: Schema, source?: string) => {
		const names: string[] = [];
		const segments = template.split('/').slice(1);
		const pattern = segments
			.map((s) => (/^\{(\w+)\}$/.test(s) ? (names.push(s.slice(1, -1)), '([^/]+)') : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
			.join('/');
		const content = (raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
		ops.push({
			method: method.toUpperCase(),
			template,
			source,
			parameters: (raw.parameters as Parameter[] | undefined) ?? [],
			body: resolveRefs(content?.['application/json']?.schema ?? (raw.body as Schema | undefined)),
			multipart: Boolean(content?.['multipart/form-data']),
			regex: new RegExp(`^/${pattern}$`, 'i'),
			names,
			rank: segments.map((s) => (s.startsWith('{') ? 1 : 0)),
		});
	};
	for (const [template, item] of Object.entries(paths)) {
		for (const [method, raw] of Object.entries(item)) add(method, template, raw);
	}
	for (const extra of ALLOWLIST) add(extra.method, extra.template, extra as unknown as Schema, extra.source);
	// Most literal first, segment by segment.
	return ops.sort((a, b) => {
		for (let k = 0; k < Math.min(a.rank.length, b.rank.length); k++) if (a.rank[k] !== b.rank[k]) return a.rank[k] - b.rank[k];
		return a.rank.length - b.rank.length;
	});
}

function paramsSchema(params: Parameter[], where: 'path' | 'query'): Schema {
	const mine = params.filter((p) => p.in === where);
	return {
		type: 'object',
		properties: Object.fromEntries(mine.map((p) => [p.name, resolveRefs(jsonSchema(p.schema ?? {}) as Schema)])),
		required: mine.filter((p) => p.required).map((p) => p.name),
		additionalProperties: false,
	};
}

function describe(errors: ErrorObject[] | null | undefined, root: string): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const e of errors ?? []) {
		let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || root;
		let message = e.message ?? 'is invalid';
		if (e.keyword === 'additionalProperties') {
			const extra = (e.params as { additionalProperty: string }).additionalProperty;
			field = field === root ? extra : `${field}.${extra}`;
			message = 'is not in Dastra\'s OpenAPI document';
		}
		if (e.keyword === 'required') {
			const missing = (e.params as { missingProperty: string }).missingProperty;
			field = field === root ? missing : `${field}.${missing}`;
			message = `The ${missing[0].toUpperCase()}${missing.slice(1)} field is required.`;
		}
		if (e.keyword === 'enum') message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
		(out[field] ??= []).push(message);
	}
	return out;
}

export type ContractRequest = Pick<LoggedRequest, 'method' | 'path' | 'query' | 'body' | 'headers'>;

/** The document's operations with lazily compiled, cached validators. */
export class Contract {
	private readonly ops = operationsOf();
	private readonly strictAjv = makeAjv(false);
	private readonly coercingAjv = makeAjv(true);

	/** The operation serving `method` `path`, if the document (or the allowlist) has one. */
	match(method: string, path: string): { op: Operation; params: Record<string, string> } | undefined {
		const upper = method.toUpperCase();
		for (const op of this.ops) {
			if (op.method !== upper) continue;
			const m = op.regex.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			op.names.forEach((n, k) => (params[n] = decodeURIComponent(m[k + 1])));
			// A literal-first match whose typed parameter does not fit (e.g. "stats" as {id}) is not it.
			if (!this.compiled(op).path({ ...params })) continue;
			return { op, params };
		}
		return undefined;
	}

	/** Dastra's refusal of `r` (404 for an undocumented call, 400 for bad parameters or body), or undefined. */
	check(r: ContractRequest): Refusal | undefined {
		const found = this.match(r.method, r.path);
		if (!found) {
			const known = this.ops.some((op) => op.regex.test(r.path));
			return [404, { message: `${r.method} ${r.path} is not in Dastra's OpenAPI document${known ? ' (other methods are)' : ''}` }];
		}
		const { op } = found;
		const v = this.compiled(op);
		// A copy: coercion rewrites values (and array items) in place, and the log must keep what was sent.
		const query: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(r.query)) query[k] = Array.isArray(v) ? [...v] : v;
		if (!v.query(query)) {
			return [400, { title: 'One or more validation errors occurred.', status: 400, errors: describe(v.query.errors, 'query') }];
		}
		if (v.body && r.body !== undefined && !Buffer.isBuffer(r.body)) {
			if (!v.body(r.body)) {
				return [400, { title: 'One or more validation errors occurred.', status: 400, errors: describe(v.body.errors, 'body') }];
			}
		}
		if (op.multipart && r.body !== undefined && !String(r.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
			return [415, { message: 'Expected multipart/form-data' }];
		}
		return undefined;
	}

	/** The document's errors for `data` as the component schema `name` (e.g. to check the fake's answers), or []. */
	errorsAs(name: string, data: unknown): Record<string, string[]> {
		const validate = this.strictAjv.getSchema(ref(name));
		if (!validate) throw new Error(`${name} is not a schema of the document`);
		return validate(data) ? {} : describe(validate.errors, name);
	}

	/** Every documented or allowlisted (method, template), for the contract test. */
	templates(): Array<{ method: string; template: string; source?: string }> {
		return this.ops.map(({ method, template, source }) => ({ method, template, source }));
	}

	private compiled(op: Operation): NonNullable<Operation['compiled']> {
		op.compiled ??= {
			path: this.coercingAjv.compile(paramsSchema(op.parameters, 'path')),
			query: this.coercingAjv.compile(paramsSchema(op.parameters, 'query')),
			body: op.body ? this.strictAjv.compile(op.body) : undefined,
		};
		return op.compiled;
	}
}

/**
 * Kept on the process, not in this module: jest loads this module anew for every test file, and
 * its test environment runs the files a worker takes in one realm (test/harness/environment.js),
 * so the files share the prepared document and the validators compiled so far.
 */
const SHARED = Symbol.for('n8n-nodes-dastra/fake-contract');

/** The one contract of this process: the document is prepared and each operation compiled once. */
export function contract(): Contract {
	const holder = globalThis as typeof globalThis & { [SHARED]?: Contract };
	return (holder[SHARED] ??= new Contract());
}
