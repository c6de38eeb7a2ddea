import { describe, expect, it } from 'vitest';
import { accept, PERSON, reasonFor, reject, TENCENT } from './helpers.ts';

const penalty = {
  kind: 'record',
  id: 'SZ-SCJG-2024-0001',
  subject: TENCENT,
  category: 'administrative_penalty',
  severity: 'general',
  authority: '深圳市市场监督管理局',
  actDate: '2024-03-01',
  decisionDate: '2024-04-15',
};

describe('record rows', () => {
  it('computes the publication window from the catalogue when absent', () => {
    expect(accept(penalty)).toEqual({
      kind: 'record',
      id: 'SZ-SCJG-2024-0001',
      subject: { by: 'uscc', value: TENCENT },
      category: 'administrative_penalty',
      severity: 'general',
      authority: '深圳市市场监督管理局',
      actDate: '2024-03-01',
      decisionDate: '2024-04-15',
      publicationFrom: '2024-04-15',
      publicationTo: '2025-04-15',
      status: 'active',
    });
    expect(accept({ ...penalty, severity: 'serious' })).toMatchObject({ publicationTo: '2027-04-15' });
  });

  it('leaves minor penalties unpublished', () => {
    expect(accept({ ...penalty, severity: 'minor' })).toMatchObject({
      publicationFrom: null,
      publicationTo: null,
    });
  });

  it('keeps explicit publication dates and checks their order', () => {
    expect(accept({ ...penalty, publicationFrom: '2024-04-20', publicationTo: '2024-10-20' })).toMatchObject({
      publicationFrom: '2024-04-20',
      publicationTo: '2024-10-20',
    });
    expect(
      reasonFor(
        reject({ ...penalty, publicationFrom: '2024-04-20', publicationTo: '2024-04-19' }),
        'publicationTo',
      ),
    ).toContain('before publicationFrom');
  });

  it('rejects an unknown category, listing the catalogue', () => {
    const reason = reasonFor(reject({ ...penalty, category: 'tax_evasion' }), 'category');
    expect(reason).toContain('unknown category "tax_evasion"');
    expect(reason).toContain('major_tax_violation');
  });

  it('rejects a decision before the act', () => {
    expect(reasonFor(reject({ ...penalty, decisionDate: '2024-02-15' }), 'decisionDate')).toBe(
      'decisionDate 2024-02-15 is before actDate 2024-03-01; a decision cannot precede the act',
    );
  });

  it('rejects dates after today', () => {
    expect(reasonFor(reject({ ...penalty, decisionDate: '2026-11-02' }), 'decisionDate')).toContain(
      'in the future',
    );
  });

  it('rejects a severity the category does not allow, and defaults it when only one is allowed', () => {
    const debtor = { ...penalty, category: 'dishonest_judgment_debtor', severity: 'minor', subject: PERSON };
    expect(reasonFor(reject(debtor), 'severity')).toContain('allowed: serious');
    const { severity: _, ...noSeverity } = debtor;
    expect(accept(noSeverity)).toMatchObject({
      severity: 'serious',
      subject: { by: 'idNumber', value: PERSON },
      publicationTo: '2026-04-15',
    });
    const { severity: __, ...penaltyWithout } = penalty;
    expect(reasonFor(reject(penaltyWithout), 'severity')).toContain('is required for administrative_penalty');
  });

  it('defaults status to active and accepts listed statuses', () => {
    expect(accept({ ...penalty, status: 'under_objection' })).toMatchObject({ status: 'under_objection' });
    expect(reasonFor(reject({ ...penalty, status: 'deleted' }), 'status')).toContain('got "deleted"');
  });

  it('requires id, subject, authority and both dates', () => {
    const errors = reject({ kind: 'record', category: 'administrative_penalty', severity: 'general' });
    for (const field of ['id', 'subject', 'authority', 'actDate', 'decisionDate']) {
      expect(reasonFor(errors, field), field).toBe('is required');
    }
  });
});
