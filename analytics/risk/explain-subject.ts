/**
 * Explanation of one subject's risk score (domain.md §8: every negative conclusion must be explainable): the same
 * additive model as score-all.ts, with each factor's contribution, the records behind it, and the top exposure
 * paths found exactly by best-first search on (subject, hops) states over −log weight (Dijkstra 1959), one path
 * per risky source, bounded by maxHops and a node budget.
 */
import type { IsoDate, RelationKind, RiskClass } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import type { ProjectionRecord } from '../projection/projection-input.ts';
import { REL, relationCode, relationKindOf } from '../projection/relation-codes.ts';
import { MaxHeap } from '../shared/binary-heap.ts';
import { toDayNumber } from '../shared/dates.ts';
import {
  computeRoleBindings,
  type RoleBindings,
  slotExposureWeight,
  typeWeightTables,
} from './exposure-weights.ts';
import {
  assessOwnRecords,
  assessPositive,
  classCode,
  indexRecords,
  type RecordContribution,
  type RecordIndex,
  riskClassOf,
} from './record-assessment.ts';
import {
  type RiskModelConfig,
  type StructuralSignalKind,
  validateRiskModelConfig,
} from './risk-model-config.ts';
import {
  type StructuralSignals,
  type SubjectLoops,
  signalFlagsFromItems,
  structuralPoints,
  subjectDefaultSignalFlags,
} from './structural-signals.ts';

const MODULE = 'analytics/risk/explain-subject';

export interface ExplainSubjectOptions {
  /** Exposure paths listed (one per risky source). */
  pathLimit: number;
  /** Search-state budget of the exposure path search. */
  maxStates: number;
  signals?: StructuralSignals;
  /**
   * Without `signals`: whether the subject lies on a shareholding or guarantee loop, when the caller asked the
   * database (the neighbourhood it loaded need not hold the loops); otherwise looked for in `csr`.
   */
  loops?: SubjectLoops;
  /** Reuse from a whole-graph pass (RiskScores.recordIndex / .bindings) to skip rebuilding them. */
  recordIndex?: RecordIndex;
  bindings?: RoleBindings;
}

export const DEFAULT_EXPLAIN_SUBJECT_OPTIONS: Readonly<
  Omit<ExplainSubjectOptions, 'signals' | 'loops' | 'recordIndex' | 'bindings'>
> = Object.freeze({ pathLimit: 5, maxStates: 200_000 });

export interface ExposureLink {
  from: string;
  to: string;
  type: RelationKind;
  /** Risk flowed against the relationship's direction (e.g. company → its legal representative). */
  reversed: boolean;
  weight: number;
  /** A role binding: the seat was held on the act date of the source's records (it may have ended since). */
  boundAtActDate?: boolean;
}

export interface ExposurePath {
  /** The related party whose own records are the source. */
  source: string;
  sourceRisk: number;
  /** sourceRisk × product of weights. */
  exposure: number;
  /** Subject ids from the explained subject to the source. */
  nodes: string[];
  links: ExposureLink[];
}

export type RiskFactor =
  | {
      factor: 'own_records';
      contribution: number;
      rawPoints: number;
      capped: boolean;
      records: RecordContribution[];
    }
  | {
      factor: 'related_parties';
      contribution: number;
      exposure: number;
      paths: ExposurePath[];
      truncated: boolean;
    }
  | {
      factor: 'structural';
      contribution: number;
      signals: Array<{ kind: StructuralSignalKind; points: number }>;
    }
  | { factor: 'positive'; contribution: number; redListRecords: string[]; cleanYears: boolean };

export interface SubjectRiskExplanation {
  subjectId: string;
  asOf: IsoDate;
  configVersion: string;
  score: number;
  riskClass: RiskClass;
  /** Set when the class is forced: a counted serious-dishonesty listing. */
  forcedClassReason?: string;
  /** Sum of contributions before clamping to 0–100. */
  rawTotal: number;
  factors: RiskFactor[];
}

