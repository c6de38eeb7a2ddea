import { describe, expect, it } from 'vitest';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { parseScreeningCsv } from '../../../domain/screening/csv-input.ts';
import { csvCell, resultCsvHeader, resultCsvLine } from '../../../domain/screening/csv-output.ts';
import { compareHits, hitReasons } from '../../../domain/screening/hits.ts';
import { type PreparedRow, prepareRow, prepareRows } from '../../../domain/screening/input.ts';
import { decideMatch, type SubjectRow } from '../../../domain/screening/match.ts';
import {
  bigramDice,
  coreName,
  nameSearchQuery,
  normaliseName,
  scoreName,
} from '../../../domain/screening/name-match.ts';
import { RelatedWalks } from '../../../domain/screening/related-walk.ts';
import type { ScreeningResult } from '../../../domain/screening/types.ts';

const rng = mulberry32(11);
const USCC = generateUscc(rng);
const OTHER_USCC = generateUscc(rng);
const ID = generateResidentId(rng, { birthFrom: '1970-01-01', birthTo: '1990-12-31' });
const ctx = { secret: 'unit-test-secret-0123456789', today: '2025-01-01' };

describe('name scoring', () => {
  it('folds width, brackets, punctuation and case before comparing', () => {
    expect(normaliseName('深圳市（示例）科技 有限公司')).toBe('深圳市示例科技有限公司');
    expect(normaliseName('ＡＢＣ Trading Co., Ltd.')).toBe('abctradingcoltd');
    expect(coreName('深圳市示例科技股份有限公司')).toEqual({
      core: '深圳市示例科技',
      suffix: '股份有限公司',
    });
  });

  it('ranks identical > equal after folding > same core with another legal form > similar', () => {
    expect(scoreName('深圳市示例科技有限公司', '深圳市示例科技有限公司')).toMatchObject({
      score: 1,
      reasons: [{ code: 'name_identical' }],
    });
    const folded = scoreName('深圳市(示例)科技有限公司', '深圳市（示例）科技有限公司');
    expect(folded.score).toBe(0.98);
    expect(folded.reasons.map((r) => r.code)).toEqual(['name_equal_after_normalising']);
    const form = scoreName('深圳市示例科技有限公司', '深圳市示例科技股份有限公司');
    expect(form.score).toBe(0.92);
    expect(form.reasons.map((r) => r.code)).toEqual(['core_name_equal', 'legal_form_differs']);
    expect(form.reasons[1]!.detail).toContain('股份有限公司');
    const similar = scoreName('深圳示例科技有限公司', '深圳市示例科技有限公司');
    expect(similar.score).toBeGreaterThan(0.6);
    expect(similar.score).toBeLessThan(0.9);
    expect(similar.reasons.at(-1)!.code).toBe('bigram_similarity');
    const unrelated = scoreName('广州市天河贸易有限公司', '深圳市示例科技有限公司');
    expect(unrelated.score).toBeLessThan(0.5);
  });

  it('computes the Dice coefficient over character pairs', () => {
    expect(bigramDice('abcd', 'abcd')).toBe(1);
    expect(bigramDice('abcd', 'abxy')).toBeCloseTo(1 / 3, 5);
    expect(bigramDice('', 'abc')).toBe(0);
  });

  it('never lets user text become Lucene syntax', () => {
    expect(nameSearchQuery('A* OR name:"x" AND (y~)')).toBe('A or name x and y');
    expect(nameSearchQuery('*?')).toBeNull();
  });
});

describe('input rows', () => {
  it('prepares a row: USCC normalised, an ID number only as hash and masked form', () => {
    const r = prepareRow({ name: ' 测试公司 ', uscc: USCC.toLowerCase(), ref: 'L-1' }, 2, ctx);
    expect(r).toMatchObject({
      ok: true,
      row: { name: '测试公司', code: USCC, codeKind: 'uscc', ref: 'L-1' },
    });
    const p = prepareRow({ idNumber: ID }, 3, ctx);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.row.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.row.idMasked).toBe(`${ID.slice(0, 6)}********${ID.slice(14)}`);
    expect(JSON.stringify(p.row)).not.toContain(ID);
  });

  it('accepts a 15-digit registration number in the uscc field', () => {
    const r = prepareRow({ uscc: '440301103456789' }, 1, ctx);
    expect(r).toMatchObject({ ok: true, row: { codeKind: 'regNo', code: '440301103456789' } });
  });

  it('names the line and field of each problem, all at once', () => {
    const bad = `${USCC.slice(0, 17)}${USCC[17] === '0' ? '1' : '0'}`;
    const batch = prepareRows(
      [
        { row: { name: 'ok' }, line: 1, fieldPrefix: 'subjects[0].' },
        { row: { uscc: bad }, line: 2, fieldPrefix: 'subjects[1].' },
        { row: {}, line: 3, fieldPrefix: 'subjects[2].' },
        { row: { name: 'x'.repeat(201) }, line: 4, fieldPrefix: 'subjects[3].' },
        { row: { idNumber: '123' }, line: 5, fieldPrefix: 'subjects[4].' },
        { row: { uscc: USCC, idNumber: ID }, line: 6, fieldPrefix: 'subjects[5].' },
      ],
      ctx,
    );
    expect(batch.rows.map((r) => r.line)).toEqual([1]);
    expect(batch.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'subjects[1].uscc'],
      [3, 'subjects[2].'],
      [4, 'subjects[3].name'],
      [5, 'subjects[4].idNumber'],
      [6, 'subjects[5].'],
    ]);
    expect(batch.errors[0]!.reason).toMatch(/check character/);
    expect(batch.errors[2]!.reason).toMatch(/at most 200/);
  });
});

