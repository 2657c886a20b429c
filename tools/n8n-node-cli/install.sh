# Sourced by lint.sh and cloud-support.sh: installs @n8n/node-cli into tools/n8n-node-cli once
# (again when its lock file changes), with --ignore-scripts: its @n8n/ai-node-sdk dependency
# pulls isolated-vm 7, which does not build on Node 20; neither the lint nor cloud-support uses it.
if [ ! -x "$here/node_modules/.bin/n8n-node" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	echo "Installing @n8n/node-cli into tools/n8n-node-cli (once)"
	npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
