/**
 * Incremental rescoring after new records, exact where its preconditions hold: when the own risk of some
 * subjects (the sources) has only gone up, the score of every other subject can change only through its
 * exposure, and exposure is a maximum over sources (propagate-exposure.ts). So the new exposure of a subject is
 * the larger of its stored exposure (every source of the last pass) and what the changed sources now send it —
 * which needs only the `exposure.maxHops` ball around the sources, not the ball around every subject reached
 * (a few hundred subjects instead of tens of thousands on a city graph: bench/alerts).
 *
 * Own points, positive points and the forced class D are recomputed from the subject's records (they are in
 * the ball); structural points stay as stored (the whole-graph detectors own them). Preconditions, each
 * refused with its reason so the caller falls back to a full neighbourhood rescore: every subject the sources
 * reach carries a stored score of the same model version, and no source's own points went down (a withdrawn,
 * suspended or corrected record can lower a maximum, which this cannot undo).
 */
import type { IsoDate } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import type { ProjectionRecord } from '../projection/projection-input.ts';
import { slotExposureWeights } from './exposure-weights.ts';
import { propagateExposure } from './propagate-exposure.ts';
import { classCode, riskClassOf } from './record-assessment.ts';
import { type RiskModelConfig, STRUCTURAL_SIGNAL_KINDS } from './risk-model-config.ts';
import { scoreAll } from './score-all.ts';

/** What the last pass stored on a subject (the `risk*` properties). */
export interface StoredScore {
  own: number;
  /** Exposure points. */
  exposure: number;
  structural: number;
  positive: number;
  signals: readonly string[];
  exposureVia: string | null;
  configVersion: string | null;
}

export interface RescoredRow {
  id: string;
  score: number;
  riskClass: 'A' | 'B' | 'C' | 'D';
  own: number;
  exposure: number;
  structural: number;
  positive: number;
  /** Structural signal bit flags (STRUCTURAL_SIGNAL_KINDS order). */
  flags: number;
  exposureVia: string | null;
}

export type RescoreFromSourcesResult = { ok: true; rows: RescoredRow[] } | { ok: false; reason: string };

/** Stored values are rounded to 1e-4; a recomputed value this close to its stored one is the same. */
const EPS = 1e-4;

export function signalFlags(signals: readonly string[]): number {
  let f = 0;
  for (const s of signals) {
    const i = (STRUCTURAL_SIGNAL_KINDS as readonly string[]).indexOf(s);
    if (i >= 0) f |= 1 << i;
  }
  return f;
}

/**
 * `csr`/`records`: the ball of `exposure.maxHops` around `sources` (every relationship ever recorded between
 * its subjects, the as-of date applied by buildCsr) and those subjects' records. `stored(id)` gives a subject's
 * stored score. Returns the rows of the sources and of every subject they reach.
 */
export function rescoreFromSources(
  csr: CsrGraph,
  records: readonly ProjectionRecord[],
  config: RiskModelConfig,
  asOf: IsoDate,
  sources: readonly string[],
  stored: (id: string) => StoredScore | undefined,
): RescoreFromSourcesResult {
  const n = csr.nodeCount;
  // Own, positive, forced D and the role bindings, exactly as the whole-graph pass computes them.
  const base = scoreAll(csr, records, config, asOf);
  const current = (u: number): StoredScore | undefined => {
    const s = stored(csr.ids[u]!);
    return s && s.configVersion === config.version ? s : undefined;
  };
  const risk = new Float64Array(n);
  const isSource = new Uint8Array(n);
  for (const id of sources) {
    const u = csr.indexOf.get(id);
    if (u === undefined) continue;
    const s = current(u);
    if (!s) return { ok: false, reason: `source ${id} has no stored score of model ${config.version}` };
    if (base.own[u]! < s.own - EPS)
      return { ok: false, reason: `own points of source ${id} went down (${s.own} → ${base.own[u]})` };
    isSource[u] = 1;
    risk[u] = base.ownRisk[u]!;
  }
  const { fwd, bwd } = slotExposureWeights(csr, config);
  const fromSources = propagateExposure(csr, risk, fwd, bwd, base.bindings, {
    maxHops: config.exposure.maxHops.value,
    tolerance: config.exposure.tolerance.value,
  });
  const points = config.exposure.points.value;
  const rows: RescoredRow[] = [];
  for (let u = 0; u < n; u++) {
    const sent = fromSources.value[u]! * points;
    if (isSource[u] === 0 && sent <= 0) continue;
    const s = current(u);
    if (!s)
      return { ok: false, reason: `subject ${csr.ids[u]} has no stored score of model ${config.version}` };
    const wins = sent > s.exposure + EPS;
    const exposure = wins ? sent : s.exposure;
    const origin = fromSources.origin[u]!;
    const own = base.own[u]!;
    const positive = base.positive[u]!;
    const score = Math.min(100, Math.max(0, own + exposure + s.structural - positive));
    rows.push({
      id: csr.ids[u]!,
      score,
      riskClass: riskClassOf(classCode(score, base.forcedD[u] === 1, config)),
      own,
      exposure,
      structural: s.structural,
      positive,
      flags: signalFlags(s.signals),
      exposureVia: wins && origin >= 0 ? csr.ids[origin]! : s.exposureVia,
    });
  }
  return { ok: true, rows };
}
