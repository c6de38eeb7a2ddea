/**
 * The detector-diff rules: a new circular shareholding, a person newly reaching the professional-nominee
 * threshold, a new (or grown) shell cluster. One alert per finding and audience — the general inbox, and each
 * watchlist watching a member or a subject within its depth of one (the nearest watched subject speaks for the
 * list). The cause is the finding's key, so the same finding never raises twice.
 */
import type { AlertRuleCatalogue, AlertRuleId } from '../catalogues/alert-rules.ts';
import { audiencesOf, candidate, mergeCandidates } from './candidates.ts';
import { causeKeys } from './dedup.ts';
import type { DetectorFindingKind, FindingChange, FindingThresholds } from './detector-findings.ts';
import { displayName } from './templates.ts';
import type { AlertCandidate, EvidenceLink, EvidencePath, SubjectInfo, WatchHit } from './types.ts';

export const FINDING_RULES: Readonly<Record<DetectorFindingKind, AlertRuleId>> = {
  circular_shareholding: 'new_circular_shareholding',
  professional_nominee: 'new_professional_nominee',
  shell_cluster: 'new_shell_cluster',
};

/** Subjects named on an alert (and linked with ABOUT): a huge cluster names its first ones only. */
export const MAX_FINDING_SUBJECTS = 200;
/** Members drawn in a finding's evidence path. */
export const MAX_FINDING_EVIDENCE_NODES = 30;

export function findingThresholds(catalogue: AlertRuleCatalogue): FindingThresholds {
  const r = catalogue.rules;
  return {
    circularMinMembers: r.new_circular_shareholding.minMembers,
    nomineeMinOrganisations: r.new_professional_nominee.minOrganisations,
    shellMinSize: r.new_shell_cluster.minSize,
    shellGrowthSteps: r.new_shell_cluster.growthSteps,
  };
}

/** Detectors whose rule is enabled. */
export const enabledFindingDetectors = (catalogue: AlertRuleCatalogue): DetectorFindingKind[] =>
  (Object.keys(FINDING_RULES) as DetectorFindingKind[]).filter(
    (d) => catalogue.rules[FINDING_RULES[d]].enabled,
  );

const info = (subjects: ReadonlyMap<string, SubjectInfo>, id: string): SubjectInfo =>
  subjects.get(id) ?? { id, name: null, kind: null };

function evidenceOf(change: FindingChange, subjects: ReadonlyMap<string, SubjectInfo>): EvidencePath {
  const f = change.finding;
  if (f.detector === 'circular_shareholding' && f.cycle.length > 1) {
    const links: EvidenceLink[] = f.cycle.slice(1).map((_, i) => {
      const stake = f.cycleStakes[i];
      return {
        type: 'SHAREHOLDER',
        reversed: false,
        ...(typeof stake === 'number' ? { stakePct: stake } : {}),
      };
    });
    return { kind: f.detector, nodes: f.cycle.map((id) => info(subjects, id)), links };
  }
  // Nominee (person first, then organisations) and shell cluster: the members, not a path.
  return {
    kind: f.detector,
    nodes: f.members.slice(0, MAX_FINDING_EVIDENCE_NODES).map((id) => info(subjects, id)),
    links: [],
  };
}

function values(
  catalogue: AlertRuleCatalogue,
  change: FindingChange,
  lead: SubjectInfo,
): Record<string, string> {
  const f = change.finding;
  const size = String(f.size);
  if (f.detector === 'circular_shareholding')
    return {
      subjectName: displayName(lead),
      size,
      strengthPct: String(Math.round(f.strength * 1000) / 10),
    };
  if (f.detector === 'professional_nominee')
    return {
      personName: displayName(lead),
      organisations: size,
      threshold: String(catalogue.rules.new_professional_nominee.minOrganisations),
    };
  const prev = change.previousSize === null ? '' : String(change.previousSize);
  return {
    subjectName: displayName(lead),
    size,
    previousSize: prev,
    reasonZh: change.reason === 'new' ? '新发现疑似空壳企业群' : `疑似空壳企业群由${prev}家扩大到${size}家`,
    reasonEn:
      change.reason === 'new'
        ? 'New suspected shell cluster'
        : `Suspected shell cluster grew from ${prev} to ${size} organisations`,
  };
}

/**
 * Alert candidates for one finding change. `subjects`: names and kinds of the members; `hits`: watchlists that
 * watch a member or a subject within their depth of one (any order; the nearest per list is kept).
 */
export function evaluateFindingChange(
  catalogue: AlertRuleCatalogue,
  change: FindingChange,
  subjects: ReadonlyMap<string, SubjectInfo>,
  hits: readonly WatchHit[],
): AlertCandidate[] {
  const f = change.finding;
  const rule = FINDING_RULES[f.detector];
  const lead = info(subjects, f.members[0]!);
  const leadParam = f.detector === 'professional_nominee' ? 'personName' : 'subjectName';
  const base = values(catalogue, change, lead);
  const evidence = evidenceOf(change, subjects);
  const members = f.members.slice(0, MAX_FINDING_SUBJECTS);
  const out: AlertCandidate[] = [];
  for (const { audience, hit } of audiencesOf(catalogue, rule, hits)) {
    out.push(
      candidate(catalogue, {
        rule,
        audience,
        ...(hit ? { hit } : {}),
        cause: causeKeys.detectorFinding(f.key),
        subjectIds: [...members, ...(hit ? [hit.watched.id] : [])],
        params: {
          values: { ...base, watchedName: hit ? displayName(hit.watched) : '' },
          subjects: { [leadParam]: lead.id, ...(hit ? { watchedName: hit.watched.id } : {}) },
        },
        evidence: hit && hit.hops > 0 ? [hit.path, evidence] : [evidence],
      }),
    );
  }
  return mergeCandidates(out);
}
