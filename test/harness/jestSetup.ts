/**
 * After each test file: undo its spies. n8n-core and its Logger are shared by the test files a
 * worker runs (environment.js), so a spy left on them would reach the next file.
 */
import './env';

import { dastraLimiter } from '../../nodes/Dastra/transport/limiter';

// Dastra's rate limit is counted per process (transport/limiter.ts): each test starts with its
// windows empty, as if its calls came a minute after the last test's.
beforeEach(() => {
	dastraLimiter.clear();
});

afterAll(() => {
	jest.restoreAllMocks();
});
