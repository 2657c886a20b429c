/** Seed data for the fake: bulk requests for benchmarks, and a realistic demo workspace for the sandbox. */
import type { FakeDastra } from './server';

const DAY = 86_400_000;

/** `n` plain requests, created one second apart, ending now. */
export function seedBulk(fake: FakeDastra, n: number, { closedShare = 0 } = {}): void {
	const start = fake.now() - n * 1000;
	for (let k = 0; k < n; k++) {
		const closed = k < n * closedShare;
		fake.seed(
			{
				title: `Request ${k}`,
				purposes: [k % 3 ? 'Access' : 'Erasure'],
				workFlowStepId: closed ? 105 : 101 + (k % 4),
				refId: `BULK-${k}`,
			},
			start + k * 1000,
		);
	}
}

const PEOPLE = [
	['Camille', 'Durand', 'camille.durand@example.fr'],
	['Lukas', 'Schmidt', 'lukas.schmidt@example.de'],
	['Sofia', 'Rossi', 'sofia.rossi@example.it'],
	['Emma', 'Janssens', 'emma.janssens@example.be'],
	['Hugo', 'Martin', 'hugo.martin@example.fr'],
	['Noah', 'Peeters', 'noah.peeters@example.be'],
	['Lea', 'Muller', 'lea.muller@example.de'],
	['Jules', 'Bernard', 'jules.bernard@example.fr'],
];
const PURPOSE_SETS = [['Access'], ['Erasure'], ['Rectification'], ['Opposition'], ['Portability', 'Access'], ['Erasure', 'Opposition']];

/**
 * A demo workspace: requests across every state, purpose mix, step, entity and deadline,
 * a few overdue, some from the widget, some tagged; so a newcomer sees real-looking data.
 */
export function seedDemo(fake: FakeDastra): void {
	const now = fake.now();
	for (let k = 0; k < 36; k++) {
		const [givenName, familyName, email] = PEOPLE[k % PEOPLE.length];
		const purposes = PURPOSE_SETS[k % PURPOSE_SETS.length];
		const step = 101 + (k % 5);
		// Ages from today to 40 days: requests older than a month and not closed are overdue.
		const ageDays = (k * 7) % 41;
		const created = now - ageDays * DAY - k * 3_600_000;
		const dsr = fake.seed(
			{
				title: `${purposes.join(' + ')} request from ${givenName} ${familyName}`,
				givenName,
				familyName,
				email,
				purposes,
				workFlowStepId: step,
				areaId: 11 + (k % 3),
				locale: ['fr', 'de', 'en'][k % 3],
				refId: k % 2 ? `ZD-${4500 + k}` : null,
				channel: k % 3 === 0 ? 'Widget' : 'Internal',
				widgetId: k % 3 === 0 ? 401 : 0,
				operatorId: k % 4 === 0 ? null : 301 + (k % 2),
				tags: k % 5 === 0 ? [{ id: 201 }] : k % 7 === 0 ? [{ id: 202 }, { id: 203 }] : [],
				complex: k % 11 === 0,
				closedReason: step === 105 ? 'Accepted' : 'None',
				message: `Hello, I would like to exercise my right of ${purposes[0].toLowerCase()}. Regards, ${givenName}`,
			},
			created,
		);
		if (k % 4 === 1) fake.touch(dsr.id, {}, Math.min(now, created + 2 * DAY));
	}
}
