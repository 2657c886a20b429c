/** The fake's HTTP plumbing: reading a body, writing an answer, and Dastra's 1-based pages. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { Json } from './data';
import type { LoggedRequest } from './server';

const MAX_SIZE = 500;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** A fake's HTTP server on 127.0.0.1 (`port` 0: a free one), listening. */
export async function listenLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port: number): Promise<Server> {
	const server = createServer((req, res) => void handle(req, res));
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return server;
}

/** Closes a fake's server and every connection it holds. */
export async function closeServer(server: Server | undefined): Promise<void> {
	if (!server) return;
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	if (body === undefined || status === 204) {
		res.writeHead(status, headers).end();
		return;
	}
	if (Buffer.isBuffer(body)) {
		res.writeHead(status, { 'content-length': String(body.length), ...headers }).end(body);
		return;
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res
		.writeHead(status, {
			'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...headers,
		})
		.end(text);
}

/** One page of `all` as Dastra answers it: `page` from 1, `size` capped at 500. */
export function paged(r: LoggedRequest, all: Json[], cap = MAX_SIZE): [number, unknown] {
	const page = Number(r.query.page ?? 1);
	const asked = Number(r.query.size ?? 20);
	if (!Number.isInteger(asked) || asked < 1) return [400, { message: 'page must be 1 or more and size between 1 and 500' }];
	// A server with a smaller cap pages by its own size: short pages, `total` says more.
	const size = Math.min(asked, MAX_SIZE, cap);
	if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) {
		return [400, { message: 'page must be 1 or more and size between 1 and 500' }];
	}
	return [200, { items: all.slice((page - 1) * size, page * size), total: all.length, page, size }];
}

