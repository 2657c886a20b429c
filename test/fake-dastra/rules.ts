/** The rule engine: JsonRuleEngine.Net `filters` rules and `sortBy` ordering, as Dastra applies them to lists. */
import { parseDate, type Json } from './data';

// Rule fields name request keys case-insensitively; every stored request has the same keys,
// so the lookup is cached (the benchmarks filter 100,000 requests per call).
const keyCache = new Map<string, string>();

export function findKey(obj: Json, name: string): string | undefined {
	const lower = name.toLowerCase();
	const cached = keyCache.get(lower);
	if (cached !== undefined && cached in obj) return cached;
	const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
	if (found !== undefined) keyCache.set(lower, found);
	return found;
}

// Parsing dates dominates a 100,000-request listing: remember the strings already parsed.
const parsed = new Map<unknown, number>();
function dateOf(value: unknown): number {
	if (typeof value !== 'string') return NaN;
	let ms = parsed.get(value);
	if (ms === undefined) {
		if (parsed.size > 500_000) parsed.clear();
		ms = parseDate(value);
		parsed.set(value, ms);
	}
	return ms;
}

export function compare(a: unknown, b: unknown): number {
	const da = dateOf(a);
	const db = dateOf(b);
	if (!Number.isNaN(da) || !Number.isNaN(db)) {
		return (Number.isNaN(da) ? -Infinity : da) - (Number.isNaN(db) ? -Infinity : db) || 0;
	}
	if (a == null && b == null) return 0;
	if (a == null) return -1;
	if (b == null) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b));
}

/** A JsonRuleEngine.Net rule: {field, operator, value} or {separator, rules}. Field names ignore case. */
export function matchesRule(item: Json, rule: Json): boolean {
	if (Array.isArray(rule.rules)) {
		const results = (rule.rules as Json[]).map((r) => matchesRule(item, r));
		return String(rule.separator ?? 'And').toLowerCase() === 'or' ? results.some(Boolean) : results.every(Boolean);
	}
	const key = findKey(item, String(rule.field)) ?? String(rule.field);
	const actual = item[key];
	const expected = rule.value;
	const c = () => compare(actual, expected);
	switch (rule.operator) {
		case 'equal':
			return actual === expected || (actual != null && String(actual) === String(expected));
		case 'notEqual':
			return !(actual === expected || (actual != null && String(actual) === String(expected)));
		case 'greaterThan':
			return actual != null && c() > 0;
		case 'greaterThanInclusive':
			return actual != null && c() >= 0;
		case 'lessThan':
			return actual != null && c() < 0;
		case 'lessThanInclusive':
			return actual != null && c() <= 0;
		case 'in':
			return Array.isArray(expected) && expected.map(String).includes(String(actual));
		case 'notIn':
			return Array.isArray(expected) && !expected.map(String).includes(String(actual));
		case 'contains':
			return String(actual ?? '').includes(String(expected));
		case 'doesNotContains':
			return !String(actual ?? '').includes(String(expected));
		case 'isNull':
			return actual == null;
		case 'isNotNull':
			return actual != null;
		case 'isEmpty':
			return actual == null || actual === '';
		default:
			throw new Error(`unknown rule operator ${String(rule.operator)}`);
	}
}

/** Sorts a listing in place as `sortBy`/`asc` ask (ties by ID), or by ID when the sort is not honoured. */
export function sortListing(items: Json[], q: Record<string, string | string[]>, honoursSort: boolean): void {
	if (q.sortBy && honoursSort) {
		const key = findKey(items[0] ?? {}, String(q.sortBy)) ?? String(q.sortBy);
		const asc = q.asc !== 'false';
		items.sort((a, b) => compare(a[key], b[key]) * (asc ? 1 : -1) || (Number(a.id) - Number(b.id)) * (asc ? 1 : -1));
	} else {
		items.sort((a, b) => Number(a.id) - Number(b.id));
	}
}
