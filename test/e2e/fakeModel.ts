/**
 * A local OpenAI-compatible chat model for end-to-end tests: n8n's OpenAI credential takes a
 * Base URL, so its chat model node talks to this server over real HTTP. It answers
 * POST /v1/chat/completions from a script (a function of the request: the conversation so far
 * and the tools offered) and keeps every request, so a test can check what the model was shown.
 * Loopback only; no streaming (n8n's agent asks for none unless streaming is switched on).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: { type: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] } };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

/** What the script answers: a final text, or one or more tool calls. */
export type ChatReply = { text: string } | { calls: Array<{ name: string; args: Record<string, unknown> }> };

export type ChatScript = (request: ChatRequest) => ChatReply;

/** The text of a message, whether sent as a string or as content parts. */
export function textOf(message: ChatMessage | undefined): string {
	if (!message) return '';
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

export class FakeModel {
	readonly requests: ChatRequest[] = [];
	private server?: Server;
	private callCount = 0;

	constructor(private readonly script: ChatScript) {}

	/** The Base URL to put in n8n's OpenAI credential. */
	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			void this.handle(req).then(
				({ status, body }) => {
					res.writeHead(status, { 'content-type': 'application/json' });
					res.end(JSON.stringify(body));
				},
				(error: Error) => {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { message: `fake model: ${error.message}`, type: 'server_error' } }));
				},
			);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET' && path === '/v1/models') {
			return { status: 200, body: { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model', owned_by: 'fake' }] } };
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			return { status: 404, body: { error: { message: `fake model: no route ${req.method} ${path}` } } };
		}
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(request);
		const reply = this.script(request);
		const message =
			'text' in reply
				? { role: 'assistant', content: reply.text }
				: {
						role: 'assistant',
						content: null,
						tool_calls: reply.calls.map((call) => ({
							id: `call_${++this.callCount}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.args) },
						})),
					};
		return {
			status: 200,
			body: {
				id: `chatcmpl-${this.requests.length}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: request.model,
				choices: [{ index: 0, message, logprobs: null, finish_reason: 'text' in reply ? 'stop' : 'tool_calls' }],
				usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
			},
		};
	}
}
