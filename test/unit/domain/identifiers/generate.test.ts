import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateResidentId,
  generateUscc,
  mulberry32,
  randomInt,
  SAMPLE_DIVISIONS,
} from '../../../../domain/identifiers/generate.ts';
import { validateResidentId } from '../../../../domain/identifiers/resident-id.ts';
import { USCC_ALPHABET, validateUscc } from '../../../../domain/identifiers/uscc.ts';

const opts = { today: '2026-11-01' };

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, () => c()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('randomInt covers both bounds', () => {
    const rng = mulberry32(1);
    const seen = new Set(Array.from({ length: 500 }, () => randomInt(rng, 3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('generateUscc', () => {
  it('reproduces the same codes from the same seed', () => {
    const run = (seed: number) =>
      Array.from(
        { length: 20 },
        (
          (rng) => () =>
            generateUscc(rng)
        )(mulberry32(seed)),
      );
    expect(run(5)).toEqual(run(5));
    expect(new Set(run(5)).size).toBe(20);
  });

  it('honours prefix and division', () => {
    const code = generateUscc(mulberry32(3), { prefix: '92', division: '445200' });
    expect(code.slice(0, 8)).toBe('92445200');
    expect(validateUscc(code).ok).toBe(true);
  });

  it('property: every generated code validates', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const code = generateUscc(mulberry32(seed));
        expect(validateUscc(code)).toMatchObject({ ok: true, value: code });
      }),
      { numRuns: 500 },
    );
  });

  it('property: a single-character substitution of a generated code never validates', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...USCC_ALPHABET, 'I', 'O', 'S', 'V', 'Z'),
        (seed, position, ch) => {
          const code = generateUscc(mulberry32(seed));
          fc.pre(code[position] !== ch);
          const corrupted = code.slice(0, position) + ch + code.slice(position + 1);
          expect(validateUscc(corrupted).ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('generateResidentId', () => {
  it('respects division, birth range and sex', () => {
    const rng = mulberry32(9);
    for (let i = 0; i < 200; i++) {
      const id = generateResidentId(rng, {
        division: '440524',
        birthFrom: '1990-01-01',
        birthTo: '1990-12-31',
        sex: i % 2 === 0 ? 'male' : 'female',
      });
      const result = validateResidentId(id, opts);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.parts.division).toBe('440524');
      expect(result.parts.birthDate.slice(0, 4)).toBe('1990');
      expect(result.parts.sex).toBe(i % 2 === 0 ? 'male' : 'female');
    }
  });

  it('rejects an empty birth range', () => {
    expect(() =>
      generateResidentId(mulberry32(1), { birthFrom: '2000-01-02', birthTo: '2000-01-01' }),
    ).toThrow(/birthFrom/);
  });

  it('property: every generated number validates and uses a sample division', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const id = generateResidentId(mulberry32(seed));
        expect(validateResidentId(id, opts)).toMatchObject({ ok: true, value: id });
        expect(SAMPLE_DIVISIONS).toContain(id.slice(0, 6));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a single-digit substitution of a generated number never validates', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (seed, position, ch) => {
          const id = generateResidentId(mulberry32(seed));
          fc.pre(id[position] !== ch);
          expect(validateResidentId(id.slice(0, position) + ch + id.slice(position + 1), opts).ok).toBe(
            false,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
