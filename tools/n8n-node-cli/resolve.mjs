// `node --import tools/n8n-node-cli/resolve.mjs`: resolves '@n8n/node-cli' (and its subpaths, as
// imported by the root eslint.config.mjs) from this folder's node_modules, where lint.sh installs it.
import { register } from 'node:module';

register('./resolve-hooks.mjs', import.meta.url);
