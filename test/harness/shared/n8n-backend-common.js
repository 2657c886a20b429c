module.exports = globalThis.n8nShared('@n8n/backend-common');
