/** n8n's REST API as the editor uses it: owner set-up, workflows, activation (1.x and 2.x). */
import type { RunningN8n } from './harness';

export type Rest = (method: string, path: string, body?: object) => Promise<Record<string, unknown>>;

export class RestError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

const browser = { 'browser-id': 'n8n-dastra-e2e' };

/**
 * Posts the owner set-up form (the first visit's) and returns the session cookie. n8n mounts its
 * routes one after another: right after the public settings answer, /rest/owner/setup can still be
 * a 404 for a moment, so a 404 is tried again for up to 30 s (every 250 ms); anything else fails.
 */
export async function ownerSetupCookie(url: string): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...browser },
			body: JSON.stringify({ email: 'owner@example.org', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-123' }),
		});
		if (setup.status === 200) return setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		const text = await setup.text();
		if (setup.status !== 404 || Date.now() > deadline) throw new Error(`owner setup: ${setup.status} ${text}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Sets up the owner account and returns a REST client logged in as it. */
export async function ownerSession(url: string): Promise<Rest> {
	return session(url, await ownerSetupCookie(url));
}

/** A REST client with a session cookie (from ownerSetupCookie). */
export function session(url: string, cookie: string): Rest {
	return async (method, path, body) => {
		const res = await fetch(`${url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie, ...browser },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		if (!res.ok) throw new RestError(`${method} ${path}: ${res.status} ${text}`, res.status);
		try {
			return (JSON.parse(text) as { data: Record<string, unknown> }).data;
		} catch {
			throw new RestError(`${method} ${path}: ${res.status}, not JSON: ${text.slice(0, 500)}`, res.status);
		}
	};
}

/**
 * Activates (2.x: publishes) a workflow, then checks n8n really did: n8n answers 200 even when it
 * refuses to activate (a poll cron it does not accept, say), and logs the error. The caller still
 * has to check the trigger polls.
 */
export async function activateWorkflow(rest: Rest, workflow: Record<string, unknown>, server: RunningN8n): Promise<void> {
	const id = String(workflow.id);
	try {
		await rest('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
	} catch (error) {
		// n8n 1.x has no activate route: the editor PATCHes `active`.
		if (!(error instanceof RestError) || error.status !== 404) throw error;
		await rest('PATCH', `/workflows/${id}`, { active: true, versionId: workflow.versionId });
	}
	const saved = await rest('GET', `/workflows/${id}`);
	if (saved.active !== true && !saved.activeVersionId) {
		throw new Error(`n8n did not activate workflow ${id}; its log ends with:\n${server.output().split('\n').slice(-40).join('\n')}`);
	}
	const refused = activationError(server.output());
	if (refused) throw new Error(`n8n refused to activate workflow ${id}: ${refused}`);
}

/**
 * n8n's activation error, if its log has one. n8n activates triggers after answering the REST
 * call, so this can appear later: callers waiting for the first poll check it meanwhile.
 */
export function activationError(log: string): string | undefined {
	return /(There was a problem activating the workflow[^\n]*|Invalid cron[^\n]*|could not be activated[^\n]*)/i.exec(log)?.[0];
}
