/**
 * A small hand-built graph for the analytics integration tests, written as NDJSON and loaded through the real
 * import (runImport), so the tests read exactly what production stores.
 *
 * - Ownership: P1 holds 60 % of A, A holds 50 % of B → P1 holds 30 % of B; P2 holds the other 50 % of B;
 *   P3 holds 40 % of A (20 % of B).
 * - B's officers: D1 director 2015-01-01 … 2020-01-01 (left), D2 director since 2019-01-01.
 * - B has a serious administrative penalty (act 2023-03-01); C has a repaired one.
 * - Ownership loop L1 → L2 → L3 → L1 (30 % each); guarantee circle G1 → G2 → G3 → G4 → G1;
 *   guarantee chain H1 → H2 → H3 → H4 → H5.
 * - S1–S3 share an address and phone; M1–M5 share another address and registered within 10 days.
 * - N1 is legal representative of 12 organisations (a professional nominee).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { type ImportSummary, runImport } from '../../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../../jobs/ingest/validation-context.ts';
import type { Services } from '../../../server/services.ts';

export const PERSONS = ['P1', 'P2', 'P3', 'D1', 'D2', 'N1'] as const;
export const ORGS = [
  'A',
  'B',
  'C',
  'L1',
  'L2',
  'L3',
  'G1',
  'G2',
  'G3',
  'G4',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'S1',
  'S2',
  'S3',
  'M1',
  'M2',
  'M3',
  'M4',
  'M5',
] as const;

export function fixtureRows(): Array<Record<string, unknown>> {
  const rng = mulberry32(7);
  const rows: Array<Record<string, unknown>> = [];
  const idNumbers = new Map<string, string>();
  for (const id of PERSONS) {
    const idNumber = generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1990-12-31' });
    idNumbers.set(id, idNumber);
    rows.push({ kind: 'subject', id, subjectKind: 'natural_person', name: `Person ${id}`, idNumber });
  }
  const address: Record<string, string> = {
    S1: '深圳市示例路1号',
    S2: '深圳市示例路1号',
    S3: '深圳市示例路1号',
  };
  const registered: Record<string, string> = {
    M1: '2021-05-01',
    M2: '2021-05-03',
    M3: '2021-05-05',
    M4: '2021-05-08',
    M5: '2021-05-10',
  };
  for (const id of ORGS) {
    const row: Record<string, unknown> = {
      kind: 'subject',
      id,
      subjectKind: 'enterprise',
      name: `Company ${id}`,
      uscc: generateUscc(rng),
      registeredAt: registered[id] ?? '2010-01-01',
      address: address[id] ?? (id.startsWith('M') ? '广州市批量路8号' : `测试路${id}号`),
    };
    if (id.startsWith('S')) row.phone = '0755-12345678';
    rows.push(row);
  }
  const rel = (type: string, from: string, to: string, extra: Record<string, unknown> = {}) =>
    rows.push({
      kind: 'relation',
      type,
      from: `id:${from}`,
      to: `id:${to}`,
      validFrom: '2012-01-01',
      ...extra,
    });
  rel('SHAREHOLDER', 'P1', 'A', { stakePct: 60 });
  rel('SHAREHOLDER', 'P3', 'A', { stakePct: 40 });
  rel('SHAREHOLDER', 'A', 'B', { stakePct: 50 });
  rel('SHAREHOLDER', 'P2', 'B', { stakePct: 50 });
  rel('LEGAL_REP', 'P2', 'B');
  rel('OFFICER', 'D1', 'B', { role: 'director', validFrom: '2015-01-01', validTo: '2020-01-01' });
  rel('OFFICER', 'D2', 'B', { role: 'director', validFrom: '2019-01-01' });
  rel('SHAREHOLDER', 'P1', 'C', { stakePct: 100 });
  rel('SHAREHOLDER', 'L1', 'L2', { stakePct: 30 });
  rel('SHAREHOLDER', 'L2', 'L3', { stakePct: 30 });
  rel('SHAREHOLDER', 'L3', 'L1', { stakePct: 30 });
  for (const [a, b] of [
    ['G1', 'G2'],
    ['G2', 'G3'],
    ['G3', 'G4'],
    ['G4', 'G1'],
  ] as const)
    rel('GUARANTEE', a, b, { amount: 1_000_000 });
  for (const [a, b] of [
    ['H1', 'H2'],
    ['H2', 'H3'],
    ['H3', 'H4'],
    ['H4', 'H5'],
  ] as const)
    rel('GUARANTEE', a, b, { amount: 2_000_000 });
  for (const org of ['G1', 'G2', 'G3', 'G4', 'H1', 'H2', 'S1', 'S2', 'S3', 'M1', 'M2', 'M3'])
    rel('LEGAL_REP', 'N1', org);
  rows.push({
    kind: 'record',
    id: 'REC-B-1',
    subject: 'id:B',
    category: 'administrative_penalty',
    severity: 'serious',
    authority: '市场监督管理局',
    actDate: '2023-03-01',
    decisionDate: '2023-03-10',
  });
  rows.push({
    kind: 'record',
    id: 'REC-C-1',
    subject: 'id:C',
    category: 'administrative_penalty',
    severity: 'serious',
    authority: '市场监督管理局',
    actDate: '2023-03-01',
    decisionDate: '2023-03-10',
    status: 'repaired',
  });
  return rows;
}

/** Writes the fixture to a temporary NDJSON file and imports it; returns the summary and the ID numbers used. */
export async function loadFixture(
  services: Services,
): Promise<{ summary: ImportSummary; idNumbers: string[] }> {
  const rows = fixtureRows();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-analytics-'));
  const file = path.join(dir, 'fixture.ndjson');
  fs.writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  try {
    const summary = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: services.cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: 500,
    });
    const idNumbers = rows.filter((r) => typeof r.idNumber === 'string').map((r) => r.idNumber as string);
    return { summary, idNumbers };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
