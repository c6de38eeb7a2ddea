/**
 * A small world for the joint-punishment integration tests, imported through the real import (NDJSON file →
 * runImport). Dates are relative to today so the records stay within their publication windows:
 *
 *   A   serious penalty rec-A1, act T-236, decided T-200. li is legal representative of A until act+60, wang from
 *       act+60 (appointed after the act); zhao was a director until act-30 (left before the act); sun is manager.
 *       li becomes legal representative of B from act+100 (改头换面). rec-A2: a second penalty on A, later
 *       corrected to an act date after wang took over; rec-G: the same, corrected by a later import.
 *   F   serious penalty rec-F (legal rep feng) — revoked on objection.
 *   C   serious penalty rec-C decided T-100 — repair too early.
 *   D   serious penalty rec-D decided T-400 — repair accepted.
 *   E   serious penalty rec-E published until T+30 — expiry.
 *   R   red list rec-R — green channel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../../domain/dates/iso-date.ts';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { runImport } from '../../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../../jobs/ingest/validation-context.ts';
import { chinaToday } from '../../../jobs/propagate/store.ts';
import type { Services } from '../../../server/services.ts';

const rng = mulberry32(5);
export const T = chinaToday();
export const ACT = addDays(T, -236);
export const DECIDED = addDays(T, -200);

const ORGS = ['A', 'B', 'C', 'D', 'E', 'F', 'R'] as const;
const PERSONS = ['li', 'wang', 'zhao', 'sun', 'feng', 'cao', 'du', 'e', 'r'] as const;
export const USCC: Record<(typeof ORGS)[number], string> = Object.fromEntries(
  ORGS.map((o) => [o, generateUscc(rng)]),
) as Record<(typeof ORGS)[number], string>;
export const ID_NUMBER: Record<(typeof PERSONS)[number], string> = Object.fromEntries(
  PERSONS.map((p) => [p, generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1995-12-31' })]),
) as Record<(typeof PERSONS)[number], string>;

export const org = (o: (typeof ORGS)[number]) => `org-${o}`;
export const per = (p: (typeof PERSONS)[number]) => `p-${p}`;

const penalty = (id: string, subject: string, act: string, decided: string, extra: object = {}) => ({
  kind: 'record',
  id,
  subject: `id:${subject}`,
  category: 'administrative_penalty',
  severity: 'serious',
  authority: '市场监督管理局',
  actDate: act,
  decisionDate: decided,
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  ...extra,
});

export const PUBLICATION_END_E = addDays(T, 30);

export function worldRows(): object[] {
  const rows: object[] = [];
  for (const o of ORGS) {
    rows.push({
      kind: 'subject',
      id: org(o),
      subjectKind: 'enterprise',
      name: `揭阳市测试${o}有限公司`,
      uscc: USCC[o],
      registeredAt: '2010-01-01',
    });
  }
  for (const p of PERSONS) {
    rows.push({
      kind: 'subject',
      id: per(p),
      subjectKind: 'natural_person',
      name: `测试${p}`,
      idNumber: ID_NUMBER[p],
    });
  }
  const rel = (
    type: string,
    from: string,
    to: string,
    validFrom?: string,
    validTo?: string,
    extra: object = {},
  ) =>
    rows.push({
      kind: 'relation',
      type,
      from: `id:${from}`,
      to: `id:${to}`,
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
      ...extra,
    });
  rel('LEGAL_REP', per('li'), org('A'), '2018-01-01', addDays(ACT, 60));
  rel('LEGAL_REP', per('wang'), org('A'), addDays(ACT, 60));
  rel('OFFICER', per('zhao'), org('A'), '2015-01-01', addDays(ACT, -30), { role: 'director' });
  rel('OFFICER', per('sun'), org('A'), '2019-01-01', undefined, { role: 'manager' });
  rel('LEGAL_REP', per('li'), org('B'), addDays(ACT, 100));
  rel('LEGAL_REP', per('feng'), org('F'), '2015-01-01');
  rel('LEGAL_REP', per('cao'), org('C'), '2015-01-01');
  rel('LEGAL_REP', per('du'), org('D'), '2015-01-01');
  rel('LEGAL_REP', per('e'), org('E'), '2015-01-01');
  rel('LEGAL_REP', per('r'), org('R'), '2015-01-01');

  rows.push(penalty('rec-A1', org('A'), ACT, DECIDED));
  rows.push(penalty('rec-A2', org('A'), ACT, DECIDED));
  rows.push(penalty('rec-F', org('F'), ACT, DECIDED));
  rows.push(penalty('rec-G', org('A'), ACT, DECIDED));
  rows.push(penalty('rec-C', org('C'), addDays(T, -120), addDays(T, -100)));
  rows.push(penalty('rec-D', org('D'), addDays(T, -420), addDays(T, -400)));
  rows.push(penalty('rec-E', org('E'), ACT, DECIDED, { publicationTo: PUBLICATION_END_E }));
  rows.push({
    kind: 'record',
    id: 'rec-R',
    subject: `id:${org('R')}`,
    category: 'red_list',
    authority: '市发展改革局',
    actDate: '2024-05-01',
    decisionDate: '2024-05-10',
  });
  return rows;
}

/** Writes rows to a temporary NDJSON file and imports it; returns the import summary. */
export async function importRows(services: Services, rows: object[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-punishment-'));
  const file = path.join(dir, 'world.ndjson');
  fs.writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  try {
    return await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: services.cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: 500,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const RECORD_IDS = ['rec-A1', 'rec-A2', 'rec-F', 'rec-G', 'rec-C', 'rec-D', 'rec-E', 'rec-R'];

/** rec-G as a later import corrects it: the act happened after wang took over as legal representative. */
export const correctedRecordG = () => penalty('rec-G', org('A'), addDays(ACT, 70), addDays(ACT, 80));
