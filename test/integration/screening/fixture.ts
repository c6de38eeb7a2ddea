/**
 * A small world for the screening and credit-report tests, loaded through the real import and propagated and
 * scored with the real jobs. Dates are relative to today so records stay within their publication windows.
 *
 *   BORROWER 深圳市示例科技有限公司: legal representative LR since T-100; 60 % held by EVIL (a name with markup).
 *   BAD: LR has been its legal representative since 2015; a dishonest-judgment-debtor listing and a serious
 *        penalty (act T-236) bind BAD and, through the seat held on the act date, LR (→ 改头换面 on BORROWER).
 *   TRADE 广州市天河示例贸易有限公司 (for a name match on 广州市天河示例贸易股份有限公司).
 *   TWIN1, TWIN2: both 佛山市同名实业有限公司 (an ambiguous name).
 *   G1 → G2 → G3 → G1: a guarantee circle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../../domain/dates/iso-date.ts';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { runImport } from '../../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../../jobs/ingest/validation-context.ts';
import { propagateRecords } from '../../../jobs/propagate/propagate.ts';
import { chinaToday } from '../../../jobs/propagate/store.ts';
import { createScoreProcessor } from '../../../jobs/score/score-processor.ts';
import type { Services } from '../../../server/services.ts';

export const T = chinaToday();
const ACT = addDays(T, -236);
const DECIDED = addDays(T, -200);

const rng = mulberry32(42);
const ORGS = {
  BORROWER: '深圳市示例科技有限公司',
  BAD: '揭阳市失信示例有限公司',
  EVIL: '<script>alert("x")</script>投资有限公司',
  TRADE: '广州市天河示例贸易有限公司',
  TWIN1: '佛山市同名实业有限公司',
  TWIN2: '佛山市同名实业有限公司',
  G1: '担保圈一号有限公司',
  G2: '担保圈二号有限公司',
  G3: '担保圈三号有限公司',
} as const;
export type OrgKey = keyof typeof ORGS;
export const NAMES: Readonly<Record<OrgKey, string>> = ORGS;
export const USCC = Object.fromEntries(Object.keys(ORGS).map((k) => [k, generateUscc(rng)])) as Record<
  OrgKey,
  string
>;
export const LR_ID_NUMBER = generateResidentId(rng, { birthFrom: '1970-01-01', birthTo: '1990-12-31' });
export const RECORDS = ['rec-bad-list', 'rec-bad-penalty'];

function rows(): object[] {
  const out: object[] = [];
  for (const [id, name] of Object.entries(ORGS)) {
    out.push({
      kind: 'subject',
      id,
      subjectKind: 'enterprise',
      name,
      uscc: USCC[id as OrgKey],
      registeredAt: '2012-01-01',
    });
  }
  out.push({
    kind: 'subject',
    id: 'LR',
    subjectKind: 'natural_person',
    name: '李示例',
    idNumber: LR_ID_NUMBER,
  });
  const rel = (type: string, from: string, to: string, extra: object = {}) =>
    out.push({
      kind: 'relation',
      type,
      from: `id:${from}`,
      to: `id:${to}`,
      validFrom: '2015-01-01',
      ...extra,
    });
  rel('LEGAL_REP', 'LR', 'BAD');
  rel('LEGAL_REP', 'LR', 'BORROWER', { validFrom: addDays(T, -100) });
  rel('SHAREHOLDER', 'EVIL', 'BORROWER', { stakePct: 60 });
  rel('GUARANTEE', 'G1', 'G2', { amount: 1_000_000 });
  rel('GUARANTEE', 'G2', 'G3', { amount: 1_000_000 });
  rel('GUARANTEE', 'G3', 'G1', { amount: 1_000_000 });
  out.push({
    kind: 'record',
    id: 'rec-bad-list',
    subject: 'id:BAD',
    category: 'dishonest_judgment_debtor',
    authority: '揭阳市中级人民法院',
    actDate: ACT,
    decisionDate: DECIDED,
  });
  out.push({
    kind: 'record',
    id: 'rec-bad-penalty',
    subject: 'id:BAD',
    category: 'administrative_penalty',
    severity: 'serious',
    authority: '揭阳市市场监督管理局',
    actDate: ACT,
    decisionDate: DECIDED,
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
  });
  return out;
}

/** Imports the world, propagates its records, scores every subject and waits for the name index. */
export async function loadScreeningWorld(services: Services): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-screening-'));
  const file = path.join(dir, 'world.ndjson');
  fs.writeFileSync(
    file,
    `${rows()
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
  try {
    const summary = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: services.cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: 500,
    });
    if (summary.errorCount > 0) throw new Error(`fixture import failed: ${JSON.stringify(summary.errors)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await propagateRecords(services.gateway, RECORDS);
  const score = createScoreProcessor({ gateway: services.gateway });
  // biome-ignore lint/suspicious/noExplicitAny: a minimal job stand-in for a direct processor call
  await score({ name: 'rescore-all', data: { asOf: T } } as any);
  const until = Date.now() + 20_000;
  for (;;) {
    const [row] = await services.gateway.read<{ n: number }>('screening/name-candidates', {
      rows: [{ i: 0, query: '佛山市同名实业', kind: null }],
      limit: 10,
    });
    if (row) return;
    if (Date.now() > until) throw new Error('the subject_names full-text index did not catch up');
    await new Promise((r) => setTimeout(r, 200));
  }
}
