import { describe, expect, it } from 'vitest';
import {
  BOUND_ROLE_LABELS,
  BOUND_ROLES,
  DEFAULT_RESPONSIBLE_SHAREHOLDER_MIN_PCT,
  findMeasure,
  MEASURE_CATALOGUE,
  measuresForScenario,
  parseMeasureCatalogue,
  SCENARIO_LABELS,
  SCENARIOS,
} from '../../../../domain/catalogues/measures.ts';
import { getCategory, RECORD_CATEGORY_CATALOGUE } from '../../../../domain/catalogues/record-categories.ts';

const catalogue = MEASURE_CATALOGUE;
const clone = () => JSON.parse(JSON.stringify(catalogue));

describe('measure catalogue', () => {
  it('is versioned and every shipped measure passes validation', () => {
    expect(catalogue.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const parsed = parseMeasureCatalogue(clone());
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok) expect(parsed.catalogue).toEqual(clone());
  });

  it('cites a seed or a named national rule for every measure and every role mapping', () => {
    for (const measure of catalogue.measures) {
      expect(measure.sources.length, measure.code).toBeGreaterThan(0);
      for (const source of measure.sources)
        expect(source.document, measure.code).toMatch(/^seeds\/00\d |domain\.md §5/);
    }
    for (const role of BOUND_ROLES)
      expect(catalogue.roleMapping[role].sources.length, role).toBeGreaterThan(0);
  });

  it('labels every role and scenario in both languages', () => {
    for (const role of BOUND_ROLES) expect(BOUND_ROLE_LABELS[role].zh.length).toBeGreaterThan(0);
    for (const scenario of SCENARIOS) expect(SCENARIO_LABELS[scenario].en.length).toBeGreaterThan(0);
  });

  it('ships the seed 004 s.10–12, s.15, court and s.4–8 measures', () => {
    const codes = catalogue.measures.map((m) => m.code);
    for (const code of [
      'P10_STRICT_LICENSING',
      'P10_PROJECT_APPROVAL',
      'P10_SECURITIES_ISSUANCE',
      'P10_FINANCIAL_INSTITUTIONS',
      'P10_FISCAL_FUNDS',
      'P10_PUBLIC_RESOURCE_TRADING',
      'P10_FRANCHISE',
      'P10_MARKET_BAN',
      'P10_HONOURS_REVOKED',
      'P12_EXIT_BAN',
      'P12_REAL_ESTATE',
      'P12_FLIGHTS_HIGH_SPEED_RAIL',
      'P12_HOTELS_LEISURE',
      'P12_FINANCIAL_TERMS',
      'P15_PERSONAL_CREDIT_RECORD',
      'SPC_HIGH_CONSUMPTION',
      'R4_GREEN_CHANNEL',
      'R4_TOLERANT_ACCEPTANCE',
      'R5_PRIORITY_FUNDING',
      'R6_FEWER_INSPECTIONS',
      'R7_CREDIT_EASY_LOAN',
    ])
      expect(codes, code).toContain(code);
  });

  it('triggers punishments only from negative categories and rewards only from positive ones', () => {
    for (const measure of catalogue.measures) {
      for (const trigger of measure.triggers) {
        if (trigger.kind !== 'record') continue;
        const category = getCategory(RECORD_CATEGORY_CATALOGUE, trigger.category);
        expect(category.polarity, measure.code).toBe(
          measure.polarity === 'punishment' ? 'negative' : 'positive',
        );
      }
    }
  });

  it('encodes the court restriction of SPC 2015 art. 3 and the green channel of seed 004 s.4', () => {
    expect(findMeasure(catalogue, 'SPC_HIGH_CONSUMPTION')).toMatchObject({
      binds: expect.arrayContaining([
        'legal_representative',
        'principal_responsible_person',
        'directly_responsible_person',
        'actual_controller',
      ]),
      duration: 'until_lifted',
    });
    expect(findMeasure(catalogue, 'R4_GREEN_CHANNEL')?.triggers).toEqual(
      expect.arrayContaining([
        { kind: 'three_clean_years' },
        { kind: 'record', category: 'red_list', severities: ['general'] },
      ]),
    );
    expect(measuresForScenario(catalogue, 'administrative_licensing').map((m) => m.code)).toContain(
      'R4_GREEN_CHANNEL',
    );
  });

  it('marks the responsible-shareholder threshold as a default and applies it to persons', () => {
    expect(DEFAULT_RESPONSIBLE_SHAREHOLDER_MIN_PCT).toBe(5);
    expect(catalogue.roleMapping.responsible_shareholder.rules).toEqual([
      { source: 'relation', relation: 'SHAREHOLDER', minStakePct: 5, personsOnly: true },
    ]);
    expect(
      catalogue.roleMapping.responsible_shareholder.sources.some((s) => s.document.startsWith('default')),
    ).toBe(true);
  });
});

