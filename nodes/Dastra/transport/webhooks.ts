import type { IDataObject } from 'n8n-workflow';

import type { DastraContext } from './index';
import { credentialWorkspaceId, dastraCall } from './index';
import { asPage } from './pager';
import { rememberSignatureKey } from './redact';

/** Dastra's WebHookUrlDto, the fields the node reads. */
export interface WebHookUrl extends IDataObject {
	id: number;
	url: string;
	workSpaceId?: number | null;
	subscribedEvents?: string[] | null;
	signatureKey?: string;
	inError?: boolean;
}

const what = (id: number) => `Webhook ${id}`;

/**
 * The two calls whose answers carry signature keys the node needs: kept in the answer, and
 * remembered, so every later answer, error and log line has them redacted.
 */
const withKeys = { keepSignatureKeys: true };
// A non-list answer is an error, never "no webhook" (which would register a second one).
const listWithKeys = { ...withKeys, shape: 'list' as const };
function remember<T>(answer: T): T {
	for (const hook of Array.isArray(answer) ? answer : [answer]) rememberSignatureKey((hook as WebHookUrl | null)?.signatureKey);
	return answer;
}

/** GET /v1/WebHookUrls?workspaceId=: the workspace's webhooks (a bare array or `{items}`). */
export async function listWebhooks(this: DastraContext): Promise<WebHookUrl[]> {
	return remember(asPage<WebHookUrl>(await dastraCall.call(this, 'tenant', 'GET', '/v1/WebHookUrls', listWithKeys)).items);
}

/** POST /v1/WebHookUrls: registers `url` for `events` in the credential's workspace; Dastra's answer as is. */
export async function createWebhook(this: DastraContext, url: string, events: string[]): Promise<WebHookUrl> {
	const workSpaceId = await credentialWorkspaceId(this);
	return remember(
		(await dastraCall.call(this, 'root', 'POST', '/v1/WebHookUrls', {
			body: { url, workSpaceId, subscribedEvents: events },
			...withKeys,
		})) as WebHookUrl,
	);
}

/** DELETE /v1/WebHookUrls/{id}; a 404 names the webhook. */
export async function deleteWebhook(this: DastraContext, id: number): Promise<void> {
	await dastraCall.call(this, 'root', 'DELETE', `/v1/WebHookUrls/${id}`, { what: what(id) });
}
