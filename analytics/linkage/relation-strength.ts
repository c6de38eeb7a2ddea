/**
 * Strength of a relationship as a link between two subjects: a weight per relation kind, scaled for
 * SHAREHOLDER by the stake (stakeBase + (1 − stakeBase) · stake). The defaults are judgement values for
 * linkage ranking, not law; they live here so callers can replace them.
 */
import type { RelationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL } from '../projection/relation-codes.ts';

export type RelationWeights = Readonly<Record<RelationKind, number>>;

export const DEFAULT_RELATION_WEIGHTS: RelationWeights = Object.freeze({
  ACTUAL_CONTROLLER: 0.95,
  LEGAL_REP: 0.9,
  SHAREHOLDER: 0.9,
  BRANCH: 0.8,
  OFFICER: 0.7,
  GUARANTEE: 0.6,
});

/** Per-code weight table from a kind → weight record. */
export function weightTable(weights: RelationWeights): Float64Array {
  return Float64Array.from([
    weights.LEGAL_REP,
    weights.SHAREHOLDER,
    weights.OFFICER,
    weights.ACTUAL_CONTROLLER,
    weights.GUARANTEE,
    weights.BRANCH,
  ]);
}

/** Strength of CSR out-slot `k` in (0, 1]. */
export function slotStrength(csr: CsrGraph, k: number, table: Float64Array, stakeBase: number): number {
  const type = csr.edgeType[k]!;
  const w = table[type]!;
  if (type !== REL.SHAREHOLDER) return w;
  const s = csr.edgeValue[k]!;
  return w * (Number.isNaN(s) ? stakeBase : stakeBase + (1 - stakeBase) * s);
}
