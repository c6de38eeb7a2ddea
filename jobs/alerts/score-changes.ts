/**
 * Score transitions of watched subjects, read from what rescoring stored: the current score and class, and the
 * score the last write replaced (riskPrevious). Only transitions scored recently count, so a subject added to a
 * watchlist today does not raise an alert for a change that happened months ago.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import { parseScoreHistoryEntry, type ScoreChange } from '../../domain/alerts/evaluate-scores.ts';
import { addDays } from '../../domain/dates/iso-date.ts';
import { type IsoDate, RISK_CLASSES, type RiskClass, type SubjectKind } from '../../domain/vocabulary.ts';
import { type WatchRow, watchHitOf } from './watch-hits.ts';

/** A transition older than this many days is history, not news. */
export const SCORE_TRANSITION_FRESH_DAYS = 1;

export async function scoreChangesOf(
  gateway: CypherGateway,
  watched: readonly WatchRow[],
  today: IsoDate,
): Promise<ScoreChange[]> {
  const ids = [...new Set(watched.map((w) => w.subjectId))];
  if (ids.length === 0) return [];
  const rows = await gateway.read<{
    id: string;
    name: string | null;
    kind: SubjectKind | null;
    score: number;
    riskClass: string;
    asOf: string | null;
    previous: string | null;
  }>('alerts/score-state', { ids });
  const since = addDays(today, -SCORE_TRANSITION_FRESH_DAYS);
  const out: ScoreChange[] = [];
  for (const r of rows) {
    const before = r.previous ? parseScoreHistoryEntry(r.previous) : null;
    if (!before || !r.asOf || r.asOf < since || !RISK_CLASSES.includes(r.riskClass as RiskClass)) continue;
    const subject = { id: r.id, name: r.name, kind: r.kind };
    out.push({
      subject,
      before,
      after: { score: r.score, riskClass: r.riskClass as RiskClass, asOf: r.asOf },
      watchHits: watched
        .filter((w) => w.subjectId === r.id)
        .map((w) => watchHitOf(w, 0, { kind: 'watch', nodes: [subject], links: [] })),
    });
  }
  return out;
}
