import { describe, expect, it } from 'vitest';
import { generateResidentId, mulberry32 } from '../../../../domain/identifiers/generate.ts';
import { isValidResidentId } from '../../../../domain/identifiers/resident-id.ts';
import { parseSubjectRef } from '../../../../domain/identifiers/subject-ref.ts';
import { isValidUscc } from '../../../../domain/identifiers/uscc.ts';

const today = '2026-11-01';

/** Finds a resident ID number that also passes both USCC checks (about 1 in 341 do). */
const findAmbiguous = (): string => {
  const rng = mulberry32(11);
  for (let i = 0; i < 100_000; i++) {
    const id = generateResidentId(rng);
    if (isValidUscc(id)) return id;
  }
  throw new Error('no ambiguous identifier found');
};

describe('parseSubjectRef', () => {
  it('classifies a USCC, normalising it', () => {
    expect(parseSubjectRef(' 91440300708461136t ', { today })).toEqual({
      ok: true,
      ref: { by: 'uscc', value: '91440300708461136T' },
      ambiguous: false,
    });
  });

  it('classifies a resident ID number', () => {
    expect(parseSubjectRef('11010519491231002x', { today })).toMatchObject({
      ok: true,
      ref: { by: 'idNumber', value: '11010519491231002X' },
    });
  });

  it('keeps any other token as a subject id, case preserved', () => {
    expect(parseSubjectRef('subj-Ab12', { today })).toMatchObject({
      ok: true,
      ref: { by: 'id', value: 'subj-Ab12' },
    });
    expect(parseSubjectRef('440301103448669')).toMatchObject({ ok: true, ref: { by: 'id' } });
  });

  it('reports a mistyped USCC instead of treating it as a subject id', () => {
    const result = parseSubjectRef('91440300708461136X', { today });
    expect(result).toMatchObject({ ok: false, code: 'REF_INVALID' });
    expect(!result.ok && result.message).toContain('expected T, got X');
  });

  it('reports a mistyped 18-digit number against both identifiers', () => {
    const result = parseSubjectRef('110105194912310021', { today });
    expect(result).toMatchObject({ ok: false, code: 'REF_INVALID' });
    expect(!result.ok && result.message).toMatch(/neither .* nor /);
  });

  it('rejects empty, blank-containing and over-long references', () => {
    expect(parseSubjectRef('   ')).toMatchObject({ ok: false, code: 'REF_EMPTY' });
    expect(parseSubjectRef('two words')).toMatchObject({ ok: false, code: 'REF_INVALID' });
    expect(parseSubjectRef('x'.repeat(129))).toMatchObject({ ok: false, code: 'REF_TOO_LONG' });
  });

  it('settles a string valid as both identifiers by the expected party, defaulting to the person', () => {
    const both = findAmbiguous();
    expect(isValidResidentId(both, { today })).toBe(true);
    expect(parseSubjectRef(both, { today })).toMatchObject({
      ok: true,
      ref: { by: 'idNumber' },
      ambiguous: true,
    });
    expect(parseSubjectRef(both, { today, expect: 'organisation' })).toMatchObject({
      ok: true,
      ref: { by: 'uscc' },
      ambiguous: true,
    });
  });

  it('honours an explicit prefix', () => {
    expect(parseSubjectRef('id:91440300708461136T')).toMatchObject({ ok: true, ref: { by: 'id' } });
    expect(parseSubjectRef('uscc:91440300708461136t')).toMatchObject({
      ok: true,
      ref: { by: 'uscc', value: '91440300708461136T' },
    });
    expect(parseSubjectRef('idNumber:91440300708461136T', { today })).toMatchObject({ ok: false });
  });

  it('applies the future-birth check only when today is given', () => {
    const future = '44052420300101001';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const id = future + '10X98765432'[[...future].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11];
    expect(parseSubjectRef(id, { today, expect: 'person' })).toMatchObject({ ok: false });
    expect(parseSubjectRef(id, { expect: 'person' })).toMatchObject({ ok: true, ref: { by: 'idNumber' } });
  });
});
