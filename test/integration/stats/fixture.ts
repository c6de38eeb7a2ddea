/**
 * A small hand-built graph for the dashboard overview: stored risk classes, records, alerts and bindings written
 * with the properties the pipeline stores (alerts/upsert-alerts, analytics/write-scores, ingest/upsert-records,
 * propagate/write-bindings), so the expected counts can be read off this file.
 *
 * - Subjects S1–S6 with classes A, B, B, C, D, D; S7 without a stored score. BANK-A watches S1 and S5.
 * - Records decided in 2026: three administrative penalties (two active, one expired), one dishonest judgment
 *   debtor under objection, one red list repaired; one penalty decided in 2024 (outside the window).
 * - Alerts (China time): 2026-03-02 09:00 high (general), 2026-03-02 23:30 UTC = 03-03 07:30 critical (BANK-A),
 *   2026-03-10 low (BANK-A), 2026-04-01 medium (BANK-Z), and 2025-12-31 20:00 UTC = 2026-01-01 04:00 high (general).
 * - Bindings: P10_STRICT_LICENSING in force from 2026-03-05 (twice), P10_PROJECT_APPROVAL lifted, from 2026-04-01.
 */
import type { Services } from '../../../server/services.ts';

const STATEMENTS = `
UNWIND $subjects AS s
CREATE (:Subject:Organisation {id: s.id, kind: 'organisation', name: s.id, riskClass: s.cls, riskScore: s.score})
;
UNWIND $records AS r
MATCH (s:Subject {id: r.subject})
CREATE (s)-[:HAS_RECORD]->(:Record {id: r.id, subjectId: r.subject, category: r.category, status: r.status,
  severity: 'serious', actDate: r.decided, decisionDate: r.decided})
;
UNWIND $alerts AS a
CREATE (:Alert {id: a.id, rule: 'key_person_bound', severity: a.severity, status: 'open', dedupKey: a.id,
  org: a.org, watchlistId: a.watchlistId, subjectIds: ['S1'], createdAt: a.at, updatedAt: a.at})
;
UNWIND $bindings AS b
MATCH (s:Subject {id: b.subject}), (r:Record {id: b.record})
CREATE (s)-[:BOUND_BY {measureCodes: [b.code], froms: [b.from], statuses: [b.status], from: b.from}]->(r)
;
MATCH (s:Subject) WHERE s.id IN ['S1', 'S5']
MERGE (w:Watchlist {id: 'WL-A'}) ON CREATE SET w.org = 'BANK-A', w.name = 'loans', w.depth = 2
CREATE (w)-[:WATCHES {addedAt: '2026-01-01T00:00:00.000Z', addedBy: 'bank'}]->(s)
`;

export const PARAMS = {
  subjects: [
    { id: 'S1', cls: 'A', score: 10 },
    { id: 'S2', cls: 'B', score: 30 },
    { id: 'S3', cls: 'B', score: 35 },
    { id: 'S4', cls: 'C', score: 60 },
    { id: 'S5', cls: 'D', score: 85 },
    { id: 'S6', cls: 'D', score: 90 },
    { id: 'S7', cls: null, score: null },
  ],
  records: [
    { id: 'R1', subject: 'S4', category: 'administrative_penalty', status: 'active', decided: '2026-02-10' },
    { id: 'R2', subject: 'S5', category: 'administrative_penalty', status: 'active', decided: '2026-03-01' },
    { id: 'R3', subject: 'S6', category: 'administrative_penalty', status: 'expired', decided: '2026-01-15' },
    {
      id: 'R4',
      subject: 'S6',
      category: 'dishonest_judgment_debtor',
      status: 'under_objection',
      decided: '2026-05-20',
    },
    { id: 'R5', subject: 'S2', category: 'red_list', status: 'repaired', decided: '2026-06-30' },
    { id: 'R6', subject: 'S3', category: 'administrative_penalty', status: 'active', decided: '2024-06-01' },
  ],
  alerts: [
    { id: 'AL1', severity: 'high', org: null, watchlistId: null, at: '2026-03-02T01:00:00.000Z' },
    { id: 'AL2', severity: 'critical', org: 'BANK-A', watchlistId: 'WL-A', at: '2026-03-02T23:30:00.000Z' },
    { id: 'AL3', severity: 'low', org: 'BANK-A', watchlistId: 'WL-A', at: '2026-03-10T02:00:00.000Z' },
    { id: 'AL4', severity: 'medium', org: 'BANK-Z', watchlistId: 'WL-Z', at: '2026-04-01T02:00:00.000Z' },
    { id: 'AL5', severity: 'high', org: null, watchlistId: null, at: '2025-12-31T20:00:00.000Z' },
  ],
  bindings: [
    { subject: 'S4', record: 'R1', code: 'P10_STRICT_LICENSING', from: '2026-03-05', status: 'in_force' },
    { subject: 'S5', record: 'R2', code: 'P10_STRICT_LICENSING', from: '2026-03-05', status: 'in_force' },
    { subject: 'S6', record: 'R3', code: 'P10_PROJECT_APPROVAL', from: '2026-04-01', status: 'lifted' },
  ],
};

export async function loadOverviewFixture(services: Services): Promise<void> {
  const session = services.gateway.driver.session();
  try {
    for (const statement of STATEMENTS.split(/\n;\n/)) await session.run(statement, PARAMS);
  } finally {
    await session.close();
  }
}
