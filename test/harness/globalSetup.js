// One temporary N8N_USER_FOLDER for the whole run: n8n-core writes its config there at import
// time, and would otherwise write into the home folder. Removed by globalTeardown.js.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-dastra-test-'));
	// Warnings the nodes log are asserted through spies; the console stays quiet.
	process.env.N8N_LOG_LEVEL ??= 'silent';
};
