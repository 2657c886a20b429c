/**
 * Every link to Dastra's documentation in what the pack ships (credential documentationUrl, the
 * nodes' codex files, comments) points at a page Dastra publishes today. Dastra moved its docs from
 * doc.dastra.eu/developers/... to the GitBook layout doc.dastra.eu/<lang>/features/...; the old
 * paths are dead. The current paths are the ones Dastra's own pages give for themselves (the
 * "Markdown version" / "query this page" addresses in /work/shared/dastra-api/dsr-api-integration.*).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { DastraApi } from '../../../credentials/DastraApi.credentials';

const root = join(__dirname, '../../..');

/** Dastra's current documentation pages, with the headings (GitBook anchors) of each. */
const current: Record<string, string[]> = {
	// "API integration" (DSR module), EN.
	'https://doc.dastra.eu/en/features/gerer-les-exercices-des-droits/api-integration': [
		'the-object-of-the-data-subject-right-request',
		'create-a-new-data-subject-rights-request-in-dastra',
		'retrieve-an-existing-data-subject-rights-request-via-its-id',
		'retrieve-a-paginated-list-of-data-subject-rights-requests',
		'update-a-data-subject-rights-request',
		'delete-a-data-subject-rights-request-via-its-id',
		'change-the-process-step-of-the-data-subject-right-request',
		'archive-a-data-subject-right-request-via-its-id',
		'remove-archived-status-from-a-dsr-request',
	],
	// The same page in German.
	'https://doc.dastra.eu/de/features/gerer-les-exercices-des-droits/integration-de-lapi': [],
};

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(ts|json)$/.test(name) ? [path] : [];
	});
}

const links = ['nodes', 'credentials'].flatMap((dir) =>
	files(join(root, dir)).flatMap((path) =>
		[...readFileSync(path, 'utf8').matchAll(/https?:\/\/doc\.dastra\.eu[^\s'"`)\]]*/g)].map((m) => ({
			file: path.slice(root.length + 1),
			link: m[0],
		})),
	),
);

test('the pack links to Dastra docs (credential, codex files, operations)', () => {
	const where = new Set(links.map((l) => l.file));
	for (const file of [
		'credentials/DastraApi.credentials.ts',
		'nodes/Dastra/Dastra.node.json',
		'nodes/Dastra/DastraTrigger.node.json',
		'nodes/Dastra/DastraWebhookTrigger.node.json',
	]) {
		expect(where).toContain(file);
	}
});

test.each(links)('$file links to a current Dastra docs page: $link', ({ link }) => {
	const [page, anchor] = link.split('#');
	expect(Object.keys(current)).toContain(page);
	if (anchor !== undefined) expect(current[page]).toContain(anchor);
});

test("the credential's documentationUrl is Dastra's current API page", () => {
	expect(Object.keys(current)).toContain(new DastraApi().documentationUrl);
});
