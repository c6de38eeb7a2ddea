/**
 * Related-party exposure for the whole graph: the strongest risk reaching each subject from another subject's
 * own records along at most `maxHops` relationships, where a path's exposure is the source's own risk times the
 * product of the per-edge weights (type weight × stake scaling × damping). Max-product Bellman–Ford rounds on the
 * CSR (Bellman 1958; the max-times semiring, Mohri, "Semiring frameworks and algorithms for shortest-distance
 * problems", 2002), keeping per node the best values from K = 3 distinct sources so a subject's own records never
 * echo back to it through a loop. Converges on cycles (products below 1), stops early below `tolerance`.
 * Values never exceed the exact best simple path (the single-subject explanation finds it exactly).
 */
import type { CsrGraph } from '../projection/build-csr.ts';
import type { RoleBindings } from './exposure-weights.ts';

export const EXPOSURE_K = 3;

export interface ExposurePropagation {
  /** Best exposure 0–1 per node. */
  value: Float64Array;
  /** Node whose records give that exposure (−1 none). */
  origin: Int32Array;
  rounds: number;
  /** The last round changed nothing above tolerance (false = cut by maxHops). */
  converged: boolean;
}

export interface PropagateExposureOptions {
  maxHops: number;
  tolerance: number;
}

/** Propagates own risk `risk` (0–1 per node) with slot weights `fwd`/`bwd` and role bindings. */
export function propagateExposure(
  csr: CsrGraph,
  risk: Float64Array,
  fwd: Float64Array,
  bwd: Float64Array,
  bindings: RoleBindings,
  options: PropagateExposureOptions,
): ExposurePropagation {
  const n = csr.nodeCount;
  const K = EXPOSURE_K;
  let cv = new Float64Array(n * K);
  let co = new Int32Array(n * K).fill(-1);
  let nv = new Float64Array(n * K);
  let no = new Int32Array(n * K).fill(-1);
  const { outOffsets, outTargets, inOffsets, inSources, inSlot } = csr;
  const bOff = bindings.offsets;
  let rounds = 0;
  let converged = options.maxHops === 0;

  for (let round = 1; round <= options.maxHops; round++) {
    rounds = round;
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const base = i * K;
      for (let s = 0; s < K; s++) {
        nv[base + s] = 0;
        no[base + s] = -1;
      }
      for (let p = bOff[i]!; p < bOff[i + 1]!; p++)
        offer(nv, no, base, i, bindings.value[p]!, bindings.origin[p]!);
      for (let k = outOffsets[i]!; k < outOffsets[i + 1]!; k++) {
        const f = bwd[k]!;
        if (f === 0) continue;
        const j = outTargets[k]!;
        const bj = risk[j]!;
        const jb = j * K;
        if (bj === 0 && cv[jb] === 0) continue;
        if (bj > 0) offer(nv, no, base, i, f * bj, j);
        for (let s = 0; s < K && cv[jb + s]! > 0; s++) offer(nv, no, base, i, f * cv[jb + s]!, co[jb + s]!);
      }
      for (let q = inOffsets[i]!; q < inOffsets[i + 1]!; q++) {
        const f = fwd[inSlot[q]!]!;
        if (f === 0) continue;
        const j = inSources[q]!;
        const bj = risk[j]!;
        const jb = j * K;
        if (bj === 0 && cv[jb] === 0) continue;
        if (bj > 0) offer(nv, no, base, i, f * bj, j);
        for (let s = 0; s < K && cv[jb + s]! > 0; s++) offer(nv, no, base, i, f * cv[jb + s]!, co[jb + s]!);
      }
      for (let s = 0; s < K; s++) {
        const d = Math.abs(nv[base + s]! - cv[base + s]!);
        if (d > delta) delta = d;
      }
    }
    [cv, nv] = [nv, cv];
    [co, no] = [no, co];
    if (delta <= options.tolerance) {
      converged = true;
      break;
    }
  }
  const value = new Float64Array(n);
  const origin = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = cv[i * K]!;
    origin[i] = co[i * K]!;
  }
  return { value, origin, rounds, converged };
}

/** Offers (val, origin) to node `self`'s top-K list at `base` (distinct origins, descending values). */
function offer(
  nv: Float64Array,
  no: Int32Array,
  base: number,
  self: number,
  val: number,
  origin: number,
): void {
  if (!(val > 0) || origin === self) return;
  const K = EXPOSURE_K;
  let s = 0;
  for (; s < K; s++) if (no[base + s] === origin) break;
  if (s === K) s = K - 1;
  else if (val <= nv[base + s]!) return;
  if (no[base + s] !== origin && val <= nv[base + s]!) return;
  nv[base + s] = val;
  no[base + s] = origin;
  while (s > 0 && nv[base + s]! > nv[base + s - 1]!) {
    const tv = nv[base + s - 1]!;
    const to = no[base + s - 1]!;
    nv[base + s - 1] = nv[base + s]!;
    no[base + s - 1] = no[base + s]!;
    nv[base + s] = tv;
    no[base + s] = to;
    s--;
  }
}
