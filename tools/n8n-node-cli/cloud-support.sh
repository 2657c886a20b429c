#!/usr/bin/env bash
# npm run cloud-support: @n8n/node-cli's own `n8n-node cloud-support` status, as n8n's
# verification reads the package: eligible only with "n8n.strict": true in package.json and the
# stock eslint.config.mjs. Prints node-cli's report; exits 1 unless it says eligible.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
. "$here/install.sh"
report="$("$here/node_modules/.bin/n8n-node" cloud-support 2>&1)"
echo "$report"
if grep -q 'NOT eligible' <<<"$report" || ! grep -q 'eligible' <<<"$report"; then
	echo "cloud-support: NOT eligible for n8n Cloud verification"
	exit 1
fi
echo "cloud-support: eligible for n8n Cloud verification (strict mode, stock ESLint config)"
