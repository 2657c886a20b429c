/**
 * Generates the Dastra node's output schemas, n8n's output preview before a run:
 * nodes/Dastra/__schema__/v<version>/<resource>/<operation>.json, one per operation and node
 * version, from Dastra's OpenAPI document (test/fake-dastra/openapi/openapi-2022.json) and our
 * simplification (scripts/schemas/outputs.ts). n8n serves `<operation>.json` (the version padded
 * to x.y.z, as its editor asks); it holds the item at the parameters' defaults, Simplify on where
 * the operation has it. The other mode, Simplify off, is `<operation>.full.json` beside it.
 * Every version gets its folder, even with the same outputs: the editor's /schemas route (n8n 2.8,
 * 2.41) takes the exact version; only the AI builder's lookup falls back to a near one.
 *
 * Data-driven: the resources, operations and versions are read from the node's description, so
 * after adding a resource or a version, `npm run gen:schemas` regenerates everything (and names
 * any operation that has no entry in outputs.ts). `--check` only compares with the files.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Dastra } from '../nodes/Dastra/Dastra.node.ts';
import { COMPONENT_EXTRAS, OUTPUTS, type JsonSchema, type Shape } from './schemas/outputs.ts';

const root = join(__dirname, '..');
const SOURCE = 'test/fake-dastra/openapi/openapi-2022.json';
export const SCHEMA_DIR = join(root, 'nodes/Dastra/__schema__');
/** How deep nested objects are spelled out (a request's area's DPO's ... stops there). */
const MAX_DEPTH = 2;

type Doc = { components: { schemas: Record<string, JsonSchema> } };

/** As n8n's editor asks for it: 1 -> 1.0.0, 1.1 -> 1.1.0. */
export const padVersion = (version: number) => [...String(version).split('.'), '0', '0'].slice(0, 3).join('.');

/** Every version of the node with its description (a VersionedNodeType lists them in nodeVersions). */
export function descriptions(): Array<{ version: number; description: INodeTypeDescription }> {
	const node = new Dastra() as unknown as {
		description: INodeTypeDescription;
		nodeVersions?: Record<string, { description: INodeTypeDescription }>;
	};
	if (node.nodeVersions) {
		return Object.entries(node.nodeVersions).map(([v, type]) => ({ version: Number(v), description: type.description }));
	}
	const versions = node.description.version;
	return (Array.isArray(versions) ? versions : [versions]).map((version) => ({ version, description: node.description }));
}

const shownFor = (p: INodeProperties, key: string, value: string) => {
	const list = p.displayOptions?.show?.[key];
	return !list || list.includes(value);
};

/** Every resource/operation pair of one description, and whether it has a Simplify parameter. */
export function operationsOf(description: INodeTypeDescription) {
	const resourceProp = description.properties.find((p) => p.name === 'resource');
	const resources = ((resourceProp?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
	return resources.flatMap((resource) => {
		const picker = description.properties.find((p) => p.name === 'operation' && shownFor(p, 'resource', resource));
		return ((picker?.options ?? []) as INodePropertyOptions[]).map((o) => {
			const operation = String(o.value);
			const simplify = description.properties.find(
				(p) => p.name === 'simplify' && p.type === 'boolean' && shownFor(p, 'resource', resource) && shownFor(p, 'operation', operation),
			);
			return { resource, operation, simplifyDefault: simplify ? (simplify.default as boolean) : undefined };
		});
	});
}

/** OpenAPI 3.0 to plain JSON Schema: $refs inlined (to MAX_DEPTH), nullable as a type list, no write-side keywords. */
function toJsonSchema(doc: Doc, node: JsonSchema, depth: number): JsonSchema {
	if (typeof node.$ref === 'string') {
		const name = node.$ref.split('/').pop()!;
		const target = doc.components.schemas[name];
		if (!target) throw new Error(`${node.$ref} is not in ${SOURCE}`);
		const isObject = target.type === 'object' || target.properties;
		if (isObject && depth >= MAX_DEPTH) return { type: ['object', 'null'] };
		// OpenAPI 3.0 cannot mark a $ref nullable, and Dastra sends null for a referenced object or
		// enum it has no value for (a request without operator, without person category).
		const inlined = toJsonSchema(doc, { ...target, nullable: true }, depth + (isObject ? 1 : 0));
		return isObject ? { ...inlined, type: ['object', 'null'] } : inlined;
	}
	const out: JsonSchema = {};
	for (const [key, value] of Object.entries(node)) {
		if (['nullable', 'readOnly', 'writeOnly', 'maxLength', 'minLength', 'additionalProperties', 'required', 'example'].includes(key)) continue;
		if (key === 'properties') {
			out.properties = Object.fromEntries(
				Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toJsonSchema(doc, v, depth)]),
			);
		} else if (key === 'items') {
			out.items = toJsonSchema(doc, value as JsonSchema, depth);
		} else if (key === 'description' && typeof value === 'string') {
			out.description = value.replace(/\r\n/g, ' ').trim();
			if (out.description === '') delete out.description;
		} else {
			out[key] = value;
		}
	}
	if (node.nullable === true) {
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
	}
	return out;
}

