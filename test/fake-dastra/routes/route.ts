/** The shape of one route of the fake; routes/index.ts lists them all. */
import type { FakeDastra, LoggedRequest } from '../server';

/** Status, body (JSON value, text, Buffer, or undefined for none) and extra headers. */
export type Answer = [number, unknown, Record<string, string>?];

export interface Route {
	/** HTTP method, or '*' for any method (tried only after every exact-method route). */
	method: string;
	/**
	 * Matched against the path after /v1/ws/{id} for 'workspace' routes (which get the key and
	 * workspace checks), and against the whole path otherwise: 'root' gets the key check only,
	 * 'public' (its own auth, in the handler) and 'control' (/__fake/*) get none.
	 */
	path: RegExp;
	scope: 'workspace' | 'root' | 'public' | 'control';
	handle(fake: FakeDastra, req: LoggedRequest, match: RegExpExecArray): Answer;
}

/** The answer to a path or method no route serves. */
export function noRoute(r: LoggedRequest): Answer {
	return [404, { message: `No route ${r.method} ${r.path}` }];
}
