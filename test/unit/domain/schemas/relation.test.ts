import { describe, expect, it } from 'vitest';
import { accept, HUAWEI, PERSON, reasonFor, reject, TENCENT } from './helpers.ts';

const shareholder = { kind: 'relation', type: 'SHAREHOLDER', from: PERSON, to: TENCENT, stakePct: 40 };

describe('relation rows', () => {
  it('classifies both ends and keeps the dates', () => {
    expect(
      accept({ ...shareholder, validFrom: '2020-01-01', validTo: '2024-03-01', subscribedAmount: 500000 }),
    ).toEqual({
      kind: 'relation',
      type: 'SHAREHOLDER',
      from: { by: 'idNumber', value: PERSON },
      to: { by: 'uscc', value: TENCENT },
      validFrom: '2020-01-01',
      validTo: '2024-03-01',
      stakePct: 40,
      subscribedAmount: 500000,
    });
  });

  it('accepts CSV-style numeric strings', () => {
    expect(accept({ ...shareholder, stakePct: '35.5', subscribedAmount: '1,000,000' })).toMatchObject({
      stakePct: 35.5,
      subscribedAmount: 1_000_000,
    });
    expect(accept({ ...shareholder, stakePct: '35.5%' })).toMatchObject({ stakePct: 35.5 });
    expect(accept({ ...shareholder, stakePct: '100' })).toMatchObject({ stakePct: 100 });
  });

  it.each([
    [0, 'stake must be > 0 and ≤ 100, got 0'],
    ['140', 'stake must be > 0 and ≤ 100, got 140'],
    [-5, 'stake must be > 0 and ≤ 100, got -5'],
    ['forty', 'stake must be a number, got "forty"'],
  ])('rejects stake %j', (stakePct, reason) => {
    expect(reasonFor(reject({ ...shareholder, stakePct }), 'stakePct')).toBe(reason);
  });

  it('requires a stake on SHAREHOLDER', () => {
    const { stakePct: _, ...noStake } = shareholder;
    expect(reasonFor(reject(noStake), 'stakePct')).toContain('is required for SHAREHOLDER');
  });

  it('rejects validTo before validFrom, accepts equal (an empty tenure)', () => {
    expect(
      reasonFor(reject({ ...shareholder, validFrom: '2021-01-01', validTo: '2020-12-31' }), 'validTo'),
    ).toBe('validTo 2020-12-31 is before validFrom 2021-01-01');
    expect(accept({ ...shareholder, validFrom: '2021-01-01', validTo: '2021-01-01' })).toMatchObject({
      validTo: '2021-01-01',
    });
  });

  it('requires a role on OFFICER and accepts Chinese role names', () => {
    const officer = { kind: 'relation', type: 'OFFICER', from: PERSON, to: TENCENT };
    expect(reasonFor(reject(officer), 'role')).toContain('is required for OFFICER');
    expect(reasonFor(reject({ ...officer, role: 'ceo' }), 'role')).toContain('got "ceo"');
    expect(accept({ ...officer, role: '董事长' })).toMatchObject({ role: 'chair' });
    expect(accept({ ...officer, role: 'Director' })).toMatchObject({ role: 'director' });
  });

  it('rejects type-specific fields on the wrong type', () => {
    const guarantee = { kind: 'relation', type: 'GUARANTEE', from: HUAWEI, to: TENCENT, amount: '5000000' };
    expect(reasonFor(reject({ ...guarantee, stakePct: 10 }), 'stakePct')).toBe(
      'stakePct applies only to SHAREHOLDER relations, not GUARANTEE',
    );
    expect(reasonFor(reject({ ...shareholder, role: 'director' }), 'role')).toBe(
      'role applies only to OFFICER relations, not SHAREHOLDER',
    );
    expect(reasonFor(reject({ ...shareholder, currency: 'USD' }), 'currency')).toContain('only to GUARANTEE');
  });

  it('defaults a guarantee to CNY and validates the currency code', () => {
    const guarantee = { kind: 'relation', type: 'GUARANTEE', from: HUAWEI, to: TENCENT, amount: '5000000' };
    expect(accept(guarantee)).toMatchObject({ amount: 5_000_000, currency: 'CNY' });
    expect(accept({ ...guarantee, currency: 'usd' })).toMatchObject({ currency: 'USD' });
    expect(reasonFor(reject({ ...guarantee, currency: 'RMB元' }), 'currency')).toContain('ISO 4217');
    expect(reasonFor(reject({ ...guarantee, amount: -1 }), 'amount')).toBe('amount must be ≥ 0, got -1');
  });

  it('checks which kind of subject each end must be', () => {
    const legalRep = { kind: 'relation', type: 'LEGAL_REP', from: HUAWEI, to: PERSON };
    const errors = reject(legalRep);
    expect(reasonFor(errors, 'from')).toContain('LEGAL_REP starts at a natural person');
    expect(reasonFor(errors, 'to')).toContain('ends at an organisation');
    expect(accept({ kind: 'relation', type: 'LEGAL_REP', from: 'person-7', to: TENCENT })).toMatchObject({
      from: { by: 'id', value: 'person-7' },
    });
  });

  it('reports a mistyped reference and a self-relation', () => {
    expect(reasonFor(reject({ ...shareholder, to: '91440300708461136X' }), 'to')).toContain(
      'expected T, got X',
    );
    expect(reasonFor(reject({ ...shareholder, from: TENCENT }), 'to')).toContain('same subject');
  });

  it('accepts lower-case and Chinese relation types', () => {
    expect(accept({ ...shareholder, type: 'shareholder' })).toMatchObject({ type: 'SHAREHOLDER' });
    expect(accept({ ...shareholder, type: '股东' })).toMatchObject({ type: 'SHAREHOLDER' });
    expect(reasonFor(reject({ ...shareholder, type: 'FRIEND' }), 'type')).toContain('got "FRIEND"');
  });

  it('ignores empty type-specific columns from a shared CSV header', () => {
    expect(accept({ ...shareholder, role: '', amount: '', currency: '' })).not.toHaveProperty('currency');
  });
});
