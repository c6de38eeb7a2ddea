import { describe, expect, it } from 'vitest';
import { MEASURE_CATALOGUE } from '../../../../domain/catalogues/measures.ts';
import {
  composeCheck,
  DEFAULT_CHECK_OPTIONS,
  measuresApplyingIn,
  relaySuperset,
} from '../../../../domain/punishment/check.ts';
import { openObjection } from '../../../../domain/punishment/objection.ts';
import { threeCleanYears } from '../../../../domain/punishment/reward-eligibility.ts';
import { resolveInclusions } from '../../../../domain/punishment/role-resolution.ts';
import type { CreditRecordFacts } from '../../../../domain/punishment/types.ts';
import { A, B, penalty, relations } from './fixtures.ts';

const inclusions = resolveInclusions(penalty, relations);
const intoB = relations.filter((r) => r.toId === B);
const boundPersons = new Set(intoB.map((r) => r.fromId));

const checkB = (scenario: Parameters<typeof composeCheck>[0]['scenario'], asOf = '2024-06-01') =>
  composeCheck({
    subjectId: B,
    scenario,
    asOf,
    direct: inclusions.filter((i) => i.subjectId === B),
    relations: intoB,
    related: inclusions.filter((i) => boundPersons.has(i.subjectId)),
  });

describe('composeCheck: 改头换面', () => {
  it('shows the restriction on company B through its legal representative, with the path', () => {
    const answer = checkB('government_procurement');
    const item = answer.punishments.find((p) => p.measure.code === 'P10_PUBLIC_RESOURCE_TRADING');
    expect(item?.status).toBe('in_force');
    const reason = item?.reasons.find((r) => r.inclusionId?.includes('legal_representative'));
    expect(reason?.basis).toBe('through_person');
    expect(reason?.path).toEqual([
      { from: 'p-li', type: 'LEGAL_REP', to: A, validFrom: '2018-01-01', validTo: '2023-06-01' },
      { from: 'p-li', type: 'LEGAL_REP', to: B, validFrom: '2024-01-01', validTo: null },
    ]);
    const zh = reason?.steps.map((s) => s.zh).join(' / ') ?? '';
    expect(zh).toContain('行为发生日 2023-03-15，p-li 是 org-A 的法定代表人');
    expect(zh).toContain('p-li 现为 org-B 的法定代表人');
    expect(reason?.steps.at(-1)?.en).toContain('government procurement');
    expect(answer.rewards).toEqual([]);
  });

  it('answers only measures of the asked scenario', () => {
    const codes = checkB('government_procurement').punishments.map((p) => p.measure.code);
    expect(codes).toEqual(['P10_PUBLIC_RESOURCE_TRADING', 'P15_PERSONAL_CREDIT_RECORD']);
    expect(checkB('franchise').punishments.map((p) => p.measure.code)).toEqual(['P10_FRANCHISE']);
    expect(checkB(null).punishments.length).toBeGreaterThan(codes.length);
  });

  it('does not relay before the person joined B or after the measure ended', () => {
    expect(checkB('government_procurement', '2023-12-31').punishments).toEqual([]);
    expect(checkB('government_procurement', '2026-04-20').punishments).toEqual([]);
  });

  it('answers the punished company directly', () => {
    const answer = composeCheck({
      subjectId: A,
      scenario: 'fiscal_funds',
      asOf: '2024-06-01',
      direct: inclusions.filter((i) => i.subjectId === A),
      relations: relations.filter((r) => r.toId === A),
      related: inclusions.filter((i) => i.subjectId !== A),
    });
    expect(answer.punishments.map((p) => [p.measure.code, p.status, p.reasons.map((r) => r.basis)])).toEqual([
      ['P10_FISCAL_FUNDS', 'in_force', ['direct']],
    ]);
  });

  it('shows suspended inclusions as suspended, not in force', () => {
    const opened = openObjection(penalty, inclusions, {
      id: 'obj-1',
      at: '2024-05-01',
      actor: 'org-A',
      reason: 'wrong',
    });
    if (!opened.ok) throw new Error(opened.message);
    const answer = composeCheck({
      subjectId: B,
      scenario: 'government_procurement',
      asOf: '2024-06-01',
      direct: [],
      relations: intoB,
      related: opened.inclusions.filter((i) => boundPersons.has(i.subjectId)),
    });
    expect(answer.punishments.map((p) => p.status)).toEqual(['suspended', 'suspended']);
    expect(answer.punishments[0]?.reasons[0]?.steps.some((s) => s.en.includes('suspended'))).toBe(true);
  });
});

