/**
 * Detector-diff alerts (issue 6: "a new shell cluster or nominee above threshold; a new circular shareholding").
 * The nightly whole-graph pass reports what the structural detectors found; this pure module turns each finding
 * into a compact fingerprint (detector, stable key, members, size, strength) and compares the current findings
 * with the ones stored from earlier runs. Only a change raises an alert:
 *
 *   circular_shareholding  key = hash of the sorted member ids. A loop whose key was never seen is new (a loop
 *                          whose membership changed is a different structure, so it is new too).
 *   professional_nominee   key = the person. A person whose seat count reaches the rule's threshold for the first
 *                          time is new; more seats later raise nothing (the alert is already there).
 *   shell_cluster          key = hash of the sorted member ids, but clusters grow one registration at a time, so a
 *                          changed key alone does not count: a cluster of at least `minSize` is *new* when none of
 *                          its members belonged to a stored cluster, and *grown* when it overlaps stored clusters
 *                          and its size passes a growth step (e.g. 10, 20, 50, 100) that the largest of them had
 *                          not reached. Anything else is the same cluster, quietly updated.
 *
 * Findings once stored stay stored (lastSeen tells when they were last seen), so a loop that is dissolved and
 * formed again with the same members, or a nominee dropping below the threshold and back, is not raised twice.
 */
import { createHash } from 'node:crypto';

export const DETECTOR_FINDING_KINDS = [
  'circular_shareholding',
  'professional_nominee',
  'shell_cluster',
] as const;
export type DetectorFindingKind = (typeof DETECTOR_FINDING_KINDS)[number];

/** One finding as the whole-graph pass reports it (members in the detector's stable order). */
export interface RawFinding {
  detector: DetectorFindingKind;
  /** circular_shareholding: sorted ids; professional_nominee: the person, then the organisations; shell_cluster: sorted ids. */
  members: string[];
  size: number;
  strength: number;
  /** circular_shareholding: ids round a shortest loop, first repeated at the end. */
  cycle?: string[];
  /** Stakes (percent, null when unknown) of the loop's links, in cycle order. */
  cycleStakes?: Array<number | null>;
}

/** The compact fingerprint stored as (:DetectorFinding). */
export interface DetectorFinding {
  detector: DetectorFindingKind;
  key: string;
  members: string[];
  size: number;
  strength: number;
  cycle: string[];
  cycleStakes: Array<number | null>;
}

/** What is read back of a stored finding for the diff. */
export interface StoredFinding {
  detector: DetectorFindingKind;
  key: string;
  members: readonly string[];
  size: number;
}

export interface FindingThresholds {
  /** Loops with fewer members are ignored (2 = every loop, a self-holding has 1). */
  circularMinMembers: number;
  /** Seats (distinct organisations) at which a person is a nominee worth an alert. */
  nomineeMinOrganisations: number;
  /** Smallest shell cluster worth an alert. */
  shellMinSize: number;
  /** Sizes a stored cluster must grow past to be raised again, ascending. */
  shellGrowthSteps: readonly number[];
}

export type FindingReason = 'new' | 'grown';

export interface FindingChange {
  finding: DetectorFinding;
  reason: FindingReason;
  /** For `grown`: the size of the largest stored cluster it overlaps. */
  previousSize: number | null;
}

const hashMembers = (members: readonly string[]): string =>
  createHash('sha256')
    .update([...members].sort().join('\n'))
    .digest('hex')
    .slice(0, 24);

/** The stable identity of a finding. */
export function findingKey(detector: DetectorFindingKind, members: readonly string[]): string {
  if (detector === 'professional_nominee') return `pn:${members[0] ?? ''}`;
  return `${detector === 'circular_shareholding' ? 'cs' : 'sc'}:${hashMembers(members)}`;
}

/** The rule threshold a detector's findings are held to. */
export const detectorThreshold = (detector: DetectorFindingKind, t: FindingThresholds): number =>
  detector === 'circular_shareholding'
    ? t.circularMinMembers
    : detector === 'professional_nominee'
      ? t.nomineeMinOrganisations
      : t.shellMinSize;

/** What the threshold is compared with: a loop's members, a nominee's organisations, a cluster's organisations. */
export const findingMeasure = (f: {
  detector: DetectorFindingKind;
  members: readonly string[];
  size: number;
}): number => (f.detector === 'circular_shareholding' ? f.members.length : f.size);

const passes = (f: RawFinding, t: FindingThresholds): boolean =>
  findingMeasure(f) >= detectorThreshold(f.detector, t);

/** The findings worth keeping (above the rules' thresholds), fingerprinted; one per key. */
export function fingerprintFindings(raw: readonly RawFinding[], t: FindingThresholds): DetectorFinding[] {
  const out = new Map<string, DetectorFinding>();
  for (const f of raw) {
    if (!passes(f, t)) continue;
    const key = findingKey(f.detector, f.members);
    if (out.has(key)) continue;
    out.set(key, {
      detector: f.detector,
      key,
      members: f.detector === 'professional_nominee' ? [...f.members] : [...f.members].sort(),
      size: f.size,
      strength: Math.round(f.strength * 1e4) / 1e4,
      cycle: f.cycle ?? [],
      cycleStakes: f.cycleStakes ?? [],
    });
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** How many growth steps a size has passed. */
export const growthBand = (size: number, steps: readonly number[]): number => {
  let band = 0;
  for (const s of steps) if (size >= s) band++;
  return band;
};

/** The current findings that should raise an alert, given the stored ones. Sorted by key. */
export function diffFindings(
  current: readonly DetectorFinding[],
  previous: readonly StoredFinding[],
  t: FindingThresholds,
): FindingChange[] {
  const known = new Set(previous.map((p) => p.key));
  // Largest stored shell cluster each organisation belonged to.
  const shellSizeOf = new Map<string, number>();
  for (const p of previous) {
    if (p.detector !== 'shell_cluster') continue;
    for (const m of p.members) shellSizeOf.set(m, Math.max(shellSizeOf.get(m) ?? 0, p.size));
  }
  const changes: FindingChange[] = [];
  for (const f of current) {
    if (known.has(f.key)) continue;
    if (f.detector !== 'shell_cluster') {
      changes.push({ finding: f, reason: 'new', previousSize: null });
      continue;
    }
    let largest = 0;
    for (const m of f.members) largest = Math.max(largest, shellSizeOf.get(m) ?? 0);
    if (largest === 0) changes.push({ finding: f, reason: 'new', previousSize: null });
    else if (growthBand(f.size, t.shellGrowthSteps) > growthBand(largest, t.shellGrowthSteps))
      changes.push({ finding: f, reason: 'grown', previousSize: largest });
  }
  return changes.sort((a, b) => (a.finding.key < b.finding.key ? -1 : 1));
}
