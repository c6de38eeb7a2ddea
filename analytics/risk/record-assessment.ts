/**
 * Own credit records of a subject: which count (negative, counted status, decided by the as-of date, inside
 * retention), their points by severity with exponential recency decay (half-life), serious-dishonesty listing,
 * and the positive side (red list, clean years). Shared by the whole-graph pass and the single-subject
 * explanation so both give the same numbers.
 */
import type { RiskClass, Severity } from '../../domain/vocabulary.ts';
import { InvalidInputError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import type { ProjectionNode, ProjectionRecord } from '../projection/projection-input.ts';
import { toDayNumber } from '../shared/dates.ts';
import type { RiskModelConfig } from './risk-model-config.ts';

/** Records grouped by subject index: records of node u are `order[offsets[u] .. offsets[u+1]]`. */
export interface RecordIndex {
  records: readonly ProjectionRecord[];
  offsets: Int32Array;
  order: Int32Array;
}

/** Groups records by subject (counting sort). Records of subjects not in the projection raise InvalidInputError. */
export function indexRecords(csr: CsrGraph, records: readonly ProjectionRecord[]): RecordIndex {
  const n = csr.nodeCount;
  const subject = new Int32Array(records.length);
  const offsets = new Int32Array(n + 1);
  const missing: Array<{ path: string; reason: string }> = [];
  for (let i = 0; i < records.length; i++) {
    const u = csr.indexOf.get(records[i]!.subjectId);
    if (u === undefined) {
      if (missing.length < 100)
        missing.push({
          path: `records[${i}].subjectId`,
          reason: `unknown subject "${records[i]!.subjectId}"`,
        });
      continue;
    }
    subject[i] = u;
    offsets[u + 1]!++;
  }
  if (missing.length > 0) throw new InvalidInputError('analytics/risk', missing);
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, n);
  const order = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) order[cursor[subject[i]!]!++] = i;
  return { records, offsets, order };
}

/** A negative record that counts on `asOfDay`. */
export function isCountedNegative(r: ProjectionRecord, config: RiskModelConfig, asOfDay: number): boolean {
  if (r.polarity !== 'negative') return false;
  if (!config.records.countedStatuses.value.includes(r.status)) return false;
  const decided = toDayNumber(r.decisionDate);
  if (!(decided <= asOfDay)) return false;
  const act = toDayNumber(r.actDate);
  return asOfDay - act <= config.records.retentionDays.value;
}

/** Decay factor 0.5^(age / half-life), age counted from the decision date. */
export function recordDecay(r: ProjectionRecord, config: RiskModelConfig, asOfDay: number): number {
  const age = Math.max(0, asOfDay - toDayNumber(r.decisionDate));
  return 0.5 ** (age / config.records.halfLifeDays.value);
}

export function severityPoints(severity: Severity, config: RiskModelConfig): number {
  return config.records.severityPoints[severity].value;
}

/** A serious-dishonesty listing (forces class D). Only meaningful for counted records. */
export function isSeriousDishonesty(r: ProjectionRecord, config: RiskModelConfig): boolean {
  if (config.seriousDishonesty.categories.value.includes(r.category)) return true;
  return r.isList === 'blacklist' && r.severity === config.seriousDishonesty.blacklistSeverity.value;
}

export interface RecordContribution {
  recordId: string;
  category: string;
  severity: Severity;
  actDate: string;
  decisionDate: string;
  basePoints: number;
  decay: number;
  points: number;
  seriousDishonesty: boolean;
}

export interface OwnAssessment {
  /** Sum of decayed points before the cap. */
  rawPoints: number;
  /** Points contributed to the score (capped at ownCap). */
  points: number;
  /** Own risk 0–1 (= rawPoints / ownCap, capped) used as the source of exposure for others. */
  risk: number;
  seriousDishonesty: boolean;
  details: RecordContribution[];
}

/** Own-record assessment of node `u`. */
export function assessOwnRecords(
  index: RecordIndex,
  u: number,
  config: RiskModelConfig,
  asOfDay: number,
  withDetails: boolean,
): OwnAssessment {
  let raw = 0;
  let serious = false;
  const details: RecordContribution[] = [];
  for (let p = index.offsets[u]!; p < index.offsets[u + 1]!; p++) {
    const r = index.records[index.order[p]!]!;
    if (!isCountedNegative(r, config, asOfDay)) continue;
    const base = severityPoints(r.severity, config);
    const decay = recordDecay(r, config, asOfDay);
    const pts = base * decay;
    raw += pts;
    const sd = isSeriousDishonesty(r, config);
    serious ||= sd;
    if (withDetails) {
      details.push({
        recordId: r.id,
        category: r.category,
        severity: r.severity,
        actDate: r.actDate,
        decisionDate: r.decisionDate,
        basePoints: base,
        decay,
        points: pts,
        seriousDishonesty: sd,
      });
    }
  }
  const cap = config.records.ownCap.value;
  return {
    rawPoints: raw,
    points: Math.min(raw, cap),
    risk: Math.min(1, raw / cap),
    seriousDishonesty: serious,
    details,
  };
}

export interface PositiveAssessment {
  /** Points subtracted (≥ 0). */
  points: number;
  redListRecords: string[];
  cleanYears: boolean;
}

/**
 * Positive side of node `u`: an active red-list record, and `cleanYears` years without a breaking negative
 * record (and with no counted negative record at all), when the subject existed that long (if its registration
 * date is known).
 */
export function assessPositive(
  index: RecordIndex,
  u: number,
  node: ProjectionNode,
  own: OwnAssessment,
  config: RiskModelConfig,
  asOfDay: number,
): PositiveAssessment {
  const redListRecords: string[] = [];
  const windowStart = asOfDay - Math.round(config.positive.cleanYears.value * 365.25);
  let broken = own.rawPoints > 0;
  const breaking = config.positive.cleanBreakingStatuses.value;
  for (let p = index.offsets[u]!; p < index.offsets[u + 1]!; p++) {
    const r = index.records[index.order[p]!]!;
    if (r.isList === 'redlist' && r.status === 'active' && toDayNumber(r.decisionDate) <= asOfDay) {
      redListRecords.push(r.id);
    }
    if (!broken && r.polarity === 'negative' && breaking.includes(r.status)) {
      const act = toDayNumber(r.actDate);
      if (act >= windowStart && act <= asOfDay) broken = true;
    }
  }
  let cleanYears = !broken;
  if (cleanYears && node.registeredAt) cleanYears = toDayNumber(node.registeredAt) <= windowStart;
  const points =
    (redListRecords.length > 0 ? config.positive.redListPoints.value : 0) +
    (cleanYears ? config.positive.cleanYearsPoints.value : 0);
  return { points, redListRecords, cleanYears };
}

const CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D'];

/** Class code 0–3 (A–D) for a score; serious dishonesty forces D. */
export function classCode(score: number, forcedD: boolean, config: RiskModelConfig): number {
  if (forcedD) return 3;
  const { B, C, D } = config.classes;
  return score >= D.value ? 3 : score >= C.value ? 2 : score >= B.value ? 1 : 0;
}

export const riskClassOf = (code: number): RiskClass => CLASSES[code]!;
