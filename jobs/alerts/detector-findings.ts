/**
 * Detector-diff alerts, the stored side (domain/alerts/detector-findings.ts is the pure diff):
 *
 *   recordDetectorFindings  called by the nightly whole-graph rescore with the findings of its pass: fingerprints
 *                           them, diffs them against the stored (:DetectorFinding) nodes, and stores them — the
 *                           ones to alert on marked `pending` with their reason (new / grown);
 *   findingCandidates       called by the alert sweep that follows: pending findings become alert candidates
 *                           for the general inbox and the watchlists watching a member or a subject within their
 *                           depth of one; after raising, the sweep clears `pending` (clearFindingsPending).
 *
 * No flood on an existing database: a detector without a (:DetectorBaseline) marker records its findings
 * without marking any pending, then gets its marker; only findings that appear after that run raise alerts.
 * Findings of a disabled rule are stored all the same, so enabling it later raises only what is new by then.
 * No flood on a lowered threshold either: the marker keeps the threshold of the last run, and a structure below it
 * (a 3-organisation cluster when minSize goes from 5 to 3) is stored without alerting — it was there all along,
 * just not counted; from the next run on the lower threshold applies.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import {
  DETECTOR_FINDING_KINDS,
  type DetectorFinding,
  type DetectorFindingKind,
  detectorThreshold,
  diffFindings,
  type FindingChange,
  type FindingReason,
  findingMeasure,
  fingerprintFindings,
  type RawFinding,
  type StoredFinding,
} from '../../domain/alerts/detector-findings.ts';
import {
  enabledFindingDetectors,
  evaluateFindingChange,
  findingThresholds,
  MAX_FINDING_SUBJECTS,
} from '../../domain/alerts/evaluate-findings.ts';
import type { AlertCandidate, SubjectInfo } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { IsoDate, SubjectKind } from '../../domain/vocabulary.ts';
import { causeNeighbourhood, watchHitsByCause } from './watch-hits.ts';

/** Findings written per transaction. */
const WRITE_BATCH = 2000;
/** Pending findings one sweep turns into alerts; the next sweep takes the rest. */
export const SWEEP_FINDING_LIMIT = 500;

export interface FindingsRecorded {
  findings: number;
  pending: number;
  /** Detectors that got their baseline in this run (their findings raised nothing). */
  baselined: DetectorFindingKind[];
  /**
   * Detectors whose threshold is lower than in the last run: their new findings below the previous threshold were
   * stored without alerting.
   */
  thresholdLowered: DetectorFindingKind[];
}

export async function recordDetectorFindings(
  gateway: CypherGateway,
  raw: readonly RawFinding[],
  opts: { asOf: IsoDate; catalogue: AlertRuleCatalogue },
): Promise<FindingsRecorded> {
  const thresholds = findingThresholds(opts.catalogue);
  const current = fingerprintFindings(raw, thresholds);
  const previous = await gateway.read<StoredFinding & Record<string, unknown>>(
    'alerts/detector-findings-all',
  );
  // Baselined detectors, with the threshold of their last run (null: a marker from before thresholds were kept).
  const baselines = new Map(
    (await gateway.read<{ detector: string; threshold: number | null }>('alerts/detector-baselines')).map(
      (b) => [b.detector, typeof b.threshold === 'number' ? b.threshold : null] as const,
    ),
  );
  const alerting = new Set(enabledFindingDetectors(opts.catalogue).filter((d) => baselines.has(d)));
  const lowered = DETECTOR_FINDING_KINDS.filter((d) => {
    const before = baselines.get(d);
    return typeof before === 'number' && detectorThreshold(d, thresholds) < before;
  });
  const changes = new Map<string, FindingChange>();
  for (const c of diffFindings(current, previous, thresholds)) {
    const d = c.finding.detector;
    if (!alerting.has(d)) continue;
    const before = baselines.get(d);
    if (typeof before === 'number' && findingMeasure(c.finding) < before) continue;
    changes.set(c.finding.key, c);
  }
  const rows = current.map((f) => {
    const change = changes.get(f.key);
    return {
      detector: f.detector,
      key: f.key,
      members: f.members,
      size: f.size,
      strength: f.strength,
      evidence: JSON.stringify({ cycle: f.cycle, cycleStakes: f.cycleStakes }),
      pending: change?.reason ?? null,
      previousSize: change?.previousSize ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += WRITE_BATCH)
    await gateway.write('alerts/upsert-detector-findings', {
      asOf: opts.asOf,
      rows: rows.slice(i, i + WRITE_BATCH),
    });
  const baselined = DETECTOR_FINDING_KINDS.filter((d) => !baselines.has(d));
  // Every run: new markers, and this run's thresholds for the next run to compare with.
  await gateway.write('alerts/record-detector-baselines', {
    rows: DETECTOR_FINDING_KINDS.map((d) => ({ detector: d, threshold: detectorThreshold(d, thresholds) })),
    asOf: opts.asOf,
  });
  return { findings: current.length, pending: changes.size, baselined, thresholdLowered: lowered };
}

interface PendingRow extends Record<string, unknown> {
  detector: DetectorFindingKind;
  key: string;
  members: string[];
  size: number;
  strength: number;
  evidence: string | null;
  pending: FindingReason;
  previousSize: number | null;
}

function changeOf(row: PendingRow): FindingChange {
  let cycle: string[] = [];
  let cycleStakes: Array<number | null> = [];
  try {
    const ev = JSON.parse(row.evidence ?? '{}') as { cycle?: string[]; cycleStakes?: Array<number | null> };
    cycle = ev.cycle ?? [];
    cycleStakes = ev.cycleStakes ?? [];
  } catch {
    // evidence is ours; an unreadable one only loses the drawn loop
  }
  const finding: DetectorFinding = {
    detector: row.detector,
    key: row.key,
    members: row.members,
    size: row.size,
    strength: row.strength,
    cycle,
    cycleStakes,
  };
  return { finding, reason: row.pending, previousSize: row.previousSize ?? null };
}

export interface FindingCandidates {
  candidates: AlertCandidate[];
  /** Keys to clear once the candidates are raised. */
  keys: string[];
}

/** Alert candidates of the pending findings (at most `limit` findings). */
export async function findingCandidates(
  gateway: CypherGateway,
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue; limit?: number },
): Promise<FindingCandidates> {
  const rows = await gateway.read<PendingRow>('alerts/pending-detector-findings', {
    limit: opts.limit ?? SWEEP_FINDING_LIMIT,
  });
  const candidates: AlertCandidate[] = [];
  for (const row of rows) {
    const change = changeOf(row);
    const members = change.finding.members.slice(0, MAX_FINDING_SUBJECTS);
    const subjects = new Map<string, SubjectInfo>(
      (
        await gateway.read<{ id: string; name: string | null; kind: SubjectKind | null }>(
          'alerts/subject-infos',
          { ids: [...new Set([...members, ...change.finding.cycle])] },
        )
      ).map((s) => [s.id, { id: s.id, name: s.name ?? null, kind: s.kind ?? null }]),
    );
    // Watchlists watching a member, or a subject within their depth of one (null when no watchlist exists).
    const around = await causeNeighbourhood(gateway, members, opts);
    const hits = [...watchHitsByCause(around).values()].flat();
    candidates.push(...evaluateFindingChange(opts.catalogue, change, subjects, hits));
  }
  return { candidates, keys: rows.map((r) => r.key) };
}

export async function clearFindingsPending(
  gateway: CypherGateway,
  keys: readonly string[],
  now: string,
): Promise<void> {
  if (keys.length > 0) await gateway.write('alerts/clear-detector-pending', { keys: [...keys], now });
}
