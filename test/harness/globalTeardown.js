const { rmSync } = require('node:fs');

module.exports = async () => {
	if (process.env.N8N_USER_FOLDER?.includes('n8n-dastra-test-')) {
		rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
	}
};
