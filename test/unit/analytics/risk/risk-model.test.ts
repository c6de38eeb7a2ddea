import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidConfigError, InvalidInputError } from '../../../../analytics/errors.ts';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import type {
  ProjectionEdge,
  ProjectionInput,
  ProjectionNode,
  ProjectionRecord,
} from '../../../../analytics/projection/projection-input.ts';
import { explainSubject } from '../../../../analytics/risk/explain-subject.ts';
import {
  DEFAULT_RISK_MODEL_CONFIG,
  type RiskModelConfig,
} from '../../../../analytics/risk/risk-model-config.ts';
import { scoreAll, scoreOf } from '../../../../analytics/risk/score-all.ts';
import { AS_OF, graph, guarantee, legalRep, officer, org, person, record, stake } from '../fixtures.ts';

const config = DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig;

const run = (input: ProjectionInput, asOf = AS_OF) => {
  const csr = buildCsr(input, { asOf });
  const scores = scoreAll(csr, input.records, config, asOf);
  return { csr, scores, get: (id: string) => scoreOf(scores, csr, id) };
};

describe('risk model: own records', () => {
  it('scores a serious record with its decay and explains it', () => {
    // Decision 2024-02-01, as of 2024-06-30: 150 days → 40 · 0.5^(150/365).
    const input = graph([org('C', { registeredAt: '2010-01-01' })], [], [record('r1', 'C')]);
    const { get, csr } = run(input);
    const expected = 40 * 0.5 ** (150 / 365);
    expect(get('C').score).toBeCloseTo(expected, 10);
    const ex = explainSubject(csr, input.records, config, AS_OF, 'C');
    expect(ex.score).toBeCloseTo(expected, 10);
    const own = ex.factors.find((f) => f.factor === 'own_records')!;
    expect(own.contribution).toBeCloseTo(expected, 10);
    expect(ex.factors.reduce((a, f) => a + f.contribution, 0)).toBeCloseTo(ex.rawTotal, 10);
  });

  it('a repaired record no longer raises the score (nor do objections, expired or revoked ones)', () => {
    const base = graph([org('C', { registeredAt: '2010-01-01' }), person('P')], [legalRep('P', 'C')]);
    const withStatus = (status: ProjectionRecord['status']) =>
      run({ ...base, records: [record('r1', 'C', { status })] });
    const none = run(base);
    const active = withStatus('active');
    expect(active.get('C').score).toBeGreaterThan(none.get('C').score);
    expect(active.get('P').score).toBeGreaterThan(none.get('P').score);
    for (const status of ['repaired', 'under_objection', 'revoked'] as const) {
      const r = withStatus(status);
      expect(r.get('C').score).toBe(none.get('C').score);
      expect(r.get('P').score).toBe(none.get('P').score);
    }
    expect(withStatus('expired').get('C').score).toBeLessThanOrEqual(none.get('C').score);
  });

  it('forces class D for a serious-dishonesty listing whatever the score', () => {
    const input = graph(
      [org('C'), org('B')],
      [],
      [
        record('r1', 'C', {
          severity: 'minor',
          category: 'serious_dishonesty_list',
          decisionDate: '2019-08-01',
          actDate: '2019-07-01',
        }),
        record('r2', 'B', {
          severity: 'serious',
          isList: 'blacklist',
          decisionDate: '2020-01-01',
          actDate: '2019-12-01',
        }),
      ],
    );
    const { get, csr } = run(input);
    expect(get('C').score).toBeLessThan(config.classes.D.value);
    expect(get('C').riskClass).toBe('D');
    expect(get('B').riskClass).toBe('D');
    expect(explainSubject(csr, input.records, config, AS_OF, 'C').forcedClassReason).toMatch(
      /serious-dishonesty/,
    );
  });

  it('ignores records decided after the as-of date and older than retention', () => {
    const input = graph(
      [org('C', { registeredAt: '2000-01-01' })],
      [],
      [
        record('future', 'C', { decisionDate: '2024-07-15', actDate: '2024-06-01' }),
        record('old', 'C', { decisionDate: '2018-01-01', actDate: '2017-12-01' }),
      ],
    );
    expect(run(input).get('C').score).toBe(0);
  });
});

