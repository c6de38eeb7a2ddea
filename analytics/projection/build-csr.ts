/**
 * Compressed sparse row (CSR) projection of the relationship graph as of a date, out and in directions
 * (Saad, "Iterative Methods for Sparse Linear Systems", 2003, §3.4; graphology `src/indices/neighborhood.js`).
 * Built once by counting sort; whole-graph passes then work on integers and map back to ids at the end.
 */
import type { IsoDate } from '../../domain/vocabulary.ts';
import { InvalidOptionsError } from '../errors.ts';
import { endDay, startDay, toDayNumber } from '../shared/dates.ts';
import type { ProjectionInput } from './projection-input.ts';
import { NO_ROLE, REL, relationCode, roleCode, subjectKindCode } from './relation-codes.ts';
import { validateProjectionInput } from './validate-projection-input.ts';

export interface BuildCsrOptions {
  /** Only relationships valid on this day are kept (validFrom ≤ asOf < validTo). */
  asOf: IsoDate;
  /** Check the input contract first (default true); turn off only for inputs already validated. */
  validate?: boolean;
}

export const DEFAULT_BUILD_CSR_OPTIONS: Readonly<Omit<BuildCsrOptions, 'asOf'>> = Object.freeze({
  validate: true,
});

/**
 * The projection. Out-edge slot `k` (0 ≤ k < edgeCount) of node `u` lies in `outOffsets[u] .. outOffsets[u+1]`;
 * its attributes are `edgeType[k]`, `edgeValue[k]` (SHAREHOLDER: stake fraction 0–1; GUARANTEE: amount; NaN
 * otherwise), `edgeRole[k]` (officer role code or NO_ROLE) and `edgeRef[k]` (index into `input.edges`).
 * In-edges of `v` lie in `inOffsets[v] .. inOffsets[v+1]`, with `inSources` and `inSlot` (the out-slot).
 */
export interface CsrGraph {
  readonly input: ProjectionInput;
  readonly asOf: IsoDate;
  readonly asOfDay: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Subject kind code per node (index in SUBJECT_KINDS). */
  readonly kind: Uint8Array;
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  readonly edgeType: Uint8Array;
  readonly edgeValue: Float64Array;
  readonly edgeRole: Uint8Array;
  readonly edgeRef: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inSlot: Int32Array;
}

/** Builds the CSR projection of `input` as of `options.asOf`. Never mutates the input. */
export function buildCsr(input: ProjectionInput, options: BuildCsrOptions): CsrGraph {
  const opts = { ...DEFAULT_BUILD_CSR_OPTIONS, ...options };
  const asOfDay = toDayNumber(opts.asOf);
  if (Number.isNaN(asOfDay))
    throw new InvalidOptionsError('analytics/projection/build-csr', 'asOf', 'must be an ISO date');
  let indexOf: Map<string, number>;
  if (opts.validate) indexOf = validateProjectionInput(input, 'analytics/projection/build-csr');
  else {
    indexOf = new Map();
    for (let i = 0; i < input.nodes.length; i++) indexOf.set(input.nodes[i]!.id, i);
  }
  const n = input.nodes.length;
  const ids = new Array<string>(n);
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const node = input.nodes[i]!;
    ids[i] = node.id;
    kind[i] = subjectKindCode(node.kind);
  }

  // Pass 1: keep edges valid on asOf; remember endpoints.
  const edges = input.edges;
  const src = new Int32Array(edges.length);
  const dst = new Int32Array(edges.length);
  const ref = new Int32Array(edges.length);
  const typ = new Uint8Array(edges.length);
  const val = new Float64Array(edges.length);
  const rol = new Uint8Array(edges.length);
  const outDeg = new Int32Array(n + 1);
  const inDeg = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (e.validFrom != null && startDay(e.validFrom) > asOfDay) continue;
    if (e.validTo != null && endDay(e.validTo) <= asOfDay) continue;
    const f = indexOf.get(e.from);
    const t = indexOf.get(e.to);
    if (f === undefined || t === undefined) continue;
    src[m] = f;
    dst[m] = t;
    ref[m] = i;
    const type = relationCode(e.type);
    typ[m] = type;
    val[m] =
      type === REL.SHAREHOLDER
        ? e.stakePct == null
          ? Number.NaN
          : e.stakePct / 100
        : type === REL.GUARANTEE
          ? (e.amount ?? Number.NaN)
          : Number.NaN;
    rol[m] = e.role == null ? NO_ROLE : roleCode(e.role);
    outDeg[f + 1]!++;
    inDeg[t + 1]!++;
    m++;
  }
  // Prefix sums.
  for (let i = 0; i < n; i++) {
    outDeg[i + 1]! += outDeg[i]!;
    inDeg[i + 1]! += inDeg[i]!;
  }
  const outOffsets = outDeg;
  const inOffsets = inDeg;
  const outTargets = new Int32Array(m);
  const edgeType = new Uint8Array(m);
  const edgeValue = new Float64Array(m);
  const edgeRole = new Uint8Array(m);
  const edgeRef = new Int32Array(m);
  const inSources = new Int32Array(m);
  const inSlot = new Int32Array(m);
  const outCursor = outOffsets.slice(0, n);
  const inCursor = inOffsets.slice(0, n);
  for (let j = 0; j < m; j++) {
    const f = src[j]!;
    const t = dst[j]!;
    const k = outCursor[f]!++;
    outTargets[k] = t;
    edgeType[k] = typ[j]!;
    edgeValue[k] = val[j]!;
    edgeRole[k] = rol[j]!;
    edgeRef[k] = ref[j]!;
    const q = inCursor[t]!++;
    inSources[q] = f;
    inSlot[q] = k;
  }
  return {
    input,
    asOf: opts.asOf,
    asOfDay,
    nodeCount: n,
    edgeCount: m,
    ids,
    indexOf,
    kind,
    outOffsets,
    outTargets,
    edgeType,
    edgeValue,
    edgeRole,
    edgeRef,
    inOffsets,
    inSources,
    inSlot,
  };
}

/** Index of `id` in the projection, or −1. */
export function nodeIndex(csr: CsrGraph, id: string): number {
  return csr.indexOf.get(id) ?? -1;
}
