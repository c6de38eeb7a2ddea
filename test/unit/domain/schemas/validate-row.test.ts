import { describe, expect, it } from 'vitest';
import { RECORD_CATEGORY_CATALOGUE } from '../../../../domain/catalogues/record-categories.ts';
import { createRowSchemas, toFieldErrors, validateRow } from '../../../../domain/schemas/validate-row.ts';
import { ctx, TENCENT } from './helpers.ts';

describe('validateRow', () => {
  it('rejects non-objects', () => {
    expect(validateRow('hello', ctx)).toEqual({
      ok: false,
      errors: [{ field: '', reason: 'a row must be an object with a kind field, got string' }],
    });
    expect(validateRow(null, ctx)).toMatchObject({ ok: false });
    expect(validateRow([], ctx)).toMatchObject({ ok: false });
  });

  it('requires a known kind', () => {
    expect(validateRow({ name: 'x' }, ctx)).toEqual({
      ok: false,
      errors: [{ field: 'kind', reason: 'is required: one of subject, relation, record' }],
    });
    expect(validateRow({ kind: 'person' }, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: 'kind', reason: expect.stringContaining('got "person"') }],
    });
    expect(
      validateRow({ kind: ' Subject ', subjectKind: 'enterprise', name: 'x', uscc: TENCENT }, ctx),
    ).toMatchObject({
      ok: true,
      row: { kind: 'subject' },
    });
  });

  it('names the expected fields for an unknown column', () => {
    const result = validateRow({ kind: 'relation', type: 'BRANCH', from: TENCENT, to: 'b-1', stake: 5 }, ctx);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'stake',
          reason: expect.stringMatching(/^unknown field; expected one of: kind, type, from, to, /),
        },
      ],
    });
  });

  it('uses the injected today, not the clock', () => {
    const row = {
      kind: 'subject',
      subjectKind: 'enterprise',
      name: 'x',
      uscc: TENCENT,
      registeredAt: '2026-06-01',
    };
    expect(validateRow(row, ctx).ok).toBe(true);
    expect(validateRow(row, { ...ctx, today: '2026-05-31' }).ok).toBe(false);
  });

  it('validates records against the catalogue in the context', () => {
    const row = {
      kind: 'record',
      id: 'r1',
      subject: TENCENT,
      category: 'honour',
      authority: '深圳市人民政府',
      actDate: '2024-01-01',
      decisionDate: '2024-01-02',
    };
    expect(validateRow(row, ctx).ok).toBe(true);
    const withoutHonours = {
      ...ctx,
      catalogue: {
        ...RECORD_CATEGORY_CATALOGUE,
        categories: RECORD_CATEGORY_CATALOGUE.categories.filter((c) => c.id !== 'honour'),
      },
    };
    expect(validateRow(row, withoutHonours)).toMatchObject({ ok: false, errors: [{ field: 'category' }] });
  });

  it('exposes the zod schemas for reuse', () => {
    const schemas = createRowSchemas(ctx);
    const parsed = schemas.relation.safeParse({ kind: 'relation', type: 'BRANCH', from: TENCENT, to: 'b-1' });
    expect(parsed.success && parsed.data).toMatchObject({ to: { by: 'id', value: 'b-1' } });
    const bad = schemas.relation.safeParse({
      kind: 'relation',
      type: 'SHAREHOLDER',
      from: TENCENT,
      to: 'b-1',
      stakePct: 0,
    });
    expect(bad.success ? [] : toFieldErrors(bad.error.issues)).toEqual([
      { field: 'stakePct', reason: 'stake must be > 0 and ≤ 100, got 0' },
    ]);
  });
});
