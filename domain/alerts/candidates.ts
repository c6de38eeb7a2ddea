/**
 * Building and merging alert candidates: one place turns (rule, audience, cause, parameters, evidence) into an
 * AlertCandidate with its dedup key, id and rendered messages, and folds candidates that share an id (the same
 * cause for the same audience) into one — the most severe rule's message, every subject and path.
 */
import {
  ALERT_RULE_IDS,
  ALERT_SEVERITIES,
  type AlertRuleCatalogue,
  type AlertRuleId,
} from '../catalogues/alert-rules.ts';
import { type Audience, alertIdOf, dedupKeyOf } from './dedup.ts';
import { renderTemplate } from './templates.ts';
import type { AlertCandidate, EvidencePath, MessageParams, WatchHit } from './types.ts';

export interface CandidateInput {
  rule: AlertRuleId;
  audience: Audience;
  /** Watchlist owner, for watchlist audiences. */
  hit?: WatchHit;
  cause: string;
  subjectIds: readonly string[];
  params: MessageParams;
  evidence: readonly EvidencePath[];
}

export function candidate(catalogue: AlertRuleCatalogue, input: CandidateInput): AlertCandidate {
  const rule = catalogue.rules[input.rule];
  const dedupKey = dedupKeyOf(input.audience, input.cause);
  return {
    id: alertIdOf(dedupKey),
    dedupKey,
    rule: input.rule,
    severity: rule.severity,
    org: input.hit ? input.hit.org : null,
    watchlistId: input.audience.kind === 'watchlist' ? input.audience.watchlistId : null,
    ownerAccount: input.hit ? input.hit.ownerAccount : null,
    subjectIds: [...new Set(input.subjectIds)],
    params: input.params,
    messageZh: renderTemplate(rule.template.zh, input.params.values),
    messageEn: renderTemplate(rule.template.en, input.params.values),
    evidence: [...input.evidence],
  };
}

/** For each enabled audience of a rule: the general inbox once, and every watch hit. */
export function audiencesOf(
  catalogue: AlertRuleCatalogue,
  rule: AlertRuleId,
  hits: readonly WatchHit[],
): Array<{ audience: Audience; hit?: WatchHit }> {
  const r = catalogue.rules[rule];
  if (!r.enabled) return [];
  const out: Array<{ audience: Audience; hit?: WatchHit }> = [];
  if (r.audiences.general) out.push({ audience: { kind: 'general' } });
  if (r.audiences.watchlists) {
    // One per watchlist: the nearest watched subject speaks for the list (ties: by id).
    const best = new Map<string, WatchHit>();
    for (const h of [...hits].sort((a, b) => a.hops - b.hops || a.watched.id.localeCompare(b.watched.id)))
      if (!best.has(h.watchlistId)) best.set(h.watchlistId, h);
    for (const h of best.values())
      out.push({ audience: { kind: 'watchlist', watchlistId: h.watchlistId }, hit: h });
  }
  return out;
}

const severityRank = (s: AlertCandidate['severity']) => ALERT_SEVERITIES.indexOf(s);
const ruleRank = (r: AlertRuleId) => ALERT_RULE_IDS.indexOf(r);

/**
 * Candidates with the same id become one: the most severe (then the first rule in catalogue order) gives rule,
 * severity and message; subjects and evidence paths of all are kept, without duplicates. Output sorted by id.
 */
export function mergeCandidates(candidates: readonly AlertCandidate[]): AlertCandidate[] {
  const byId = new Map<string, AlertCandidate[]>();
  for (const c of candidates) {
    const list = byId.get(c.id);
    if (list) list.push(c);
    else byId.set(c.id, [c]);
  }
  const out: AlertCandidate[] = [];
  for (const list of byId.values()) {
    list.sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || ruleRank(a.rule) - ruleRank(b.rule),
    );
    const lead = list[0]!;
    const seen = new Set<string>();
    const evidence: EvidencePath[] = [];
    for (const c of list)
      for (const p of c.evidence) {
        const key = JSON.stringify(p);
        if (!seen.has(key)) {
          seen.add(key);
          evidence.push(p);
        }
      }
    out.push({ ...lead, subjectIds: [...new Set(list.flatMap((c) => c.subjectIds))], evidence });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
