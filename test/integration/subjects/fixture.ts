/**
 * A small Chinese-named dataset for the subject search/profile tests and the browser end-to-end tests, written as
 * NDJSON and loaded through the real import.
 *
 * - 深圳市星河科技有限公司 (XH): 张伟 60 %, 深圳市星河控股有限公司 (XHKG) 40 %; XHKG is 100 % 李娜's, who also holds
 *   70 % of 东莞市李氏投资有限公司 (LS). 张伟 is XH's legal representative and holds 深圳市星河物流有限公司 (WL).
 * - XH's directors: 王芳 2015-01-01 … 2020-01-01 (past), 刘洋 since 2020-01-01.
 * - XH has a serious administrative penalty (2024) and an abnormal-operation listing (2025).
 * - Guarantee circle XH → 广州市恒达贸易有限公司 (HD) → 佛山市顺发实业有限公司 (SF) → XH.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { type ImportSummary, runImport } from '../../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../../jobs/ingest/validation-context.ts';
import type { Services } from '../../../server/services.ts';

export const PERSONS: Record<string, string> = {
  ZW: '张伟',
  LN: '李娜',
  WF: '王芳',
  LY: '刘洋',
};
export const ORGS: Record<string, { name: string; region: string }> = {
  XH: { name: '深圳市星河科技有限公司', region: '440305' },
  XHKG: { name: '深圳市星河控股有限公司', region: '440305' },
  LS: { name: '东莞市李氏投资有限公司', region: '441900' },
  WL: { name: '深圳市星河物流有限公司', region: '440306' },
  HD: { name: '广州市恒达贸易有限公司', region: '440106' },
  SF: { name: '佛山市顺发实业有限公司', region: '440604' },
  QT: { name: '北京市前途文化传媒有限公司', region: '110105' },
};

export interface SubjectsFixture {
  summary: ImportSummary;
  /** Clear ID numbers by fixture key (tests only: they must never come back from the API). */
  idNumbers: Record<string, string>;
  usccs: Record<string, string>;
}

export function fixtureRows(): {
  rows: Array<Record<string, unknown>>;
  idNumbers: Record<string, string>;
  usccs: Record<string, string>;
} {
  const rng = mulberry32(2026);
  const rows: Array<Record<string, unknown>> = [];
  const idNumbers: Record<string, string> = {};
  const usccs: Record<string, string> = {};
  for (const [id, name] of Object.entries(PERSONS)) {
    const idNumber = generateResidentId(rng, { birthFrom: '1965-01-01', birthTo: '1990-12-31' });
    idNumbers[id] = idNumber;
    rows.push({ kind: 'subject', id, subjectKind: 'natural_person', name, idNumber });
  }
  for (const [id, { name, region }] of Object.entries(ORGS)) {
    const uscc = generateUscc(rng);
    usccs[id] = uscc;
    rows.push({
      kind: 'subject',
      id,
      subjectKind: 'enterprise',
      name,
      uscc,
      region,
      registeredAt: '2012-03-01',
      address: `${name.slice(0, 3)}示例大道${id.length}号`,
    });
  }
  const rel = (type: string, from: string, to: string, extra: Record<string, unknown> = {}) =>
    rows.push({
      kind: 'relation',
      type,
      from: `id:${from}`,
      to: `id:${to}`,
      validFrom: '2012-03-01',
      ...extra,
    });
  rel('SHAREHOLDER', 'ZW', 'XH', { stakePct: 60, subscribedAmount: 6_000_000 });
  rel('SHAREHOLDER', 'XHKG', 'XH', { stakePct: 40 });
  rel('SHAREHOLDER', 'LN', 'XHKG', { stakePct: 100 });
  rel('SHAREHOLDER', 'LN', 'LS', { stakePct: 70 });
  rel('SHAREHOLDER', 'ZW', 'WL', { stakePct: 80 });
  rel('LEGAL_REP', 'ZW', 'XH');
  rel('LEGAL_REP', 'LN', 'LS');
  rel('OFFICER', 'WF', 'XH', { role: 'director', validFrom: '2015-01-01', validTo: '2020-01-01' });
  rel('OFFICER', 'LY', 'XH', { role: 'director', validFrom: '2020-01-01' });
  rel('GUARANTEE', 'XH', 'HD', { amount: 5_000_000 });
  rel('GUARANTEE', 'HD', 'SF', { amount: 3_000_000 });
  rel('GUARANTEE', 'SF', 'XH', { amount: 4_000_000 });
  rows.push({
    kind: 'record',
    id: 'PEN-XH-2024-1',
    subject: 'id:XH',
    category: 'administrative_penalty',
    severity: 'serious',
    authority: '深圳市市场监督管理局',
    actDate: '2024-02-10',
    decisionDate: '2024-05-20',
    title: '虚假宣传',
  });
  rows.push({
    kind: 'record',
    id: 'ABN-XH-2025-1',
    subject: 'id:XH',
    category: 'abnormal_operation',
    severity: 'general',
    authority: '深圳市市场监督管理局',
    actDate: '2025-04-01',
    decisionDate: '2025-04-03',
    title: '未按期公示年度报告',
  });
  return { rows, idNumbers, usccs };
}

export async function loadSubjectsFixture(services: Services): Promise<SubjectsFixture> {
  const { rows, idNumbers, usccs } = fixtureRows();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-subjects-'));
  const file = path.join(dir, 'fixture.ndjson');
  fs.writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  try {
    const summary = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: services.cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: 500,
    });
    return { summary, idNumbers, usccs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The full-text index is eventually consistent: waits until a name search sees the fixture. */
export async function waitForNameIndex(search: () => Promise<number>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await search()) > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the subject_names full-text index did not catch up within the timeout');
}
