import { describe, expect, it } from 'vitest';
import { alertIdOf, causeKeys, dedupKeyOf } from '../../../../domain/alerts/dedup.ts';
import { REDACTED_NAME, redactParams, renderTemplate } from '../../../../domain/alerts/templates.ts';
import {
  ALERT_RULE_CATALOGUE,
  ALERT_RULE_IDS,
  parseAlertRuleCatalogue,
  unknownPlaceholders,
} from '../../../../domain/catalogues/alert-rules.ts';

describe('templates', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(renderTemplate('{a} 与 {b}，{c}', { a: '甲', b: '乙' })).toBe('甲 与 乙，{c}');
  });

  it('redacts names of subjects the reader may not see, in the reader’s language', () => {
    const params = {
      values: { subjectName: '控股公司', watchedName: '借款公司' },
      subjects: { subjectName: 'org-H', watchedName: 'org-B' },
    };
    expect(redactParams(params, new Set(['org-B']), 'zh')).toEqual({
      subjectName: REDACTED_NAME.zh,
      watchedName: '借款公司',
    });
    expect(redactParams(params, new Set(['org-B', 'org-H']), 'en')).toEqual(params.values);
  });

  it('the shipped catalogue is valid and every template uses only its rule’s parameters', () => {
    expect(parseAlertRuleCatalogue(ALERT_RULE_CATALOGUE).ok).toBe(true);
    for (const id of ALERT_RULE_IDS)
      for (const lang of ['zh', 'en'] as const)
        expect(unknownPlaceholders(id, ALERT_RULE_CATALOGUE.rules[id].template[lang])).toEqual([]);
  });

  it('rejects a misspelt placeholder and a default depth above the maximum, naming the fields', () => {
    const bad = structuredClone(ALERT_RULE_CATALOGUE) as unknown as {
      defaultWatchDepth: number;
      rules: { score_jump: { template: { en: string } } };
    };
    bad.rules.score_jump.template.en = '{subjetName} rose';
    bad.defaultWatchDepth = 4;
    const r = parseAlertRuleCatalogue({ ...bad, maxWatchDepth: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.field).sort()).toEqual([
        'defaultWatchDepth',
        'rules.score_jump.template.en',
      ]);
  });
});

describe('dedup keys', () => {
  it('the same cause and audience give the same id; another audience or cause another', () => {
    const wl = { kind: 'watchlist' as const, watchlistId: 'WL-1' };
    const a = alertIdOf(dedupKeyOf(wl, causeKeys.recordNearWatch('PEN-1')));
    expect(alertIdOf(dedupKeyOf(wl, causeKeys.recordNearWatch('PEN-1')))).toBe(a);
    expect(alertIdOf(dedupKeyOf({ kind: 'general' }, causeKeys.recordNearWatch('PEN-1')))).not.toBe(a);
    expect(alertIdOf(dedupKeyOf(wl, causeKeys.recordNearWatch('PEN-2')))).not.toBe(a);
    expect(a).toMatch(/^al-[0-9a-f]{24}$/);
  });

  it('a score transition is its own cause: the same transition again is the same key', () => {
    const k = causeKeys.scoreChange('org-B', '2026-01-01', 40, '2026-01-02', 70);
    expect(causeKeys.scoreChange('org-B', '2026-01-01', 40, '2026-01-02', 70)).toBe(k);
    expect(causeKeys.scoreChange('org-B', '2026-01-02', 70, '2026-01-03', 90)).not.toBe(k);
  });
});
