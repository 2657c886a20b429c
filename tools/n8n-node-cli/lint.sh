#!/usr/bin/env bash
# npm run lint:n8n: n8n's stock ESLint config, the root eslint.config.mjs exactly as `n8n-node
# cloud-support enable` writes it (`import { config } from '@n8n/node-cli/eslint'`), on nodes/,
# credentials/ and package.json. @n8n/node-cli is installed here, not in the pack's
# devDependencies (see install.sh); resolve.mjs lets the root config import it from here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
. "$here/install.sh"
exec node --import "$here/resolve.mjs" "$here/node_modules/eslint/bin/eslint.js" -c eslint.config.mjs nodes credentials package.json "$@"
