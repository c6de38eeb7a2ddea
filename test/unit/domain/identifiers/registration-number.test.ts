import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeRegistrationCheckDigit,
  validateRegistrationNumber,
} from '../../../../domain/identifiers/registration-number.ts';

describe('validateRegistrationNumber', () => {
  it('accepts a 15-digit number as unverified and reports whether its GS15-2006 check matches', () => {
    expect(validateRegistrationNumber('440301103448669')).toEqual({
      ok: true,
      value: '440301103448669',
      unverified: true,
      checkDigitMatches: true,
    });
    expect(validateRegistrationNumber('440301103448660')).toMatchObject({
      ok: true,
      checkDigitMatches: false,
    });
  });

  it.each(['44030110344866', '4403011034486690', '44030110344866A', ''])('rejects %j', (input) => {
    expect(validateRegistrationNumber(input)).toMatchObject({ ok: false, code: 'REGNO_FORMAT' });
  });

  it('property: MOD 11,10 catches every single-digit substitution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const body = digits.join('');
          const valid = body + computeRegistrationCheckDigit(body);
          expect(validateRegistrationNumber(valid)).toMatchObject({ checkDigitMatches: true });
          const changed = String((Number(valid[position]) + delta) % 10);
          const corrupted = valid.slice(0, position) + changed + valid.slice(position + 1);
          expect(validateRegistrationNumber(corrupted)).toMatchObject({ ok: true, checkDigitMatches: false });
        },
      ),
    );
  });
});
