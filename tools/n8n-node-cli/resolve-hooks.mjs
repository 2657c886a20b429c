// Module resolution hooks registered by resolve.mjs (they run in Node's loader thread).
const here = new URL('./package.json', import.meta.url).href;

export async function resolve(specifier, context, next) {
	if (specifier === '@n8n/node-cli' || specifier.startsWith('@n8n/node-cli/')) {
		return next(specifier, { ...context, parentURL: here });
	}
	return next(specifier, context);
}
