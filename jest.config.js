/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFilesAfterEnv: ['<rootDir>/test/harness/jestSetup.ts'],
	testTimeout: 30000,
	// `npm run test:coverage`: what the pack ships, not the test code.
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
};