describe('CSV input', () => {
  it('reads English or Chinese headers and gives each row its file line', () => {
    const text = `\uFEFF名称,统一社会信用代码,编号\n甲公司,${USCC},L1\n"乙公司,分部",,L2\n\n"丙\n公司",,L3\n`;
    const r = parseScreeningCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { row: { name: '甲公司', uscc: USCC, ref: 'L1' }, line: 2 },
      { row: { name: '乙公司,分部', ref: 'L2' }, line: 3 },
      { row: { name: '丙\n公司', ref: 'L3' }, line: 6 },
    ]);
  });

  it('rejects unknown columns, malformed quoting, ragged lines and too many rows, naming the line', () => {
    const unknown = parseScreeningCsv('name,colour\na,b\n');
    expect(unknown).toMatchObject({ ok: false, errors: [{ line: 1, field: 'colour' }] });
    const ragged = parseScreeningCsv('name,uscc\na,b\nc,d,e\n');
    expect(ragged.ok).toBe(false);
    if (!ragged.ok) expect(ragged.errors[0]!.line).toBe(3);
    const quote = parseScreeningCsv('name\n"abc\n');
    expect(quote.ok).toBe(false);
    if (!quote.ok) expect(quote.errors[0]!.reason).toMatch(/malformed CSV/);
    const many = parseScreeningCsv(`name\n${'a\n'.repeat(4)}`, 3);
    expect(many).toMatchObject({ ok: false, errors: [{ line: 5 }] });
    if (!many.ok) expect(many.errors[0]!.reason).toMatch(/more than 3/);
    expect(parseScreeningCsv('')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(parseScreeningCsv('ref\nx\n')).toMatchObject({ ok: false });
  });
});

const subject = (id: string, name: string, extra: Partial<SubjectRow> = {}): SubjectRow => ({
  id,
  kind: 'enterprise',
  name,
  uscc: null,
  regNo: null,
  idMasked: null,
  region: null,
  ...extra,
});
const row = (extra: Partial<PreparedRow>): PreparedRow => ({
  line: 1,
  ref: null,
  name: null,
  code: null,
  codeKind: null,
  idHash: null,
  idMasked: null,
  ...extra,
});

describe('match decision', () => {
  it('an identifier found is exact, and a differing registered name is pointed out', () => {
    const d = decideMatch(
      row({ code: USCC, codeKind: 'uscc', name: '完全不同的名字' }),
      [subject('A', '深圳市示例科技有限公司', { uscc: USCC })],
      [],
    );
    expect(d.match).toMatchObject({ status: 'exact', by: 'uscc', score: 1 });
    expect(d.match.reasons.map((r) => r.code)).toEqual(['identifier_exact', 'name_differs']);
    expect(d.subject?.id).toBe('A');
  });

  it('falls back to the name when the identifier is unknown, but never to a subject with another code', () => {
    const d = decideMatch(
      row({ code: USCC, codeKind: 'uscc', name: '深圳市示例科技有限公司' }),
      [],
      [subject('B', '深圳市示例科技有限公司', { uscc: OTHER_USCC })],
    );
    expect(d.match.status).toBe('none');
    expect(d.match.reasons.map((r) => r.code)).toEqual(['identifier_not_found', 'below_threshold']);
    expect(d.candidates[0]!.reasons.map((r) => r.code)).toContain('identifier_conflicts');
    const byName = decideMatch(
      row({ name: '深圳市示例科技有限公司' }),
      [],
      [subject('B', '深圳市示例科技股份有限公司'), subject('C', '广州某某贸易有限公司')],
    );
    expect(byName.match).toMatchObject({ status: 'name', by: 'name', score: 0.92 });
    expect(byName.match.reasons.map((r) => r.code)).toEqual(['core_name_equal', 'legal_form_differs']);
    expect(byName.subject?.id).toBe('B');
  });

  it('two equally good names are ambiguous; nothing close is no match', () => {
    const d = decideMatch(
      row({ name: '示例科技有限公司' }),
      [],
      [subject('X2', '示例科技有限公司'), subject('X1', '示例科技有限公司')],
    );
    expect(d.match.status).toBe('ambiguous');
    expect(d.subject).toBeNull();
    expect(d.candidates.map((c) => c.id)).toEqual(['X1', 'X2']);
    const person = decideMatch(row({ name: '张伟' }), [], [subject('P', '张伟', { kind: 'natural_person' })]);
    expect(person.match.status).toBe('none');
    expect(person.candidates).toEqual([]);
    const none = decideMatch(row({ name: '完全无关' }), [], [subject('Z', '深圳市示例科技有限公司')]);
    expect(none).toMatchObject({ match: { status: 'none' }, subject: null, candidates: [] });
  });
});