function shapeSchema(doc: Doc, shape: Shape): JsonSchema {
	if ('schema' in shape) return shape.schema;
	const component = doc.components.schemas[shape.component];
	if (!component) throw new Error(`${shape.component} is not in ${SOURCE}`);
	const schema = toJsonSchema(doc, component, 1);
	const extras = COMPONENT_EXTRAS[shape.component] ?? {};
	const described = shape.description ? { description: shape.description } : {};
	return { ...schema, ...described, type: 'object', properties: { ...(schema.properties as JsonSchema), ...extras } };
}

/** Every schema file, path relative to the __schema__ folder -> its text. */
export function generateSchemas(): Map<string, string> {
	const doc = JSON.parse(readFileSync(join(root, SOURCE), 'utf8')) as Doc;
	const files = new Map<string, string>();
	const missing: string[] = [];
	for (const { version, description } of descriptions()) {
		for (const { resource, operation, simplifyDefault } of operationsOf(description)) {
			const output = OUTPUTS[`${resource}.${operation}`];
			if (!output) {
				missing.push(`${resource}.${operation}`);
				continue;
			}
			if (simplifyDefault !== undefined && !output.simplified) missing.push(`${resource}.${operation} (simplified)`);
			const dir = `v${padVersion(version)}/${resource}`;
			const write = (name: string, shape: Shape, title: string) => {
				const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title, ...shapeSchema(doc, shape) };
				files.set(`${dir}/${name}.json`, `${JSON.stringify(schema, null, '\t')}\n`);
			};
			const label = `Dastra ${resource} ${operation}: one output item`;
			if (simplifyDefault === undefined || !output.simplified) {
				write(operation, output.full, label);
			} else {
				const [onDefault, other] = simplifyDefault ? [output.simplified, output.full] : [output.full, output.simplified];
				write(operation, onDefault, `${label} (Simplify ${simplifyDefault ? 'on' : 'off'}, the default)`);
				write(`${operation}.${simplifyDefault ? 'full' : 'simplified'}`, other, `${label} (Simplify ${simplifyDefault ? 'off' : 'on'})`);
			}
		}
	}
	if (missing.length) {
		throw new Error(`No output in scripts/schemas/outputs.ts for: ${[...new Set(missing)].join(', ')}`);
	}
	return files;
}

function onDisk(dir = SCHEMA_DIR): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? onDisk(join(dir, e.name)) : [relative(SCHEMA_DIR, join(dir, e.name))],
	);
}

/** The files that differ from what the generator makes (stale, missing or left over). */
export function staleSchemas(): string[] {
	const files = generateSchemas();
	const stale = [...files].filter(([path, text]) => {
		const file = join(SCHEMA_DIR, path);
		return !existsSync(file) || readFileSync(file, 'utf8') !== text;
	});
	const extra = onDisk().filter((path) => !files.has(path));
	return [...stale.map(([path]) => path), ...extra];
}

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const stale = staleSchemas();
		if (stale.length) {
			console.error(`Out of date (run npm run gen:schemas): ${stale.join(', ')}`);
			process.exit(1);
		}
	} else {
		const files = generateSchemas();
		rmSync(SCHEMA_DIR, { recursive: true, force: true });
		for (const [path, text] of files) {
			mkdirSync(dirname(join(SCHEMA_DIR, path)), { recursive: true });
			writeFileSync(join(SCHEMA_DIR, path), text);
		}
		console.log(`${files.size} schema files in ${relative(root, SCHEMA_DIR)}`);
	}
}
