// Copies the node and credential icons, and the output schemas, next to the compiled files: tsc only emits .js.
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

// The output schemas n8n shows before a run (scripts/gen-schemas.ts makes them): n8n reads them
// from dist/nodes/Dastra/__schema__/v<version>/<resource>/<operation>.json, beside the node.
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
exports['build:schemas'] = copySchemas;