describe('risk model: related parties', () => {
  it('reaches the legal representative with the path behind it', () => {
    const input = graph(
      [org('C'), person('P', { registeredAt: '2024-01-01' }), org('D')],
      [legalRep('P', 'C'), legalRep('P', 'D')],
      [record('r1', 'C')],
    );
    const { csr, scores, get } = run(input);
    const ex = explainSubject(csr, input.records, config, AS_OF, 'P');
    const rel = ex.factors.find((f) => f.factor === 'related_parties')!;
    if (rel.factor !== 'related_parties') throw new Error('unreachable');
    const w = 0.9 * 0.85;
    const risk = (40 * 0.5 ** (150 / 365)) / 60;
    expect(rel.exposure).toBeCloseTo(risk * w, 12);
    expect(rel.paths[0]).toMatchObject({ source: 'C', nodes: ['P', 'C'] });
    expect(rel.paths[0]!.links[0]).toMatchObject({ from: 'P', to: 'C', type: 'LEGAL_REP', reversed: true });
    expect(get('P').score).toBeCloseTo(ex.score, 10);
    // Two hops: D is reached through P.
    const exD = explainSubject(csr, input.records, config, AS_OF, 'D');
    expect(exD.factors[1]!.contribution).toBeCloseTo(risk * w * 0.8 * 0.85 * 30, 10);
    expect(scores.exposurePoints[csr.indexOf.get('D')!]).toBeCloseTo(exD.factors[1]!.contribution, 10);
  });

  it('as-of date: a director who left before the act is not reached; one who left after it still is', () => {
    const input = graph(
      [
        org('C'),
        person('Before', { registeredAt: '2024-01-01' }),
        person('After', { registeredAt: '2024-01-01' }),
      ],
      [
        officer('Before', 'C', 'director', { validFrom: '2015-01-01', validTo: '2023-12-31' }),
        officer('After', 'C', 'director', { validFrom: '2015-01-01', validTo: '2024-03-01' }),
      ],
      [record('r1', 'C', { actDate: '2024-01-10' })],
    );
    const { csr, get } = run(input);
    expect(get('Before').score).toBe(0);
    expect(get('After').score).toBeGreaterThan(0);
    const ex = explainSubject(csr, input.records, config, AS_OF, 'After');
    const rel = ex.factors[1]!;
    if (rel.factor !== 'related_parties') throw new Error('unreachable');
    expect(rel.paths[0]!.links[0]).toMatchObject({ type: 'OFFICER', boundAtActDate: true });
    expect(ex.score).toBeCloseTo(get('After').score, 10);
    expect(explainSubject(csr, input.records, config, AS_OF, 'Before').score).toBe(0);
  });

  it('converges on a loop without echoing a subject’s own records back to it', () => {
    const input = graph(
      [org('A'), org('B'), org('C')],
      [guarantee('A', 'B', 1), guarantee('B', 'C', 1), guarantee('C', 'A', 1)],
      [record('r1', 'A')],
    );
    const { scores, csr } = run(input);
    expect(scores.exposure[csr.indexOf.get('A')!]).toBe(0);
    expect(scores.exposure[csr.indexOf.get('B')!]).toBeGreaterThan(0);
  });

  it('red list and clean years lower the score', () => {
    const input = graph(
      [org('C'), org('R', { registeredAt: '2010-01-01' }), org('N', { registeredAt: '2010-01-01' })],
      [stake('C', 'R', 100), stake('C', 'N', 100)],
      [
        record('r1', 'C'),
        record('red', 'R', {
          polarity: 'positive',
          isList: 'redlist',
          severity: 'minor',
          category: 'red_list',
        }),
      ],
    );
    const { get, csr } = run(input);
    expect(get('R').score).toBeLessThan(get('N').score);
    const ex = explainSubject(csr, input.records, config, AS_OF, 'R');
    expect(ex.factors[3]).toMatchObject({ factor: 'positive', redListRecords: ['red'], cleanYears: true });
  });
});

