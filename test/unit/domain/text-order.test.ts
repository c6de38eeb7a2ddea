import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../../domain/text-order.ts';

describe('compareText', () => {
  it('orders exactly as localeCompare, which stored binding lists were sorted with', () => {
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
