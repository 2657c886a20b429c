const { SHARED } = require('./test/harness/environment');

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	// n8n-core and n8n-workflow load once per worker, not once per test file (harness/environment.js).
	testEnvironment: '<rootDir>/test/harness/environment.js',
	moduleNameMapper: Object.fromEntries(
		SHARED.map((id) => [`^${id}$`, `<rootDir>/test/harness/shared/${id.replace('@', '').replace('/', '-')}.js`]),
	),
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	// Transpile only (tsconfig.test.json's isolatedModules): types are checked once by
	// `npm run typecheck` (CI runs it), not per test file.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFilesAfterEnv: ['<rootDir>/test/harness/jestSetup.ts'],
	testTimeout: 30000,
	// Twice the cores of the 2-core machines we run on: many files wait on real sockets, timeouts
	// and clocks, and the other workers use the cores meanwhile (measured: 50 s with 2, 33 s with 4).
	maxWorkers: 4,
	// `npm run test:coverage`: what the pack ships, not the test code.
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
};
