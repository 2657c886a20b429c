/** The key check of the redaction matrices: fails naming where a key of `fake` appeared. */
import type { FakeDastra } from '../fake-dastra/server';

export function secretFree(fake: FakeDastra, label: string, value: unknown) {
	const text = JSON.stringify(value ?? null);
	if (text.includes(fake.privateKey) || text.includes(fake.publicKey)) {
		throw new Error(`${label} carries a key: ${text.slice(0, 300)}`);
	}
}
