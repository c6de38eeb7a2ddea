import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeUscc,
  computeOrgCodeCheckChar,
  computeUsccCheckChar,
  isValidUscc,
  normaliseUscc,
  USCC_ALPHABET,
  validateUscc,
} from '../../../../domain/identifiers/uscc.ts';

/**
 * Published codes that pass both checks. A random 18-character string passes both with probability 1/341, so
 * these were not accepted by accident; the first is the reference code from the brief.
 */
const REAL_CODES = [
  '91440300708461136T',
  '914403001922038216',
  '9144030010001686XA',
  '91110108551385082Q',
  '91110000100017643K',
] as const;

/** Every character a corruption could introduce: the alphabet plus the letters GB 32100 leaves out. */
const CORRUPTING = [...USCC_ALPHABET, 'I', 'O', 'S', 'V', 'Z'];

describe('validateUscc', () => {
  it.each(REAL_CODES)('accepts the published code %s and splits it into its parts', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: true, value: code });
    if (!result.ok) return;
    expect(result.parts.registrationAuthority + result.parts.organisationCategory).toBe(code.slice(0, 2));
    expect(result.parts.division).toBe(code.slice(2, 8));
    expect(result.parts.organisationCode).toBe(code.slice(8, 17));
  });

  it('names the parts of the reference code', () => {
    expect(validateUscc('91440300708461136T')).toEqual({
      ok: true,
      value: '91440300708461136T',
      parts: {
        registrationAuthority: '9',
        organisationCategory: '1',
        division: '440300',
        organisationCode: '708461136',
      },
    });
  });

  it.each(REAL_CODES)(
    'rejects every single-character substitution of %s (18 positions × 36 characters)',
    (code) => {
      let tried = 0;
      for (let position = 0; position < code.length; position++) {
        for (const ch of CORRUPTING) {
          if (ch === code[position]) continue;
          const corrupted = code.slice(0, position) + ch + code.slice(position + 1);
          const result = validateUscc(corrupted);
          expect(result.ok, `${corrupted} (position ${position + 1} → ${ch})`).toBe(false);
          tried++;
        }
      }
      expect(tried).toBe(18 * 35);
    },
  );

  it('reports the expected check character', () => {
    expect(validateUscc('91440300708461136X')).toEqual({
      ok: false,
      code: 'USCC_CHECK',
      message: expect.stringContaining('check character is wrong: expected T, got X'),
    });
  });

  it('reports a length error with the actual length, and recognises a 15-digit registration number', () => {
    const short = validateUscc('91440300708461136');
    expect(short).toMatchObject({ ok: false, code: 'USCC_LENGTH' });
    expect(!short.ok && short.message).toContain('got 17');
    const regNo = validateUscc('440301103448669');
    expect(!regNo.ok && regNo.message).toContain('regNo');
  });

  it('reports the forbidden letter and what it was probably meant to be', () => {
    const result = validateUscc('91440300708461136O'.replace('0300', 'O300'));
    expect(result).toMatchObject({ ok: false, code: 'USCC_CHARSET' });
    expect(!result.ok && result.message).toContain('character 5 "O"');
    expect(!result.ok && result.message).toContain('did you mean 0');
  });

  it('reports ORG_CODE_CHECK when only the embedded GB 11714 check is broken', () => {
    // Change the organisation check (position 17) and repair the outer check so only the inner one fails.
    const body17 = '9144030070846113' + '7';
    const code = body17 + computeUsccCheckChar(body17);
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: false, code: 'ORG_CODE_CHECK' });
    expect(!result.ok && result.message).toContain('expected 6, got 7');
  });

  it('normalises whitespace, lower case and full-width characters before checking', () => {
    expect(normaliseUscc(' ９１４４０３００７０８４６１１３６ｔ\u3000')).toBe('91440300708461136T');
    expect(validateUscc('\u200b91440300708461136t ')).toMatchObject({
      ok: true,
      value: '91440300708461136T',
    });
  });
});

describe('check-character computation', () => {
  it('computes the GB 11714 check including the X and 0 cases', () => {
    expect(computeOrgCodeCheckChar('70846113')).toBe('6');
    expect(computeOrgCodeCheckChar('19220382')).toBe('1');
    expect(computeOrgCodeCheckChar('10001686')).toBe('X');
    // Find bodies whose check is 10 → X and 11 → 0 and confirm the mapping on them.
    const bodies = Array.from({ length: 200 }, (_, i) => String(10_000_000 + i));
    const weights = [3, 7, 9, 10, 5, 8, 4, 2];
    for (const body of bodies) {
      const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
      const raw = 11 - (sum % 11);
      expect(computeOrgCodeCheckChar(body)).toBe(raw === 10 ? 'X' : raw === 11 ? '0' : String(raw));
    }
  });

  it('uses GB 11714 letter values (A=10 … Z=35), not USCC alphabet positions', () => {
    // M is 22 in GB 11714 but 21 in the USCC alphabet (I is skipped): the two give different checks.
    const sum = 22 * 3 + 10 * 7 + [1, 2, 3, 4, 5, 6].reduce((s, d, i) => s + d * [9, 10, 5, 8, 4, 2][i]!, 0);
    const raw = 11 - (sum % 11);
    expect(computeOrgCodeCheckChar('MA123456')).toBe(raw === 10 ? 'X' : raw === 11 ? '0' : String(raw));
  });

  it('completeUscc appends both check characters', () => {
    expect(completeUscc('9144030070846113')).toBe('91440300708461136T');
    expect(completeUscc('914403007084611')).toBeNull();
    expect(completeUscc('9144030070846I13')).toBeNull();
  });

  it('property: any 16-character body completes to a valid code', () => {
    const char = fc.constantFrom(...USCC_ALPHABET);
    fc.assert(
      fc.property(fc.array(char, { minLength: 16, maxLength: 16 }), (chars) => {
        const code = completeUscc(chars.join(''));
        expect(code).not.toBeNull();
        expect(isValidUscc(code!)).toBe(true);
      }),
    );
  });
});
