import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { validateUscc } from '../../../domain/identifiers/uscc.ts';
import type { Services } from '../../../server/services.ts';
import { graphCounts, importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const rng = mulberry32(7);
const [A, B, C] = [generateUscc(rng), generateUscc(rng), generateUscc(rng)];
const P = generateResidentId(rng, { birthFrom: '1970-01-01', birthTo: '1990-12-31' });
const Q = generateResidentId(rng, { birthFrom: '1970-01-01', birthTo: '1990-12-31' });
/** A's USCC with its last character changed: the check character no longer matches. */
const A_BROKEN = `${A.slice(0, 17)}${A[17] === '0' ? '1' : '0'}`;

const company = (uscc: string, name: string, extra: Record<string, unknown> = {}) => ({
  kind: 'subject',
  subjectKind: 'enterprise',
  name,
  uscc,
  address: '深圳市南山区科技园一路1号',
  ...extra,
});
const person = (id: string, name: string) => ({
  kind: 'subject',
  subjectKind: 'natural_person',
  name,
  idNumber: id,
});
const penalty = (id: string, subject: string, extra: Record<string, unknown> = {}) => ({
  kind: 'record',
  id,
  subject,
  category: 'administrative_penalty',
  severity: 'serious',
  authority: '深圳市市场监督管理局',
  actDate: '2024-02-10',
  decisionDate: '2024-05-20',
  ...extra,
});

const MIXED = [
  company(A, '深圳市甲科技有限公司'), // 1
  company(B, '深圳市乙贸易有限公司'), // 2
  person(P, '张三'), // 3
  company(A_BROKEN, '坏代码公司'), // 4: bad check character
  '{"kind": "subject", "name": ', // 5: not JSON
  { kind: 'relation', type: 'LEGAL_REP', from: P, to: A, validFrom: '2020-01-01' }, // 6
  { kind: 'relation', type: 'SHAREHOLDER', from: P, to: A, stakePct: 140 }, // 7: stake out of range
  {
    kind: 'relation',
    type: 'OFFICER',
    role: 'director',
    from: P,
    to: B,
    validFrom: '2022-01-01',
    validTo: '2021-01-01',
  }, // 8
  { kind: 'relation', type: 'SHAREHOLDER', from: C, to: A, stakePct: 10 }, // 9: C was never imported
  penalty('PEN-1', A), // 10
  penalty('PEN-2', A, { category: 'parking_ticket' }), // 11: unknown category
  { kind: 'relation', type: 'SHAREHOLDER', from: A, to: B, stakePct: 100, validFrom: '2020-01-01' }, // 12
  { kind: 'whatever', name: 'x' }, // 13: unknown kind
];

let services: Services;
let dir: string;
beforeEach(async () => {
  await services?.close();
  services = await freshServices({ NEO4J_TX_RETRY_MS: '1000' });
  dir = tempDir();
});
afterAll(async () => {
  await services?.close();
});

describe('import of NDJSON', () => {
  it('reports exactly the bad rows, with line, field and reason, and stores exactly the good ones', async () => {
    expect(validateUscc(A_BROKEN).ok).toBe(false);
    const file = writeNdjson(dir, 'mixed.ndjson', MIXED);
    const summary = await importPath(services, file);

    const byLine = new Map<number, string[]>();
    for (const e of summary.errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.field]);
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([4, 5, 7, 8, 9, 11, 13]);
    expect(byLine.get(4)).toContain('uscc');
    expect(byLine.get(7)).toContain('stakePct');
    expect(byLine.get(8)?.some((f) => f === 'validTo')).toBe(true);
    expect(byLine.get(9)).toEqual(['from']);
    expect(byLine.get(11)).toContain('category');
    expect(byLine.get(13)).toEqual(['kind']);
    const reasonOf = (line: number) =>
      summary.errors
        .filter((e) => e.line === line)
        .map((e) => e.reason)
        .join(' ');
    expect(reasonOf(4)).toMatch(/check/i);
    expect(reasonOf(5)).toMatch(/JSON/);
    expect(reasonOf(9)).toMatch(/unknown subject/);
    expect(summary.errors.every((e) => e.file === 'mixed.ndjson')).toBe(true);

    expect(summary.counts.subject).toMatchObject({ created: 3, rejected: 1 });
    expect(summary.counts.relation).toMatchObject({ created: 2, rejected: 3 });
    expect(summary.counts.record).toMatchObject({ created: 1, rejected: 1 });

    const counts = await graphCounts(services);
    expect(counts['node:Subject']).toBe(3);
    expect(counts['node:Organisation']).toBe(2);
    expect(counts['node:Person']).toBe(1);
    expect(counts['relationship:LEGAL_REP']).toBe(1);
    expect(counts['relationship:SHAREHOLDER']).toBe(1);
    expect(counts['relationship:OFFICER']).toBeUndefined();
    expect(counts['node:Record']).toBe(1);
    expect(counts['node:Outbox']).toBe(1);
    // A and B share an address: one contact point ties them together.
    expect(counts['node:Contact']).toBe(1);
    expect(counts['relationship:HAS_CONTACT']).toBe(2);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = writeNdjson(dir, 'mixed.ndjson', MIXED);
    await importPath(services, file);
    const before = await graphCounts(services);
    const again = await importPath(services, file);
    expect(again.counts.subject).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.counts.relation).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.counts.record).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await graphCounts(services)).toEqual(before);
  });

  it('applies a later version of a row, ignores an older one, and leaves a new outbox marker for a changed record', async () => {
    writeNdjson(dir, '1.ndjson', [
      company(A, '深圳市甲科技有限公司', { version: 1 }),
      company(B, '深圳市乙贸易有限公司', { version: 5 }),
      person(P, '张三'),
      { kind: 'relation', type: 'LEGAL_REP', from: P, to: A, validFrom: '2020-01-01' },
      penalty('PEN-1', A),
    ]);
    await importPath(services, path.join(dir, '1.ndjson'));
    writeNdjson(dir, '2.ndjson', [
      company(A, '深圳市甲新科技有限公司', { version: 2, address: '深圳市福田区新地址2号' }),
      company(B, '旧名称', { version: 4 }),
      { kind: 'relation', type: 'LEGAL_REP', from: P, to: A, validFrom: '2020-01-01', validTo: '2025-06-30' },
      penalty('PEN-1', A, { status: 'repaired' }),
    ]);
    const summary = await importPath(services, path.join(dir, '2.ndjson'));
    expect(summary.counts.subject).toMatchObject({ updated: 1, stale: 1 });
    expect(summary.counts.relation).toMatchObject({ updated: 1, created: 0 });
    expect(summary.counts.record).toMatchObject({ updated: 1 });

    const [a] = await services.gateway.read<{ props: Record<string, unknown>; contacts: string[] }>(
      'ingest/subject-by-id',
      { id: A },
    );
    expect(a!.props.name).toBe('深圳市甲新科技有限公司');
    expect(a!.contacts).toEqual(['address:深圳市福田区新地址2号']);
    const [b] = await services.gateway.read<{ props: Record<string, unknown> }>('ingest/subject-by-id', {
      id: B,
    });
    expect(b!.props.name).toBe('深圳市乙贸易有限公司');
    const rels = await services.gateway.read<{ type: string; props: Record<string, unknown> }>(
      'ingest/relations-of',
      {
        id: await personId(P),
      },
    );
    expect(rels).toHaveLength(1);
    expect(rels[0]!.props.validTo).toBe('2025-06-30');
    const [rec] = await services.gateway.read<{ props: Record<string, unknown>; outbox: string[] }>(
      'ingest/record-by-id',
      { id: 'PEN-1' },
    );
    expect(rec!.props.status).toBe('repaired');
    expect(rec!.outbox).toHaveLength(2);
  });

  it('keeps a status set by the objection or repair workflow when the source still says active', async () => {
    writeNdjson(dir, '1.ndjson', [company(A, '甲公司'), penalty('PEN-3', A, { status: 'under_objection' })]);
    await importPath(services, path.join(dir, '1.ndjson'));
    writeNdjson(dir, '2.ndjson', [penalty('PEN-3', A, { status: 'active', title: '更正后的标题' })]);
    const summary = await importPath(services, path.join(dir, '2.ndjson'));
    expect(summary.counts.record.updated).toBe(1);
    const [rec] = await services.gateway.read<{ props: Record<string, unknown> }>('ingest/record-by-id', {
      id: 'PEN-3',
    });
    expect(rec!.props.title).toBe('更正后的标题');
    expect(rec!.props.status).toBe('under_objection');
    writeNdjson(dir, '3.ndjson', [penalty('PEN-3', A, { status: 'revoked', title: '更正后的标题' })]);
    await importPath(services, path.join(dir, '3.ndjson'));
    const [revoked] = await services.gateway.read<{ props: Record<string, unknown> }>('ingest/record-by-id', {
      id: 'PEN-3',
    });
    expect(revoked!.props.status).toBe('revoked');
  });

  it('loads the README examples without a single rejected row', async () => {
    const summary = await importPath(services, path.join(process.cwd(), 'examples'));
    expect(summary.errors).toEqual([]);
    expect(summary.counts.subject.created).toBe(3);
  });

  it('never stores a person ID number in clear, only its keyed hash and mask', async () => {
    writeNdjson(dir, 'people.ndjson', [
      person(P, '张三'),
      person(Q, '李四'),
      company(A, '深圳市甲科技有限公司'),
      {
        kind: 'relation',
        type: 'LEGAL_REP',
        from: Q,
        to: A,
        validFrom: '2020-01-01',
        source: `registry row for ${Q.slice(0, 6)}`,
      },
      penalty('PEN-9', P, { category: 'dishonest_judgment_debtor' }),
    ]);
    const summary = await importPath(services, path.join(dir, 'people.ndjson'));
    expect(summary.errorCount).toBe(0);
    const values = (await services.gateway.read<{ value: string }>('maintenance/string-property-values')).map(
      (r) => r.value,
    );
    expect(values.length).toBeGreaterThan(10);
    for (const clear of [P, Q]) {
      expect(values.filter((v) => v.includes(clear))).toEqual([]);
      expect(values).toContain(`${clear.slice(0, 6)}********${clear.slice(14)}`);
    }
  });

  async function personId(idNumber: string): Promise<string> {
    const { hashResidentId } = await import('../../../domain/identifiers/resident-id.ts');
    return `P${hashResidentId(idNumber, services.cfg.PII_HASH_SECRET).slice(0, 24)}`;
  }
});

