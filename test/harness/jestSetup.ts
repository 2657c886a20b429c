/**
 * After each test file: stop what n8n-core leaves running. A full n8n calls these on shutdown;
 * without them jest's workers never exit. SSHClientsManager, created by the first node
 * execution context, sweeps stale SSH tunnels on a one-minute interval.
 */
import './env';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { dastraLimiter } from '../../nodes/Dastra/transport/limiter';

// Dastra's rate limit is counted per process (transport/limiter.ts): each test starts with its
// windows empty, as if its calls came a minute after the last test's.
beforeEach(() => {
	dastraLimiter.clear();
});

afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
});
