/**
 * Whole-graph risk pass on typed arrays: score 0–100 and class A–D for every subject from (1) own counted
 * negative records by severity with recency decay, (2) related-party exposure (propagate-exposure.ts),
 * (3) structural signals, (4) positive records; score = clamp(own + exposure + structural − positive, 0, 100);
 * a counted serious-dishonesty listing forces class D. An additive, capped points model in the style of
 * credit scorecards (Siddiqi, "Credit Risk Scorecards", 2006) so every contribution can be shown.
 */
import type { IsoDate, RiskClass } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import type { ProjectionRecord } from '../projection/projection-input.ts';
import { toDayNumber } from '../shared/dates.ts';
import { computeRoleBindings, type RoleBindings, slotExposureWeights } from './exposure-weights.ts';
import { propagateExposure } from './propagate-exposure.ts';
import {
  assessOwnRecords,
  assessPositive,
  classCode,
  indexRecords,
  type RecordIndex,
  riskClassOf,
} from './record-assessment.ts';
import { type RiskModelConfig, validateRiskModelConfig } from './risk-model-config.ts';
import {
  defaultSignalFlags,
  type StructuralSignals,
  signalFlagsFromItems,
  structuralPoints,
} from './structural-signals.ts';

export interface ScoreAllOptions {
  /** Detector results to use as structural signals; default: the cheap signals computed here. */
  signals?: StructuralSignals;
}

export interface RiskScores {
  configVersion: string;
  asOf: IsoDate;
  ids: readonly string[];
  score: Float64Array;
  /** 0–3 for A–D. */
  riskClass: Uint8Array;
  own: Float64Array;
  /** Own risk 0–1 (source of exposure for others). */
  ownRisk: Float64Array;
  /** Exposure 0–1 and its points. */
  exposure: Float64Array;
  exposurePoints: Float64Array;
  /** Subject whose records give the exposure (−1 none). */
  exposureOrigin: Int32Array;
  structural: Float64Array;
  structuralFlags: Uint8Array;
  positive: Float64Array;
  /** 1 when a serious-dishonesty listing forces class D. */
  forcedD: Uint8Array;
  rounds: number;
  converged: boolean;
  /** Kept so explanations can reuse them. */
  recordIndex: RecordIndex;
  bindings: RoleBindings;
}

/** Scores every subject of the projection as of `asOf`. */
export function scoreAll(
  csr: CsrGraph,
  records: readonly ProjectionRecord[],
  config: RiskModelConfig,
  asOf: IsoDate,
  options: ScoreAllOptions = {},
): RiskScores {
  validateRiskModelConfig(config);
  const asOfDay = toDayNumber(asOf);
  if (Number.isNaN(asOfDay))
    throw new InvalidOptionsError('analytics/risk/score-all', 'asOf', 'must be an ISO date');
  const n = csr.nodeCount;
  const index = indexRecords(csr, records);
  const own = new Float64Array(n);
  const ownRisk = new Float64Array(n);
  const forcedD = new Uint8Array(n);
  const positive = new Float64Array(n);
  const nodes = csr.input.nodes;
  for (let u = 0; u < n; u++) {
    const hasRecords = index.offsets[u + 1]! > index.offsets[u]!;
    if (!hasRecords) {
      // Fast path: no records → only the clean-years credit can apply.
      const reg = nodes[u]!.registeredAt;
      const windowStart = asOfDay - Math.round(config.positive.cleanYears.value * 365.25);
      positive[u] = !reg || toDayNumber(reg) <= windowStart ? config.positive.cleanYearsPoints.value : 0;
      continue;
    }
    const a = assessOwnRecords(index, u, config, asOfDay, false);
    own[u] = a.points;
    ownRisk[u] = a.risk;
    forcedD[u] = a.seriousDishonesty ? 1 : 0;
    positive[u] = assessPositive(index, u, nodes[u]!, a, config, asOfDay).points;
  }
  const bindings = computeRoleBindings(csr, index, config, asOfDay);
  const { fwd, bwd } = slotExposureWeights(csr, config);
  const prop = propagateExposure(csr, ownRisk, fwd, bwd, bindings, {
    maxHops: config.exposure.maxHops.value,
    tolerance: config.exposure.tolerance.value,
  });
  const flags = options.signals
    ? signalFlagsFromItems(csr, options.signals, config)
    : defaultSignalFlags(csr, config);
  const structural = new Float64Array(n);
  const exposurePoints = new Float64Array(n);
  const score = new Float64Array(n);
  const riskClass = new Uint8Array(n);
  const expPts = config.exposure.points.value;
  for (let u = 0; u < n; u++) {
    structural[u] = flags[u] === 0 ? 0 : structuralPoints(flags[u]!, config).points;
    exposurePoints[u] = prop.value[u]! * expPts;
    const raw = own[u]! + exposurePoints[u]! + structural[u]! - positive[u]!;
    const s = Math.min(100, Math.max(0, raw));
    score[u] = s;
    riskClass[u] = classCode(s, forcedD[u] === 1, config);
  }
  return {
    configVersion: config.version,
    asOf,
    ids: csr.ids,
    score,
    riskClass,
    own,
    ownRisk,
    exposure: prop.value,
    exposurePoints,
    exposureOrigin: prop.origin,
    structural,
    structuralFlags: flags,
    positive,
    forcedD,
    rounds: prop.rounds,
    converged: prop.converged,
    recordIndex: index,
    bindings,
  };
}

/** Score and class of one subject from a whole-graph pass. */
export function scoreOf(
  scores: RiskScores,
  csr: CsrGraph,
  subjectId: string,
): { score: number; riskClass: RiskClass } {
  const u = csr.indexOf.get(subjectId);
  if (u === undefined) throw new UnknownSubjectError('analytics/risk/score-all', subjectId);
  return { score: scores.score[u]!, riskClass: riskClassOf(scores.riskClass[u]!) };
}