describe('risk model: contract', () => {
  it('rejects an inconsistent configuration and records of unknown subjects', () => {
    const csr = buildCsr(graph([org('C')]), { asOf: AS_OF });
    const bad = { ...config, classes: { ...config.classes, C: { value: 10, source: 'test' } } };
    expect(() => scoreAll(csr, [], bad, AS_OF)).toThrow(InvalidConfigError);
    expect(() => scoreAll(csr, [record('r', 'ghost')], config, AS_OF)).toThrow(InvalidInputError);
  });

  it('scores an empty graph', () => {
    const csr = buildCsr(graph([]), { asOf: AS_OF });
    expect(scoreAll(csr, [], config, AS_OF).score.length).toBe(0);
  });
});

/** Random small graphs of companies and persons with records. */
const riskGraph = fc
  .record({
    n: fc.integer({ min: 2, max: 9 }),
    edges: fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(),
        fc.constantFrom('LEGAL_REP', 'SHAREHOLDER', 'OFFICER', 'GUARANTEE', 'BRANCH'),
        fc.integer({ min: 1, max: 100 }),
      ),
      { maxLength: 20 },
    ),
    recs: fc.array(fc.tuple(fc.nat(), fc.constantFrom('minor', 'general', 'serious')), { maxLength: 5 }),
    extra: fc.tuple(fc.nat(), fc.nat()),
  })
  .map(({ n, edges, recs, extra }) => {
    const nodes: ProjectionNode[] = [];
    for (let i = 0; i < n; i++) nodes.push(i % 3 === 0 ? person(`S${i}`) : org(`S${i}`));
    const es: ProjectionEdge[] = [];
    for (const [a, b, type, pct] of edges) {
      const from = a % n;
      const to = b % n;
      if (from === to) continue;
      es.push(
        type === 'SHAREHOLDER' ? stake(`S${from}`, `S${to}`, pct) : { type, from: `S${from}`, to: `S${to}` },
      );
    }
    const records = recs.map(([s, severity], i) =>
      record(`r${i}`, `S${s % n}`, { severity: severity as ProjectionRecord['severity'] }),
    );
    // The subject to watch and the neighbour that gets a new serious record.
    const subject = extra[0] % n;
    const neighbour = extra[1] % n;
    return { input: graph(nodes, es, records), subject: `S${subject}`, neighbour: `S${neighbour}` };
  });

describe('risk model: properties', () => {
  it('is monotone: adding a serious record to another subject never lowers a subject’s score', () => {
    fc.assert(
      fc.property(riskGraph, ({ input, subject, neighbour }) => {
        if (subject === neighbour) return;
        const before = run(input).get(subject).score;
        const after = run({ ...input, records: [...input.records, record('new', neighbour)] }).get(
          subject,
        ).score;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('the whole-graph pass never exceeds the exact explanation, and matches it on these small graphs', () => {
    fc.assert(
      fc.property(riskGraph, ({ input }) => {
        const { csr, scores } = run(input);
        for (const node of input.nodes) {
          const ex = explainSubject(csr, input.records, config, AS_OF, node.id, {
            recordIndex: scores.recordIndex,
            bindings: scores.bindings,
          });
          const u = csr.indexOf.get(node.id)!;
          expect(scores.exposurePoints[u]!).toBeLessThanOrEqual(ex.factors[1]!.contribution + 1e-9);
          expect(scores.score[u]!).toBeCloseTo(ex.score, 9);
        }
      }),
      { numRuns: 200 },
    );
  });
});
