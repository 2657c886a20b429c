/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	// Transpile only: types are checked once by `npm run typecheck` (CI runs it), not per test file.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }] },
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFilesAfterEnv: ['<rootDir>/test/harness/jestSetup.ts'],
	testTimeout: 30000,
	// Both cores of the 2-core machines we run on (jest's default leaves one idle).
	maxWorkers: 2,
	// `npm run test:coverage`: what the pack ships, not the test code.
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
};
