/**
 * Resident identity card number, GB 11643-1999 (domain.md §3): 6-digit division, 8-digit birth date, 3-digit
 * sequence (odd = male), 1 check character. It is personal information under PIPL, so beyond validation this
 * module only produces the two forms we may keep: a keyed hash for look-up and a masked form for display.
 */
import { createHmac } from 'node:crypto';
import { parseIsoDate } from '../dates/iso-date.ts';
import { DomainError, type Failure } from '../errors.ts';
import type { IsoDate } from '../vocabulary.ts';
import { normaliseIdentifier } from './normalise.ts';

export const RESIDENT_ID_LENGTH = 18;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Nobody alive was born earlier; a 18xx "birth date" is a typo in the year. */
export const EARLIEST_BIRTH_DATE: IsoDate = '1900-01-01';
/** HMAC keys shorter than this make the ~10¹⁰ possible ID numbers cheap to brute-force back out of the hashes. */
export const MIN_HASH_SECRET_BYTES = 16;

export type ResidentIdErrorCode = 'ID_LENGTH' | 'ID_CHARSET' | 'ID_BIRTHDATE' | 'ID_CHECK';

export interface ResidentIdParts {
  division: string;
  birthDate: IsoDate;
  sequence: string;
  /** GB 11643: the last digit of the sequence is odd for men and even for women. */
  sex: 'male' | 'female';
}

export type ResidentIdResult =
  | { ok: true; value: string; parts: ResidentIdParts }
  | Failure<ResidentIdErrorCode>;

export interface ResidentIdOptions {
  /** Birth dates after this day are rejected; injected so that validation stays pure and testable. */
  today: IsoDate;
}

/** Trim, full-width to half-width, and the lower-case `x` people type for the check character. */
export const normaliseResidentId = normaliseIdentifier;

export const computeResidentIdCheckChar = (body17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

export const validateResidentId = (input: string, options: ResidentIdOptions): ResidentIdResult => {
  const value = normaliseResidentId(input);
  if (value.length !== RESIDENT_ID_LENGTH) {
    const hint = /^\d{15}$/.test(value)
      ? ' (15-digit first-generation numbers are not accepted; ask for the 18-digit one)'
      : '';
    return {
      ok: false,
      code: 'ID_LENGTH',
      message: `a resident ID number has 18 characters, got ${value.length}${hint}`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    const at = [...value].findIndex((ch, i) => !(/\d/.test(ch) || (i === 17 && ch === 'X')));
    return {
      ok: false,
      code: 'ID_CHARSET',
      message: `character ${at + 1} ${JSON.stringify(value[at])} is not allowed: a resident ID number is 17 digits followed by a digit or X`,
    };
  }
  const raw = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const birth = parseIsoDate(raw);
  if (!birth.ok) {
    return {
      ok: false,
      code: 'ID_BIRTHDATE',
      message: `digits 7–14 must be a birth date; ${raw} is not a real date`,
    };
  }
  if (birth.value < EARLIEST_BIRTH_DATE || birth.value > options.today) {
    return {
      ok: false,
      code: 'ID_BIRTHDATE',
      message: `birth date ${birth.value} (digits 7–14) must be between ${EARLIEST_BIRTH_DATE} and today (${options.today})`,
    };
  }
  const expected = computeResidentIdCheckChar(value);
  if (expected !== value[17]) {
    return {
      ok: false,
      code: 'ID_CHECK',
      message: `check character is wrong: expected ${expected}, got ${value[17]} (a digit was probably mistyped)`,
    };
  }
  return {
    ok: true,
    value,
    parts: {
      division: value.slice(0, 6),
      birthDate: birth.value,
      sequence: value.slice(14, 17),
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
};

export const isValidResidentId = (input: string, options: ResidentIdOptions): boolean =>
  validateResidentId(input, options).ok;

const requireEighteen = (input: string): string => {
  const value = normaliseResidentId(input);
  if (value.length !== RESIDENT_ID_LENGTH) {
    throw new DomainError(
      'ID_LENGTH',
      `expected an 18-character resident ID number, got ${value.length} characters`,
    );
  }
  return value;
};

/** `440524199001010014` → `440524********0014`: division and last four kept, birth date and sequence hidden. */
export const maskResidentId = (input: string): string => {
  const value = requireEighteen(input);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
};

/**
 * HMAC-SHA256 (hex) of the normalised number. Keyed, not a plain hash, because the whole space of ID numbers is
 * small enough to enumerate: without the secret anyone holding the database could reverse every hash.
 * Normalising first makes `…001x` and `…001X` look up the same person.
 */
export const hashResidentId = (input: string, secret: string | Uint8Array): string => {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.byteLength < MIN_HASH_SECRET_BYTES) {
    throw new DomainError(
      'HASH_SECRET_TOO_SHORT',
      `the ID hashing secret must be at least ${MIN_HASH_SECRET_BYTES} bytes, got ${key.byteLength}; configure a longer random secret`,
    );
  }
  return createHmac('sha256', key).update(requireEighteen(input), 'utf8').digest('hex');
};

export interface ProtectedResidentId {
  idHash: string;
  idMasked: string;
}

/** The only forms of a person's ID number that may be stored (domain.md §3, PIPL). */
export const protectResidentId = (input: string, secret: string | Uint8Array): ProtectedResidentId => ({
  idHash: hashResidentId(input, secret),
  idMasked: maskResidentId(input),
});
