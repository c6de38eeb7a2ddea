/**
 * Exposure weights: how much of a related party's risk flows across one relationship, per direction —
 * type weight × stake scaling (SHAREHOLDER) × per-hop damping — and the role bindings at the act date
 * (domain.md §6: a record reaches whoever held the legal-representative, officer or controller seat when the act
 * happened, even if they have left since; a person who left before the act is not reached).
 */
import type { RelationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL, relationCode } from '../projection/relation-codes.ts';
import { isValidOnDay, toDayNumber } from '../shared/dates.ts';
import { isCountedNegative, type RecordIndex, recordDecay, severityPoints } from './record-assessment.ts';
import type { RiskModelConfig } from './risk-model-config.ts';

export interface TypeWeightTables {
  forward: Float64Array;
  backward: Float64Array;
}

export function typeWeightTables(config: RiskModelConfig): TypeWeightTables {
  const forward = new Float64Array(8);
  const backward = new Float64Array(8);
  for (const [kind, w] of Object.entries(config.exposure.typeWeights)) {
    const c = relationCode(kind as RelationKind);
    forward[c] = w.forward.value;
    backward[c] = w.backward.value;
  }
  return { forward, backward };
}

function stakeScale(type: number, stake: number, stakeBase: number): number {
  if (type !== REL.SHAREHOLDER) return 1;
  return Number.isNaN(stake) ? stakeBase : stakeBase + (1 - stakeBase) * stake;
}

/** Weight of risk flowing across out-slot `k`: forward (from → to) or backward (to → from), damping included. */
export function slotExposureWeight(
  csr: CsrGraph,
  k: number,
  backward: boolean,
  tables: TypeWeightTables,
  config: RiskModelConfig,
): number {
  const type = csr.edgeType[k]!;
  const w = backward ? tables.backward[type]! : tables.forward[type]!;
  return (
    w * stakeScale(type, csr.edgeValue[k]!, config.exposure.stakeBase.value) * config.exposure.damping.value
  );
}

/** Per-slot weights for the whole graph. */
export function slotExposureWeights(
  csr: CsrGraph,
  config: RiskModelConfig,
): { fwd: Float64Array; bwd: Float64Array } {
  const tables = typeWeightTables(config);
  const m = csr.edgeCount;
  const fwd = new Float64Array(m);
  const bwd = new Float64Array(m);
  const d = config.exposure.damping.value;
  const sb = config.exposure.stakeBase.value;
  const { edgeType, edgeValue } = csr;
  for (let k = 0; k < m; k++) {
    const t = edgeType[k]!;
    const s = stakeScale(t, edgeValue[k]!, sb) * d;
    fwd[k] = tables.forward[t]! * s;
    bwd[k] = tables.backward[t]! * s;
  }
  return { fwd, bwd };
}

/**
 * Role bindings grouped by the bound node: the bound person (`from` of a role relationship) is exposed to the
 * organisation's records whose act date the relationship covers. `value` is the exposure it gives (risk of the
 * bound records × backward weight × damping); `edgeRef` is the relationship's index in the input.
 */
export interface RoleBindings {
  offsets: Int32Array;
  origin: Int32Array;
  value: Float64Array;
  edgeRef: Int32Array;
}

export function computeRoleBindings(
  csr: CsrGraph,
  index: RecordIndex,
  config: RiskModelConfig,
  asOfDay: number,
): RoleBindings {
  const n = csr.nodeCount;
  // Counted negative records per subject (only subjects that have some).
  const counted = new Map<number, number[]>();
  for (let u = 0; u < n; u++) {
    const a = index.offsets[u]!;
    const b = index.offsets[u + 1]!;
    if (a === b) continue;
    for (let p = a; p < b; p++) {
      const ri = index.order[p]!;
      if (!isCountedNegative(index.records[ri]!, config, asOfDay)) continue;
      let list = counted.get(u);
      if (!list) {
        list = [];
        counted.set(u, list);
      }
      list.push(ri);
    }
  }
  const node: number[] = [];
  const origin: number[] = [];
  const value: number[] = [];
  const ref: number[] = [];
  if (counted.size > 0) {
    const tables = typeWeightTables(config);
    const types = new Set<string>(config.exposure.roleBindingTypes.value);
    const cap = config.records.ownCap.value;
    const edges = csr.input.edges;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      if (!types.has(e.type)) continue;
      const o = csr.indexOf.get(e.to);
      if (o === undefined) continue;
      const recs = counted.get(o);
      if (!recs) continue;
      const p = csr.indexOf.get(e.from);
      if (p === undefined || p === o) continue;
      let pts = 0;
      for (const ri of recs) {
        const r = index.records[ri]!;
        if (!isValidOnDay(e.validFrom, e.validTo, toDayNumber(r.actDate))) continue;
        pts += severityPoints(r.severity, config) * recordDecay(r, config, asOfDay);
      }
      if (pts <= 0) continue;
      const type = relationCode(e.type);
      const stake = e.stakePct == null ? Number.NaN : e.stakePct / 100;
      const w =
        tables.backward[type]! *
        stakeScale(type, stake, config.exposure.stakeBase.value) *
        config.exposure.damping.value;
      node.push(p);
      origin.push(o);
      value.push(Math.min(1, pts / cap) * w);
      ref.push(i);
    }
  }
  const offsets = new Int32Array(n + 1);
  for (const p of node) offsets[p + 1]!++;
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, n);
  const O = new Int32Array(node.length);
  const V = new Float64Array(node.length);
  const R = new Int32Array(node.length);
  for (let i = 0; i < node.length; i++) {
    const at = cursor[node[i]!]!++;
    O[at] = origin[i]!;
    V[at] = value[i]!;
    R[at] = ref[i]!;
  }
  return { offsets, origin: O, value: V, edgeRef: R };
}
