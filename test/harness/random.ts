/** Seeded randomness for the randomized tests (mulberry32): the same seed, the same run. */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

/** Seeds per variant: one each by default; DASTRA_RANDOM_ROUNDS=N for N each (a long local run). */
export const ROUNDS = Math.max(1, Number(process.env.DASTRA_RANDOM_ROUNDS ?? 1));
export const seeds = (...base: number[]) =>
	Array.from({ length: base.length * ROUNDS }, (_, k) => base[k % base.length] + 1000 * Math.floor(k / base.length));
