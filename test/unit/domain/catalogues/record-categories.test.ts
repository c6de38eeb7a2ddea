import { describe, expect, it } from 'vitest';
import {
  findCategory,
  getCategory,
  parseRecordCategoryCatalogue,
  RECORD_CATEGORY_CATALOGUE,
} from '../../../../domain/catalogues/record-categories.ts';
import { RECORD_CATEGORY_IDS } from '../../../../domain/vocabulary.ts';

const catalogue = RECORD_CATEGORY_CATALOGUE;

describe('record-category catalogue', () => {
  it('is versioned by review date and passes its own schema', () => {
    expect(catalogue.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(parseRecordCategoryCatalogue(JSON.parse(JSON.stringify(catalogue)))).toMatchObject({ ok: true });
  });

  it('has exactly one entry per vocabulary category', () => {
    expect(catalogue.categories.map((c) => c.id).sort()).toEqual([...RECORD_CATEGORY_IDS].sort());
  });

  it('cites a source for every entry, naming a seed or a rule from domain.md §5', () => {
    for (const category of catalogue.categories) {
      expect(category.sources.length, category.id).toBeGreaterThan(0);
      for (const source of category.sources) {
        expect(source.document, category.id).toMatch(/^seeds\/00\d |domain\.md §5/);
        expect(source.section.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives every allowed severity a publication rule and a repair rule', () => {
    for (const category of catalogue.categories) {
      for (const severity of category.severities) {
        expect(category.publication[severity], `${category.id}/${severity}`).toBeDefined();
        expect(category.repairMinPeriod, `${category.id}/${severity}`).toHaveProperty(severity);
      }
    }
  });

  it('keeps negative information 5 years and positive information without a statutory limit', () => {
    for (const category of catalogue.categories) {
      if (category.polarity === 'negative')
        expect(category.retention, category.id).toEqual({ period: { years: 5 }, from: 'end_of_act' });
      else expect(category.retention, category.id).toBeNull();
    }
  });

  it('encodes the domain.md §5 numbers', () => {
    const penalty = getCategory(catalogue, 'administrative_penalty');
    expect(penalty.disclosureDeadline).toEqual({ workingDays: 7 });
    expect(penalty.publication).toEqual({
      minor: { published: false },
      general: { published: true, min: { months: 3 }, max: { years: 1 } },
      serious: { published: true, min: { years: 1 }, max: { years: 3 } },
    });
    expect(getCategory(catalogue, 'administrative_licence').disclosureDeadline).toEqual({ workingDays: 7 });
    const debtor = getCategory(catalogue, 'dishonest_judgment_debtor');
    expect(debtor.publication.serious).toMatchObject({ max: { years: 2 } });
    expect(debtor.extension).toEqual({ min: { years: 1 }, max: { years: 3 } });
    expect(getCategory(catalogue, 'abnormal_operation').escalation).toEqual({
      after: { years: 3 },
      to: 'serious_dishonesty_list',
    });
  });

  it('marks list memberships and polarity', () => {
    expect(getCategory(catalogue, 'serious_dishonesty_list')).toMatchObject({
      list: 'blacklist',
      polarity: 'negative',
    });
    expect(getCategory(catalogue, 'blacklist_labour')).toMatchObject({
      list: 'blacklist',
      severities: ['serious'],
    });
    expect(getCategory(catalogue, 'red_list')).toMatchObject({ list: 'redlist', polarity: 'positive' });
    expect(getCategory(catalogue, 'administrative_penalty').list).toBeNull();
    expect(getCategory(catalogue, 'credit_commitment').polarity).toBe('neutral');
  });
});

describe('findCategory / parseRecordCategoryCatalogue', () => {
  it('reports an unknown category with the catalogue version and the known ids', () => {
    const result = findCategory(catalogue, 'tax_evasion');
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_CATEGORY' });
    expect(!result.ok && result.message).toContain('2026-11-01');
    expect(!result.ok && result.message).toContain('major_tax_violation');
  });

  it('rejects an override without sources, with a duplicate, or missing a severity rule', () => {
    const clone = () => JSON.parse(JSON.stringify(catalogue));
    const noSources = clone();
    noSources.categories[0].sources = [];
    expect(parseRecordCategoryCatalogue(noSources)).toMatchObject({ ok: false, code: 'CATALOGUE_INVALID' });

    const duplicate = clone();
    duplicate.categories.push(duplicate.categories[0]);
    const dup = parseRecordCategoryCatalogue(duplicate);
    expect(!dup.ok && dup.message).toContain('duplicate category administrative_penalty');

    const missingRule = clone();
    delete missingRule.categories[0].publication.serious;
    const missing = parseRecordCategoryCatalogue(missingRule);
    expect(!missing.ok && missing.message).toContain(
      'severity serious is allowed but has no publication rule',
    );
  });

  it('accepts an override that changes a number', () => {
    const override = JSON.parse(JSON.stringify(catalogue));
    override.categories[0].publication.general.max = { months: 6 };
    const parsed = parseRecordCategoryCatalogue(override);
    expect(parsed.ok && getCategory(parsed.catalogue, 'administrative_penalty').publication.general).toEqual({
      published: true,
      min: { months: 3 },
      max: { months: 6 },
    });
  });
});
