/**
 * `npm run screenshots`: remakes docs/*.png from the running editor. Starts the sandbox (fake
 * Dastra with demo data) and n8n 2.8.4 with the pack, creates a workflow with the Dastra node and
 * the Dastra Trigger through the REST API, then drives Debian's chromium (apt-get install
 * chromium) with playwright-core. Not part of CI.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { seedDemo } from '../fake-dastra/seed';
import { FakeDastra } from '../fake-dastra/server';
import { setupN8n, startN8n } from '../e2e/harness';

const CHROMIUM = '/usr/bin/chromium';
const docs = join(__dirname, '../../docs');
const BROWSER_ID = 'n8n-dastra-screenshots';

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error('Needs Debian\'s chromium: apt-get install chromium');
	// playwright-core lives in test/screenshots only, so it is loaded from there.
	const playwright = await import(join(__dirname, 'node_modules/playwright-core/index.js'));
	const chromium = playwright.chromium ?? playwright.default.chromium;
	mkdirSync(docs, { recursive: true });

	const fake = new FakeDastra();
	seedDemo(fake);
	await fake.start();
	const n8n = await setupN8n();
	await n8n.importCredential({ id: 'dastraSandbox01', name: 'Dastra sandbox', type: 'dastraApi', data: fake.credentials() });
	const server = await startN8n(n8n);
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
		const setup = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ email: 'owner@example.org', firstName: 'Privacy', lastName: 'Team', password: 'Screenshots-123' }),
		});
		const cookie = setup.headers.getSetCookie()[0].split(';')[0];
		const credentials = { dastraApi: { id: 'dastraSandbox01', name: 'Dastra sandbox' } };
		const created = (await (
			await fetch(`${server.url}/rest/workflows`, {
				method: 'POST',
				headers: { ...headers, cookie },
				body: JSON.stringify({
					name: 'Dastra: new ticket to DSR',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						{
							id: 'trigger',
							name: 'Dastra Trigger',
							type: 'n8n-nodes-dastra.dastraTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: { events: ['requestCreated', 'stepChanged', 'deadlineApproaching'], daysBeforeDeadline: 5 },
							credentials,
						},
						{
							id: 'dastra',
							name: 'Dastra',
							type: 'n8n-nodes-dastra.dastra',
							typeVersion: 1,
							position: [300, 0],
							parameters: { resource: 'dataSubjectRequest', operation: 'create', title: 'Erasure request from ticket #4521', entityId: 12, purposes: ['Erasure'], locale: 'fr' },
							credentials,
						},
					],
					connections: { 'Dastra Trigger': { main: [[{ node: 'Dastra', type: 'main', index: 0 }]] } },
				}),
			})
		).json()) as { data: { id: string } };

		const [name, value] = cookie.split('=');
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
		// The auth cookie is bound to the browser ID the editor sends.
		await context.addInitScript((id: string) => localStorage.setItem('n8n-browserId', id), BROWSER_ID);
		const page = await context.newPage();
		await page.goto(`${server.url}/workflow/${created.data.id}`);
		await page.waitForTimeout(4000);
		await page.screenshot({ path: join(docs, 'canvas.png') });

		// The canvas pane sits over the node labels: double-click the node boxes themselves.
		const node = (name: string) => page.locator('[data-test-id="canvas-node"]').filter({ hasText: name });
		await node('create: dataSubjectRequest').dblclick({ force: true });
		await page.waitForTimeout(2500);
		await page.screenshot({ path: join(docs, 'node-panel.png') });

		await page.getByText('Entity Name or ID').first().scrollIntoViewIfNeeded();
		const entity = page.locator('[data-test-id="parameter-input-entityId"]').first();
		await entity.click();
		await page.waitForTimeout(2000);
		await page.screenshot({ path: join(docs, 'entity-dropdown.png') });
		// Back to the canvas with a fresh load: simpler than closing the panel.
		await page.goto(`${server.url}/workflow/${created.data.id}`);
		await page.waitForTimeout(4000);

		await node('Dastra Trigger').dblclick({ force: true });
		await page.waitForTimeout(2500);
		await page.screenshot({ path: join(docs, 'trigger-events.png') });
		console.log(`screenshots written to ${docs}`);
	} finally {
		await browser.close();
		await server.stop();
		await fake.stop();
		n8n.cleanup();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