/** Explains the score of `subjectId` as of `asOf`. */
export function explainSubject(
  csr: CsrGraph,
  records: readonly ProjectionRecord[],
  config: RiskModelConfig,
  asOf: IsoDate,
  subjectId: string,
  options: Partial<ExplainSubjectOptions> = {},
): SubjectRiskExplanation {
  const opts = { ...DEFAULT_EXPLAIN_SUBJECT_OPTIONS, ...options };
  validateRiskModelConfig(config);
  const asOfDay = toDayNumber(asOf);
  if (Number.isNaN(asOfDay)) throw new InvalidOptionsError(MODULE, 'asOf', 'must be an ISO date');
  const u = csr.indexOf.get(subjectId);
  if (u === undefined) throw new UnknownSubjectError(MODULE, subjectId);
  const index = opts.recordIndex ?? indexRecords(csr, records);
  const bindings = opts.bindings ?? computeRoleBindings(csr, index, config, asOfDay);

  const own = assessOwnRecords(index, u, config, asOfDay, true);
  const positive = assessPositive(index, u, csr.input.nodes[u]!, own, config, asOfDay);
  const exposure = exposurePaths(csr, index, bindings, config, asOfDay, u, opts.pathLimit, opts.maxStates);
  const flags = opts.signals
    ? signalFlagsFromItems(csr, opts.signals, config)[u]!
    : subjectDefaultSignalFlags(csr, u, config, opts.loops);
  const structural = structuralPoints(flags, config);
  const exposurePoints = exposure.best * config.exposure.points.value;
  const raw = own.points + exposurePoints + structural.points - positive.points;
  const score = Math.min(100, Math.max(0, raw));
  const code = classCode(score, own.seriousDishonesty, config);
  const result: SubjectRiskExplanation = {
    subjectId,
    asOf,
    configVersion: config.version,
    score,
    riskClass: riskClassOf(code),
    rawTotal: raw,
    factors: [
      {
        factor: 'own_records',
        contribution: own.points,
        rawPoints: own.rawPoints,
        capped: own.rawPoints > own.points,
        records: own.details,
      },
      {
        factor: 'related_parties',
        contribution: exposurePoints,
        exposure: exposure.best,
        paths: exposure.paths,
        truncated: exposure.truncated,
      },
      {
        factor: 'structural',
        contribution: structural.points,
        signals: structural.kinds.map((kind) => ({ kind, points: config.structural.points[kind].value })),
      },
      {
        factor: 'positive',
        contribution: -positive.points,
        redListRecords: positive.redListRecords,
        cleanYears: positive.cleanYears,
      },
    ],
  };
  if (own.seriousDishonesty) {
    result.forcedClassReason = 'an active serious-dishonesty listing (seed 004 s.9–10) forces class D';
  }
  return result;
}

