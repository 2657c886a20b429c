// The project's rule sets (`npm run lint`): eslint-plugin-n8n-nodes-base (community,
// credentials, nodes) and @n8n/eslint-plugin-community-nodes (recommended), on the shipped sources
// only. Stricter than n8n's stock config in eslint.config.mjs (`npm run lint:n8n`), which must stay
// exactly as @n8n/node-cli writes it for n8n's cloud-support check: that one turns off
// cred-class-field-type-options-password-missing and node-param-type-options-max-value-present,
// this one keeps them.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const base = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		// As n8n's scanner does: the package.json rules walk the AST the TS parser makes of it.
		languageOptions: { parser: tsParser },
		plugins: base,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The credential's docs live on Dastra's site, not n8n's.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These older rules want the string 'main'; n8n 2.x and the community-nodes plugin
			// require NodeConnectionTypes.Main instead.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		...communityNodes.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
	},
];
