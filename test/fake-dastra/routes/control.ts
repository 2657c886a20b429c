/**
 * Test-only control routes (/__fake/*) for a fake running in another process (sandbox,
 * benchmarks, e2e): read the log, seed or change requests as a Dastra user would, collect
 * events, inject faults. No key is checked.
 */
import type { Json } from '../data';
import type { Fault } from '../server';
import type { Route } from './route';

const bodyOf = (body: unknown) => (body ?? {}) as Json;

export const controlRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/__fake\/log$/,
		scope: 'control',
		handle: (fake) => [200, fake.log.filter((e) => !e.path.startsWith('/__fake/'))],
	},
	{
		method: 'DELETE',
		path: /^\/__fake\/log$/,
		scope: 'control',
		handle(fake) {
			fake.log = [];
			return [204, undefined];
		},
	},
	{
		method: 'POST',
		path: /^\/__fake\/requests$/,
		scope: 'control',
		handle: (fake, r) => [200, fake.seed(bodyOf(r.body))],
	},
	{
		method: 'PATCH',
		path: /^\/__fake\/requests\/(\d+)$/,
		scope: 'control',
		handle(fake, r, m) {
			if (!fake.dsrs.has(Number(m[1]))) return [404, { message: 'no such request' }];
			return [200, fake.touch(Number(m[1]), bodyOf(r.body))];
		},
	},
	{
		method: 'POST',
		path: /^\/__fake\/events$/,
		scope: 'control',
		handle(fake, r) {
			fake.events.push(r.body);
			return [200, { received: true }];
		},
	},
	{
		method: 'GET',
		path: /^\/__fake\/stats$/,
		scope: 'control',
		handle: (fake) => [200, { rateLimited: fake.rateLimited, latencyMs: fake.latencyMs }],
	},
	{
		method: 'PUT',
		path: /^\/__fake\/latency$/,
		scope: 'control',
		handle(fake, r) {
			fake.latencyMs = Number(bodyOf(r.body).ms ?? 0);
			return [204, undefined];
		},
	},
	{ method: 'GET', path: /^\/__fake\/events$/, scope: 'control', handle: (fake) => [200, fake.events] },
	{
		method: 'POST',
		path: /^\/__fake\/faults$/,
		scope: 'control',
		handle(fake, r) {
			fake.faults.push(bodyOf(r.body) as Fault);
			return [204, undefined];
		},
	},
];