describe('parseMeasureCatalogue', () => {
  const fields = (input: unknown) => {
    const result = parseMeasureCatalogue(input);
    if (result.ok) throw new Error('expected the catalogue to be refused');
    expect(result.code).toBe('MEASURE_CATALOGUE_INVALID');
    return result.errors.map((e) => e.field);
  };

  it('names an unknown trigger category, role, scenario and a missing source', () => {
    const broken = clone();
    broken.measures[0].triggers[0].category = 'parking_fine';
    broken.measures[1].binds.push('cousin');
    broken.measures[2].scenarios.push('karaoke');
    broken.measures[3].sources = [];
    const bindsAt = broken.measures[1].binds.length - 1;
    const scenarioAt = broken.measures[2].scenarios.length - 1;
    expect(fields(broken).sort()).toEqual([
      'measures.0.triggers.0.category',
      `measures.1.binds.${bindsAt}`,
      `measures.2.scenarios.${scenarioAt}`,
      'measures.3.sources',
    ]);
  });

  it('names cross-field errors: polarity, severity, duplicate codes, rewards reaching persons', () => {
    const broken = clone();
    broken.measures[0].triggers = [{ kind: 'record', category: 'red_list', severities: ['general'] }];
    broken.measures[1].triggers = [
      { kind: 'record', category: 'administrative_penalty', severities: ['catastrophic'] },
    ];
    broken.measures[2].triggers = [
      { kind: 'record', category: 'abnormal_operation', severities: ['serious'] },
    ];
    broken.measures[3].code = broken.measures[4].code;
    broken.measures[5].triggers = [{ kind: 'three_clean_years' }];
    const greenChannel = broken.measures.findIndex((m: { code: string }) => m.code === 'R4_GREEN_CHANNEL');
    broken.measures[greenChannel].binds = ['subject', 'legal_representative'];
    // Shape errors stop the cross-field pass, so fix the unknown severity first and look at it on its own.
    expect(fields(broken)).toEqual(['measures.1.triggers.0.severities.0']);
    broken.measures[1].triggers[0].severities = ['general'];
    const result = parseMeasureCatalogue(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'measures.0.triggers.0.category',
      'measures.2.triggers.0.severities',
      'measures.4.code',
      'measures.5.triggers.0',
      `measures.${greenChannel}.binds`,
    ]);
    expect(result.message).toContain('abnormal_operation has no severity serious');
  });

  it('refuses a role mapping that misses a role or a rule that names an unknown relation', () => {
    const broken = clone();
    delete broken.roleMapping.actual_controller;
    broken.roleMapping.legal_representative.rules[0].relation = 'GUARANTEE';
    expect(fields(broken).sort()).toEqual([
      'roleMapping.actual_controller',
      'roleMapping.legal_representative.rules.0.relation',
    ]);
  });

  it('checks trigger categories against the record-category catalogue in use', () => {
    const slim = {
      ...RECORD_CATEGORY_CATALOGUE,
      categories: RECORD_CATEGORY_CATALOGUE.categories.filter((c) => c.id !== 'honour'),
    };
    const result = parseMeasureCatalogue(clone(), slim);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.every((e) => e.reason.includes('honour'))).toBe(true);
  });
});