describe('import of CSV', () => {
  it('loads one file per kind by its header, reporting malformed and invalid lines', async () => {
    fs.writeFileSync(
      path.join(dir, 'subjects.csv'),
      `subjectKind,name,uscc,idNumber,address\nenterprise,"深圳市甲科技有限公司, 分号",${A},,深圳市一路1号\nnatural_person,张三,,${P},\nenterprise,"未闭合引号,${B},,\nenterprise,乙公司,${B},,\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'relations.csv'),
      `type,from,to,stakePct,role,validFrom\nSHAREHOLDER,${P},${A},55.5,,2020-01-01\nOFFICER,${P},${A},,chairman,2020-01-01\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'records.csv'),
      `id,subject,category,severity,authority,actDate,decisionDate\nR1,${A},administrative_penalty,serious,市场监管局,2024-01-02,2024-02-03\n`,
    );
    const summary = await importPath(services, dir);
    expect(summary.files).toEqual(['records.csv', 'relations.csv', 'subjects.csv']);
    const problems = summary.errors.map((e) => `${e.file}:${e.line}:${e.field}`);
    expect(problems).toContain('relations.csv:3:role');
    expect(
      summary.errors.some((e) => e.file === 'subjects.csv' && /malformed CSV|Invalid|quote/i.test(e.reason)),
    ).toBe(true);
    const counts = await graphCounts(services);
    expect(counts['relationship:SHAREHOLDER']).toBe(1);
    expect(counts['node:Record']).toBe(1);
    const [a] = await services.gateway.read<{ props: Record<string, unknown> }>('ingest/subject-by-id', {
      id: A,
    });
    expect(a!.props.name).toBe('深圳市甲科技有限公司, 分号');
  });
});
