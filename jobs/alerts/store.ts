/**
 * Writing alerts and reading them back: candidates become (:Alert) nodes through one MERGE on their deterministic
 * id (alerts/upsert-alerts.cypher), so a cause already alerted creates nothing; rows read back are turned into
 * the API's shape here, in one place.
 */

import type { CypherGateway } from '../../cypher/gateway.ts';
import type { AlertCandidate, AlertStatus, EvidencePath, MessageParams } from '../../domain/alerts/types.ts';
import type { AlertHistoryEntry } from '../../domain/alerts/workflow.ts';
import type { AlertRuleId, AlertSeverity } from '../../domain/catalogues/alert-rules.ts';

export interface RaiseResult {
  created: string[];
  existing: string[];
}

export async function raiseAlerts(
  gateway: CypherGateway,
  candidates: readonly AlertCandidate[],
  now: string = new Date().toISOString(),
): Promise<RaiseResult> {
  if (candidates.length === 0) return { created: [], existing: [] };
  const rows = await gateway.write<{ id: string; created: boolean }>('alerts/upsert-alerts', {
    now,
    alerts: candidates.map((c) => ({
      id: c.id,
      subjectIds: c.subjectIds,
      props: {
        rule: c.rule,
        severity: c.severity,
        dedupKey: c.dedupKey,
        org: c.org,
        watchlistId: c.watchlistId,
        ownerAccount: c.ownerAccount,
        subjectIds: c.subjectIds,
        messageZh: c.messageZh,
        messageEn: c.messageEn,
        messageParams: JSON.stringify(c.params),
        evidence: JSON.stringify(c.evidence),
      },
    })),
  });
  return {
    created: rows.filter((r) => r.created).map((r) => r.id),
    existing: rows.filter((r) => !r.created).map((r) => r.id),
  };
}

/** An alert as stored, with its JSON properties parsed. */
export interface StoredAlert {
  id: string;
  rule: AlertRuleId;
  severity: AlertSeverity;
  status: AlertStatus;
  dedupKey: string;
  org: string | null;
  watchlistId: string | null;
  ownerAccount: string | null;
  subjectIds: string[];
  createdAt: string;
  updatedAt: string;
  assignee: string | null;
  messageZh: string;
  messageEn: string;
  params: MessageParams;
  evidence: EvidencePath[];
  history: AlertHistoryEntry[];
}

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function alertFromProps(p: Record<string, unknown>): StoredAlert {
  return {
    id: String(p.id),
    rule: p.rule as AlertRuleId,
    severity: p.severity as AlertSeverity,
    status: p.status as AlertStatus,
    dedupKey: String(p.dedupKey),
    org: typeof p.org === 'string' ? p.org : null,
    watchlistId: typeof p.watchlistId === 'string' ? p.watchlistId : null,
    ownerAccount: typeof p.ownerAccount === 'string' ? p.ownerAccount : null,
    subjectIds: Array.isArray(p.subjectIds) ? p.subjectIds.map(String) : [],
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    assignee: typeof p.assignee === 'string' ? p.assignee : null,
    messageZh: String(p.messageZh ?? ''),
    messageEn: String(p.messageEn ?? ''),
    params: parse<MessageParams>(p.messageParams, { values: {}, subjects: {} }),
    evidence: parse<EvidencePath[]>(p.evidence, []),
    history: parse<AlertHistoryEntry[]>(p.history, []),
  };
}
