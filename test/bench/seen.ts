/**
 * The Webhook Trigger's memory of accepted deliveries (webhook/signature.ts SeenSignatures): heap
 * held at the cap (100,000 signatures, the most it keeps) and the cost of one check-and-record.
 */
import { createHmac } from 'node:crypto';

import { MAX_SEEN, SeenSignatures } from '../../nodes/Dastra/webhook/signature';

const gc = () => (globalThis as { gc?: () => void }).gc?.();

export function benchSeen(n = MAX_SEEN) {
	const signatures = Array.from({ length: n }, (_, k) => createHmac('sha256', 'key').update(String(k)).digest('base64'));
	gc();
	const before = process.memoryUsage().heapUsed;
	const seen = new SeenSignatures();
	const t0 = performance.now();
	let now = Date.parse('2026-01-01T00:00:00Z');
	for (const s of signatures) seen.add(s, (now += 100));
	const ms = performance.now() - t0;
	gc();
	const held = process.memoryUsage().heapUsed - before;
	const t1 = performance.now();
	for (const s of signatures.slice(0, 10_000)) seen.acceptedAt(s, now);
	const lookup = performance.now() - t1;
	console.log(
		`webhook replay memory: ${seen.size.toLocaleString('en')} signatures held in ${(held / 1024 / 1024).toFixed(1)} MB of heap ` +
			`(${Math.round(held / seen.size)} bytes each); add ${((ms * 1000) / n).toFixed(1)} µs, look-up ${((lookup * 1000) / 10_000).toFixed(1)} µs`,
	);
	// Keeps `seen` alive until measured.
	return seen.size;
}

if (require.main === module) benchSeen();