/** Best-first search from `start` for the strongest exposure path to each risky source. */
function exposurePaths(
  csr: CsrGraph,
  index: RecordIndex,
  bindings: RoleBindings,
  config: RiskModelConfig,
  asOfDay: number,
  start: number,
  pathLimit: number,
  maxStates: number,
): { best: number; paths: ExposurePath[]; truncated: boolean } {
  const maxHops = config.exposure.maxHops.value;
  const tables = typeWeightTables(config);
  const riskCache = new Map<number, number>();
  const riskOf = (v: number): number => {
    let r = riskCache.get(v);
    if (r === undefined) {
      r =
        index.offsets[v + 1]! > index.offsets[v]!
          ? assessOwnRecords(index, v, config, asOfDay, false).risk
          : 0;
      riskCache.set(v, r);
    }
    return r;
  };
  // States: node, parent, how reached (slot, reversed, or a binding), hops, product.
  const sNode: number[] = [];
  const sParent: number[] = [];
  const sSlot: number[] = [];
  const sKind: number[] = []; // 0 forward, 1 reversed, 2 binding (slot = binding index)
  const sHops: number[] = [];
  const sProduct: number[] = [];
  const heap = new MaxHeap();
  const push = (node: number, parent: number, slot: number, kind: number, hops: number, product: number) => {
    sNode.push(node);
    sParent.push(parent);
    sSlot.push(slot);
    sKind.push(kind);
    sHops.push(hops);
    sProduct.push(product);
    heap.push(product, sNode.length - 1);
  };
  push(start, -1, -1, 0, 0, 1);
  const expanded = new Set<number>();
  const bestBySource = new Map<number, { value: number; state: number; risk: number }>();
  let truncated = false;
  let dirty = false;
  let kthCache = 0;
  const kth = (): number => {
    if (dirty) {
      const values = [...bestBySource.values()].map((b) => b.value).sort((a, b) => b - a);
      kthCache = values[pathLimit - 1] ?? 0;
      dirty = false;
    }
    return kthCache;
  };
  const bindingWeight = (p: number): number => {
    const e = csr.input.edges[bindings.edgeRef[p]!]!;
    const type = relationCode(e.type);
    const stake = e.stakePct == null ? Number.NaN : e.stakePct / 100;
    const base = config.exposure.stakeBase.value;
    const scale = type === REL.SHAREHOLDER ? (Number.isNaN(stake) ? base : base + (1 - base) * stake) : 1;
    return tables.backward[type]! * scale * config.exposure.damping.value;
  };
  while (heap.size > 0) {
    const s = heap.pop();
    const product = sProduct[s]!;
    // No unexplored state can beat what we hold (risk ≤ 1).
    if (bestBySource.size >= pathLimit && product <= kth()) break;
    const v = sNode[s]!;
    const h = sHops[s]!;
    if (sKind[s] === 2) {
      // A binding leads to its source: terminal.
      // The binding's value is already (risk of the bound records) × weight, and product includes it.
      const p = sSlot[s]!;
      const prev = bestBySource.get(v);
      if (!prev || product > prev.value) {
        bestBySource.set(v, { value: product, state: s, risk: bindings.value[p]! / bindingWeight(p) });
        dirty = true;
      }
      continue;
    }
    if (v !== start) {
      const r = riskOf(v);
      if (r > 0) {
        const value = product * r;
        const prev = bestBySource.get(v);
        if (!prev || value > prev.value) {
          bestBySource.set(v, { value, state: s, risk: r });
          dirty = true;
        }
      }
    }
    const key = v * (maxHops + 1) + h;
    if (expanded.has(key) || (v === start && h > 0)) continue;
    expanded.add(key);
    if (h >= maxHops) continue;
    if (sNode.length > maxStates) {
      truncated = true;
      break;
    }
    for (let p = bindings.offsets[v]!; p < bindings.offsets[v + 1]!; p++) {
      const o = bindings.origin[p]!;
      if (o === start || !(bindings.value[p]! > 0)) continue;
      push(o, s, p, 2, h + 1, product * bindings.value[p]!);
    }
    for (let k = csr.outOffsets[v]!; k < csr.outOffsets[v + 1]!; k++) {
      const w = slotExposureWeight(csr, k, true, tables, config);
      if (w > 0) push(csr.outTargets[k]!, s, k, 1, h + 1, product * w);
    }
    for (let q = csr.inOffsets[v]!; q < csr.inOffsets[v + 1]!; q++) {
      const k = csr.inSlot[q]!;
      const w = slotExposureWeight(csr, k, false, tables, config);
      if (w > 0) push(csr.inSources[q]!, s, k, 0, h + 1, product * w);
    }
  }
  const ranked = [...bestBySource.entries()].sort((a, b) => b[1].value - a[1].value);
  const paths: ExposurePath[] = ranked.slice(0, pathLimit).map(([source, b]) => {
    const chain: number[] = [];
    for (let s = b.state; s >= 0; s = sParent[s]!) chain.push(s);
    chain.reverse();
    const nodes = chain.map((s) => csr.ids[sNode[s]!]!);
    const links: ExposureLink[] = [];
    for (let i = 1; i < chain.length; i++) {
      const s = chain[i]!;
      const here = csr.ids[sNode[s]!]!;
      const prev = csr.ids[sNode[sParent[s]!]!]!;
      if (sKind[s] === 2) {
        const e = csr.input.edges[bindings.edgeRef[sSlot[s]!]!]!;
        links.push({
          from: e.from,
          to: e.to,
          type: e.type,
          reversed: true,
          weight: bindingWeight(sSlot[s]!),
          boundAtActDate: true,
        });
        continue;
      }
      const k = sSlot[s]!;
      // Risk flows from `here` toward `prev`; kind 1 = we walked an out-slot of prev (risk flows to → from).
      const reversed = sKind[s] === 1;
      links.push({
        from: reversed ? prev : here,
        to: reversed ? here : prev,
        type: relationKindOf(csr.edgeType[k]!),
        reversed,
        weight: slotExposureWeight(csr, k, reversed, tables, config),
      });
    }
    return { source: csr.ids[source]!, sourceRisk: b.risk, exposure: b.value, nodes, links };
  });
  return { best: ranked[0]?.[1].value ?? 0, paths, truncated };
}
