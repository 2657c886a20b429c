#!/usr/bin/env bash
# npm run lint:n8n: @n8n/node-cli's ESLint config on nodes/, credentials/ and package.json.
# node-cli lives in this folder with its own lock file, installed once with --ignore-scripts
# (its @n8n/ai-node-sdk dependency pulls isolated-vm 7, which does not build on Node 20; the lint
# does not use it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
if [ ! -x "$here/node_modules/.bin/eslint" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	echo "Installing @n8n/node-cli into tools/n8n-node-cli (once)"
	npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
exec "$here/node_modules/.bin/eslint" -c "$here/eslint.config.mjs" nodes credentials package.json "$@"
