/**
 * The score-driven rules, evaluated after rescoring: a subject's risk class crossing a boundary (towards D by
 * default) or its score rising by more than the configured points. One alert per transition and audience: when
 * both rules match the same transition they merge (dedup.ts), the more severe giving the message.
 */
import type { AlertRuleCatalogue } from '../catalogues/alert-rules.ts';
import { RISK_CLASSES, type RiskClass } from '../vocabulary.ts';
import { audiencesOf, candidate, mergeCandidates } from './candidates.ts';
import { causeKeys } from './dedup.ts';
import { formatScore } from './labels.ts';
import { displayName } from './templates.ts';
import type { AlertCandidate, SubjectInfo, WatchHit } from './types.ts';

export interface ScoreState {
  score: number;
  riskClass: RiskClass;
  /** The day the score is as of. */
  asOf: string;
}

export interface ScoreChange {
  subject: SubjectInfo;
  before: ScoreState;
  after: ScoreState;
  /** Watchlists watching the subject itself (a neighbour's score is the neighbour's business). */
  watchHits: readonly WatchHit[];
}

const classRank = (c: RiskClass) => RISK_CLASSES.indexOf(c);

/**
 * Parses a stored history entry ("asOf|score|class|configVersion", see analytics/write-scores.cypher);
 * null when it is not one.
 */
export function parseScoreHistoryEntry(entry: string): ScoreState | null {
  const [asOf, score, riskClass] = entry.split('|');
  const n = Number(score);
  if (!asOf || !Number.isFinite(n) || !RISK_CLASSES.includes(riskClass as RiskClass)) return null;
  return { asOf, score: n, riskClass: riskClass as RiskClass };
}

export function evaluateScoreChange(catalogue: AlertRuleCatalogue, change: ScoreChange): AlertCandidate[] {
  const { subject, before, after } = change;
  const cause = causeKeys.scoreChange(subject.id, before.asOf, before.score, after.asOf, after.score);
  const out: AlertCandidate[] = [];
  const values = {
    subjectName: displayName(subject),
    fromClass: before.riskClass,
    toClass: after.riskClass,
    fromScore: formatScore(before.score),
    toScore: formatScore(after.score),
    delta: formatScore(after.score - before.score),
  };
  const crossed = catalogue.rules.score_class_crossed;
  const rank = classRank(after.riskClass) - classRank(before.riskClass);
  const classRule = rank > 0 || (rank < 0 && crossed.direction === 'any');
  const jumpRule = after.score - before.score >= catalogue.rules.score_jump.minDelta;
  for (const rule of [
    ...(classRule ? (['score_class_crossed'] as const) : []),
    ...(jumpRule ? (['score_jump'] as const) : []),
  ]) {
    for (const { audience, hit } of audiencesOf(catalogue, rule, change.watchHits)) {
      out.push(
        candidate(catalogue, {
          rule,
          audience,
          ...(hit ? { hit } : {}),
          cause,
          subjectIds: [subject.id, ...(hit ? [hit.watched.id] : [])],
          params: {
            values: { ...values, watchedName: hit ? displayName(hit.watched) : '' },
            subjects: { subjectName: subject.id, ...(hit ? { watchedName: hit.watched.id } : {}) },
          },
          evidence: [{ kind: 'score', nodes: [subject], links: [] }],
        }),
      );
    }
  }
  return mergeCandidates(out);
}
