import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../domain/errors.ts';
import { generateResidentId, mulberry32 } from '../../../../domain/identifiers/generate.ts';
import {
  computeResidentIdCheckChar,
  hashResidentId,
  maskResidentId,
  protectResidentId,
  validateResidentId,
} from '../../../../domain/identifiers/resident-id.ts';

const TODAY = '2026-11-01';
const opts = { today: TODAY };
/** The worked example of GB 11643-1999 (check character X). */
const STANDARD_EXAMPLE = '11010519491231002X';
const SECRET = 'test-secret-0123456789';

describe('validateResidentId', () => {
  it('accepts the GB 11643 example and reads its parts', () => {
    expect(validateResidentId(STANDARD_EXAMPLE, opts)).toEqual({
      ok: true,
      value: STANDARD_EXAMPLE,
      parts: { division: '110105', birthDate: '1949-12-31', sequence: '002', sex: 'female' },
    });
  });

  it('normalises a lower-case x, spaces and full-width digits', () => {
    expect(validateResidentId(' 11010519491231002x ', opts)).toMatchObject({
      ok: true,
      value: STANDARD_EXAMPLE,
    });
    expect(validateResidentId('１１０１０５１９４９１２３１００２Ｘ', opts)).toMatchObject({ ok: true });
  });

  it('computes the check character through the whole 1 0 X 9 … 2 table', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) {
      const body = `11010519491231${String(seq).padStart(3, '0')}`;
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const r = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11;
      expect(computeResidentIdCheckChar(body)).toBe('10X98765432'[r]);
      seen.add(computeResidentIdCheckChar(body));
    }
    expect(seen.size).toBe(11);
  });

  it('rejects a wrong check character and names the expected one', () => {
    const result = validateResidentId('110105194912310021', opts);
    expect(result).toMatchObject({ ok: false, code: 'ID_CHECK' });
    expect(!result.ok && result.message).toContain('expected X, got 1');
  });

  it.each([
    ['1101051949123100', 'ID_LENGTH'],
    ['1101051949123100211', 'ID_LENGTH'],
    ['11010519491231002Y', 'ID_CHARSET'],
    ['1101051949123X0021', 'ID_CHARSET'],
  ])('rejects %s with %s', (input, code) => {
    expect(validateResidentId(input, opts)).toMatchObject({ ok: false, code });
  });

  it('rejects impossible, future and pre-1900 birth dates even when the check character matches', () => {
    const withCheck = (body: string) => body + computeResidentIdCheckChar(body);
    for (const birth of ['20230229', '19901301', '19900431', '20261102', '18991231']) {
      const result = validateResidentId(withCheck(`440524${birth}001`), opts);
      expect(result, birth).toMatchObject({ ok: false, code: 'ID_BIRTHDATE' });
    }
    expect(validateResidentId(withCheck('44052420240229001'), opts)).toMatchObject({ ok: true });
    expect(validateResidentId(withCheck('44052420261101001'), opts)).toMatchObject({ ok: true });
  });

  it('rejects every single-character substitution of valid numbers (18 positions × 11 characters)', () => {
    const rng = mulberry32(7);
    const ids = [STANDARD_EXAMPLE, ...Array.from({ length: 4 }, () => generateResidentId(rng))];
    for (const id of ids) {
      for (let position = 0; position < 18; position++) {
        for (const ch of '0123456789X') {
          if (ch === id[position]) continue;
          const corrupted = id.slice(0, position) + ch + id.slice(position + 1);
          expect(validateResidentId(corrupted, opts).ok, corrupted).toBe(false);
        }
      }
    }
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentId('440524199001010014')).toBe('440524********0014');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
  });

  it('refuses anything that is not 18 characters rather than leak part of it', () => {
    expect(() => maskResidentId('4405241990010100')).toThrow(DomainError);
  });

  it('property: never reveals the birth date and sequence', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const id = generateResidentId(mulberry32(seed));
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(0, 6) + masked.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
      }),
    );
  });
});

describe('hashResidentId', () => {
  it('is HMAC-SHA256 hex (vector checked with openssl dgst -sha256 -hmac)', () => {
    expect(hashResidentId(STANDARD_EXAMPLE, SECRET)).toBe(
      'ef96c5fb38b4bffa37e4ff1a2c8630acf484022fe744d3b11b43683ebead303e',
    );
  });

  it('hashes the normalised number so that x and X find the same person', () => {
    expect(hashResidentId('11010519491231002x', SECRET)).toBe(hashResidentId(STANDARD_EXAMPLE, SECRET));
  });

  it('rejects a short secret with an actionable error', () => {
    expect(() => hashResidentId(STANDARD_EXAMPLE, 'short')).toThrow(
      expect.objectContaining({ code: 'HASH_SECRET_TOO_SHORT' }),
    );
  });

  it('property: the hash depends on the secret and on the number', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.string({ minLength: 16 }),
        fc.string({ minLength: 16 }),
        (seed, secretA, secretB) => {
          fc.pre(secretA !== secretB);
          const rng = mulberry32(seed);
          const id = generateResidentId(rng);
          const other = generateResidentId(rng);
          const hash = hashResidentId(id, secretA);
          expect(hash).toMatch(/^[0-9a-f]{64}$/);
          expect(hash).not.toContain(id.slice(6, 14));
          expect(hashResidentId(id, secretB)).not.toBe(hash);
          if (other !== id) expect(hashResidentId(other, secretA)).not.toBe(hash);
        },
      ),
    );
  });

  it('protectResidentId returns only the hash and the masked form', () => {
    const protectedId = protectResidentId(STANDARD_EXAMPLE, SECRET);
    expect(protectedId).toEqual({
      idHash: hashResidentId(STANDARD_EXAMPLE, SECRET),
      idMasked: '110105********002X',
    });
    expect(JSON.stringify(protectedId)).not.toContain(STANDARD_EXAMPLE);
  });
});
