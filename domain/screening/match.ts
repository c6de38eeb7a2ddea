/**
 * Deciding who a screened row is (issue 7): an identifier found in the graph is an exact match; otherwise the
 * name is compared with the full-text candidates and the best one is a match only when it clears the threshold
 * and no other candidate is as close. A candidate whose own USCC contradicts the one given is never a match:
 * two companies may share a name across regions, but not a code.
 */

import type { PreparedRow } from './input.ts';
import { DEFAULT_NAME_THRESHOLDS, type NameMatchThresholds, scoreName } from './name-match.ts';
import type { Candidate, Match, MatchedSubject, MatchReason } from './types.ts';

/** A subject as the resolve and candidate queries return it. */
export type SubjectRow = { [K in keyof MatchedSubject]: MatchedSubject[K] };

export interface MatchDecision {
  match: Match;
  subject: MatchedSubject | null;
  candidates: Candidate[];
}

const LABEL = { uscc: 'USCC', regNo: 'registration number', idNumber: 'ID number' } as const;

function identifierBy(row: PreparedRow): 'uscc' | 'regNo' | 'idNumber' | null {
  if (row.idHash !== null) return 'idNumber';
  return row.codeKind;
}

/** How the registered name compares with the one given alongside an identifier. */
function nameCheck(given: string | null, registered: string | null): MatchReason[] {
  if (given === null || registered === null) return [];
  const s = scoreName(given, registered);
  return s.score >= DEFAULT_NAME_THRESHOLDS.match
    ? [{ code: 'name_consistent', detail: `the registered name "${registered}" matches (${s.score})` }]
    : [
        {
          code: 'name_differs',
          detail: `the registered name is "${registered}" (name score ${s.score}); check the identifier`,
        },
      ];
}

export function decideMatch(
  row: PreparedRow,
  exact: readonly SubjectRow[],
  nameCandidates: readonly SubjectRow[],
  options: { thresholds?: NameMatchThresholds; maxCandidates?: number } = {},
): MatchDecision {
  const t = options.thresholds ?? DEFAULT_NAME_THRESHOLDS;
  const maxCandidates = options.maxCandidates ?? 5;
  const by = identifierBy(row);
  const reasons: MatchReason[] = [];
  if (by !== null && exact.length === 1) {
    const s = exact[0]!;
    return {
      match: {
        status: 'exact',
        by,
        score: 1,
        reasons: [
          { code: 'identifier_exact', detail: `the ${LABEL[by]} identifies this subject` },
          ...nameCheck(row.name, s.name),
        ],
      },
      subject: s,
      candidates: [],
    };
  }
  if (by !== null && exact.length === 0) {
    reasons.push({
      code: 'identifier_not_found',
      detail: `no subject holds this ${LABEL[by]}${row.name ? '; the name was compared instead' : ''}`,
    });
  }
  if (row.name === null)
    return { match: { status: 'none', by: null, score: null, reasons }, subject: null, candidates: [] };

  const scored: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of [...exact, ...nameCandidates]) {
    if (seen.has(c.id) || c.name === null) continue;
    seen.add(c.id);
    // A row with a person's number is a person. Any other row names an organisation: persons are never matched
    // by name alone, since personal names repeat by the thousand (and a person's look-up must be by ID number).
    if ((row.idHash !== null) !== (c.kind === 'natural_person')) continue;
    const s = scoreName(row.name, c.name);
    const why: MatchReason[] = [...s.reasons];
    let score = s.score;
    const theirs = row.codeKind === 'regNo' ? c.regNo : c.uscc;
    if (row.code !== null && theirs !== null && theirs !== row.code) {
      why.push({ code: 'identifier_conflicts', detail: `this subject's code is ${theirs}, not ${row.code}` });
      score = Math.min(score, t.match - 0.01);
    }
    if (score >= t.candidate) {
      scored.push({
        id: c.id,
        kind: c.kind,
        name: c.name,
        idMasked: c.idMasked,
        uscc: c.uscc,
        score: Math.round(score * 1000) / 1000,
        reasons: why,
      });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const best = scored[0];
  const second = scored[1];
  if (best && best.score >= t.match) {
    if (second && best.score - second.score <= t.ambiguityMargin) {
      reasons.push({
        code: 'several_close_candidates',
        detail: `${scored.filter((c) => best.score - c.score <= t.ambiguityMargin).length} subjects match the name about equally well; add the USCC or ID number`,
      });
      return {
        match: { status: 'ambiguous', by: 'name', score: best.score, reasons },
        subject: null,
        candidates: scored.slice(0, maxCandidates),
      };
    }
    const subject = [...exact, ...nameCandidates].find((c) => c.id === best.id)!;
    return {
      match: { status: 'name', by: 'name', score: best.score, reasons: [...reasons, ...best.reasons] },
      subject,
      candidates: scored.slice(1, maxCandidates),
    };
  }
  if (best) {
    reasons.push({
      code: 'below_threshold',
      detail: `the closest name scores ${best.score}, below the match threshold ${t.match}`,
    });
  }
  return {
    match: { status: 'none', by: null, score: best ? best.score : null, reasons },
    subject: null,
    candidates: scored.slice(0, maxCandidates),
  };
}
