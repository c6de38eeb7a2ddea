/**
 * Seeded pseudo-random generator for every randomised algorithm in analytics, so runs are reproducible:
 * the domain's mulberry32 (one implementation for synthetic data and analytics alike).
 */
import { mulberry32, type Rng } from '../../domain/identifiers/generate.ts';

export type { Rng };

/** A deterministic generator of floats in [0, 1) from a 32-bit seed. */
export const createRng = (seed: number): Rng => mulberry32(seed);