describe('composeCheck: rewards', () => {
  const red: CreditRecordFacts = {
    id: 'red-1',
    subjectId: 'org-R',
    category: 'red_list',
    severity: 'general',
    actDate: '2024-01-01',
    decisionDate: '2024-01-01',
    status: 'active',
    publicationTo: null,
  };

  it('gives a red-list subject the green channel and 容缺受理 in administrative licensing', () => {
    const answer = composeCheck({
      subjectId: 'org-R',
      scenario: 'administrative_licensing',
      asOf: '2024-06-01',
      direct: resolveInclusions(red, []),
      relations: [],
      related: [],
    });
    expect(answer.rewards.map((r) => r.measure.code)).toEqual(['R4_GREEN_CHANNEL', 'R4_TOLERANT_ACCEPTANCE']);
    expect(answer.punishments).toEqual([]);
  });

  it('gives the green channel for three clean years, explained', () => {
    const clean = threeCleanYears([], '2024-06-01', { establishedOn: '2015-01-01' });
    const answer = composeCheck({
      subjectId: 'org-C',
      scenario: 'administrative_licensing',
      asOf: '2024-06-01',
      direct: [],
      relations: [],
      related: [],
      rewards: { threeCleanYears: clean },
    });
    expect(answer.rewards.map((r) => [r.measure.code, r.reasons[0]?.basis])).toEqual([
      ['R4_GREEN_CHANNEL', 'three_clean_years'],
      ['R4_TOLERANT_ACCEPTANCE', 'three_clean_years'],
    ]);
  });

  it('withholds rewards from a subject with a punishment in force', () => {
    const answer = composeCheck({
      subjectId: A,
      scenario: 'administrative_licensing',
      asOf: '2024-06-01',
      direct: [
        ...inclusions.filter((i) => i.subjectId === A),
        ...resolveInclusions({ ...red, subjectId: A }, []),
      ],
      relations: [],
      related: [],
    });
    expect(answer.rewards).toEqual([]);
    expect(answer.withheldRewards.map((w) => w.code)).toEqual(['R4_GREEN_CHANNEL', 'R4_TOLERANT_ACCEPTANCE']);
    expect(answer.punishments.map((p) => p.measure.code)).toContain('P10_STRICT_LICENSING');
  });
});

describe('what a check needs to read', () => {
  it('lists exactly the measures that apply in a scenario', () => {
    const codes = measuresApplyingIn(MEASURE_CATALOGUE, 'government_procurement');
    expect(codes).toContain('P10_PUBLIC_RESOURCE_TRADING');
    for (const m of MEASURE_CATALOGUE.measures)
      expect(codes.includes(m.code)).toBe(m.scenarios.includes('government_procurement'));
  });

  it('reads every relation a relay rule can match, with the lowest stake any shareholder rule asks', () => {
    expect(relaySuperset(DEFAULT_CHECK_OPTIONS.relayRules)).toEqual([
      { type: 'LEGAL_REP', minStakePct: null },
      { type: 'OFFICER', minStakePct: null },
      { type: 'SHAREHOLDER', minStakePct: 50 },
      { type: 'ACTUAL_CONTROLLER', minStakePct: null },
    ]);
    expect(
      relaySuperset([
        { source: 'relation', relation: 'SHAREHOLDER', minStakePct: 50 },
        { source: 'relation', relation: 'SHAREHOLDER', minStakePct: 25 },
        { source: 'relation', relation: 'OFFICER', officerRoles: ['chair'] },
        { source: 'record_subject' },
      ]),
    ).toEqual([
      { type: 'SHAREHOLDER', minStakePct: 25 },
      { type: 'OFFICER', minStakePct: null },
    ]);
    // A shareholder rule without a floor reads every shareholder, whatever another rule asks.
    expect(
      relaySuperset([
        { source: 'relation', relation: 'SHAREHOLDER', minStakePct: 50 },
        { source: 'relation', relation: 'SHAREHOLDER' },
      ]),
    ).toEqual([{ type: 'SHAREHOLDER', minStakePct: null }]);
  });
});
