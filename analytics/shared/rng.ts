/**
 * Seeded pseudo-random generator: mulberry32 (Tommy Ettinger, public domain), 32-bit state, period 2^32.
 * Every randomised algorithm in analytics takes an `rng` built here so runs are reproducible.
 */

export type Rng = () => number;

/** A deterministic generator of floats in [0, 1) from a 32-bit seed. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