describe('related-party walks', () => {
  const adj = (id: string, other: string, out = true) => ({ id, other, type: 'LEGAL_REP' as const, out });

  it('finds shortest paths from several seeds, hop by hop, and never enters invisible subjects', () => {
    const w = new RelatedWalks(['A', 'B'], 2, 100);
    expect(w.frontier().sort()).toEqual(['A', 'B']);
    // Each hop says whom some walk entered: only those need their facts read.
    const first = w.advance(
      [adj('A', 'P', false), adj('B', 'Q', false), adj('B', 'H', false)],
      new Set(['P', 'Q']),
    );
    expect(first.sort()).toEqual(['P', 'Q']);
    expect(w.frontier().sort()).toEqual(['P', 'Q']);
    const second = w.advance([adj('P', 'C'), adj('P', 'A'), adj('Q', 'H')], new Set(['C', 'A', 'H']));
    expect(second.sort()).toEqual(['C', 'H']);
    expect(w.frontier()).toEqual([]);
    expect(w.reachedFrom('A')).toEqual([
      { id: 'P', hop: 1 },
      { id: 'C', hop: 2 },
    ]);
    expect(w.pathTo('A', 'C')).toEqual({
      nodes: ['A', 'P', 'C'],
      links: [
        { from: 'P', to: 'A', type: 'LEGAL_REP' },
        { from: 'P', to: 'C', type: 'LEGAL_REP' },
      ],
    });
    // H was invisible at hop 1 from B, so it is reached only through Q, at hop 2.
    expect(w.reachedFrom('B')).toEqual([
      { id: 'Q', hop: 1 },
      { id: 'H', hop: 2 },
    ]);
  });

  it('stops at its reach cap and says so', () => {
    const w = new RelatedWalks(['A'], 1, 2);
    w.advance([adj('A', 'x'), adj('A', 'y'), adj('A', 'z')], null);
    expect(w.reachedFrom('A')).toHaveLength(1);
    expect(w.truncated('A')).toBe(true);
  });
});

describe('hit rules', () => {
  it('gives every reason a related subject is a hit, and none for a clean one', () => {
    expect(hitReasons({ measureCodes: [], blacklists: [], seriousRecords: 0, riskClass: 'A' })).toEqual([]);
    const r = hitReasons({
      measureCodes: ['P2', 'P1', 'P2'],
      blacklists: ['dishonest_judgment_debtor'],
      seriousRecords: 2,
      riskClass: 'D',
    });
    expect(r.map((x) => x.code)).toEqual([
      'measures_in_force',
      'on_blacklist',
      'serious_records',
      'high_risk_class',
    ]);
    expect(r[0]!.detail).toBe('bound by P1, P2');
  });

  it('orders nearest first, then gravest', () => {
    const h = (id: string, distance: number, code: 'measures_in_force' | 'high_risk_class') => ({
      subject: { id },
      distance,
      reasons: [{ code, detail: '' }],
    });
    const sorted = [
      h('a', 2, 'measures_in_force'),
      h('b', 1, 'high_risk_class'),
      h('c', 1, 'measures_in_force'),
    ].sort(compareHits);
    expect(sorted.map((x) => x.subject.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('CSV output', () => {
  it('quotes and defuses formula cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes one line per result under the header', () => {
    const r: ScreeningResult = {
      line: 2,
      ref: 'L1',
      input: { name: '@evil', uscc: null, idMasked: null },
      match: { status: 'none', by: null, score: null, reasons: [] },
      subject: null,
      candidates: [],
      risk: null,
      lists: [],
      measures: [],
      related: { hops: 2, hits: [], truncated: false },
      guaranteeCircle: { member: false, size: 0, members: [] },
    };
    const header = resultCsvHeader().trim().split(',');
    const line = resultCsvLine(r).trim().split(',');
    expect(line).toHaveLength(header.length);
    expect(line[header.indexOf('inputName')]).toBe("'@evil");
    expect(line[header.indexOf('matchStatus')]).toBe('none');
  });
});
