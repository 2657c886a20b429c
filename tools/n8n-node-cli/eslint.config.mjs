// n8n's own ESLint config for community nodes, from @n8n/node-cli (what `n8n-node lint` and the
// n8n-nodes-starter use), run on the shipped sources by `npm run lint:n8n`. The project's own
// rule sets stay in ../../eslint.config.mjs (`npm run lint`).
import { config } from '@n8n/node-cli/eslint';

export default [{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'tools/**'] }, ...config];
