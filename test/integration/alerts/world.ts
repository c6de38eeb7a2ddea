/**
 * A small world for the alert tests, loaded through the real import:
 *
 *   holder H ──SHAREHOLDER 60%──▶ borrower B (watched by BANK-A's list)      far F ──LEGAL_REP── zhou
 *   li ──LEGAL_REP──▶ H;  li ──LEGAL_REP──▶ N (a fresh company, from after the act: 改头换面)
 *   G1 ⇄ G2 ⇄ G3 guarantee circle (GUARANTEE G1→G2→G3→G1), G3 watched by BANK-C
 */
import { addDays } from '../../../domain/dates/iso-date.ts';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { chinaToday } from '../../../jobs/propagate/store.ts';

const rng = mulberry32(61);
export const T = chinaToday();
export const ACT = addDays(T, -120);
export const DECIDED = addDays(T, -90);

const orgs = ['B', 'H', 'N', 'F', 'G1', 'G2', 'G3'] as const;
const persons = ['li', 'zhou'] as const;
export const org = (o: (typeof orgs)[number]) => `org-${o}`;
export const per = (p: (typeof persons)[number]) => `p-${p}`;

export function worldRows(): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const o of orgs)
    rows.push({
      kind: 'subject',
      id: org(o),
      subjectKind: 'enterprise',
      name: `测试${o}有限公司`,
      uscc: generateUscc(rng),
      registeredAt: '2012-01-01',
    });
  for (const p of persons)
    rows.push({
      kind: 'subject',
      id: per(p),
      subjectKind: 'natural_person',
      name: `测试${p}`,
      idNumber: generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1990-12-31' }),
    });
  const rel = (type: string, from: string, to: string, extra: object = {}) =>
    rows.push({
      kind: 'relation',
      type,
      from: `id:${from}`,
      to: `id:${to}`,
      validFrom: '2015-01-01',
      ...extra,
    });
  rel('SHAREHOLDER', org('H'), org('B'), { stakePct: 60 });
  rel('LEGAL_REP', per('li'), org('H'));
  rel('LEGAL_REP', per('li'), org('N'), { validFrom: addDays(ACT, 30) });
  rel('LEGAL_REP', per('zhou'), org('F'));
  rel('GUARANTEE', org('G1'), org('G2'), { amount: 1_000_000 });
  rel('GUARANTEE', org('G2'), org('G3'), { amount: 2_000_000 });
  rel('GUARANTEE', org('G3'), org('G1'), { amount: 3_000_000 });
  return rows;
}

export const seriousPenalty = (id: string, subject: string) => ({
  kind: 'record',
  id,
  subject: `id:${subject}`,
  category: 'administrative_penalty',
  severity: 'serious',
  authority: '市场监督管理局',
  actDate: ACT,
  decisionDate: DECIDED,
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
});
