import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds, compareText } from '../../../domain/text-order.ts';

describe('compareText', () => {
  it('orders exactly as localeCompare, which picks the reported path among equal relations', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9%/_\-.:| 甲乙丙丁张李王]{0,24}$/);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        const ours = [...ids].sort(compareText);
        const theirs = [...ids].sort((a, b) => a.localeCompare(b));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('is not code-point order: case and accents are collated', () => {
    expect(['b', 'B', 'a', 'A'].sort(compareText)).toEqual(['a', 'A', 'b', 'B']);
  });
});

describe('compareIds', () => {
  it('is code-unit order, a total order that agrees with < on every pair', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const c = compareIds(a, b);
        expect(Math.sign(c)).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(compareIds(b, a) + c).toBe(0);
      }),
    );
    expect(['b', 'B', 'a', 'A'].sort(compareIds)).toEqual(['A', 'B', 'a', 'b']);
  });
});
