/**
 * Unified Social Credit Code, GB 32100-2015 (domain.md §3). Seeds 002 and 003 name it, with the resident ID
 * number, as one of the two index keys of all credit information, so a wrong code silently splits or merges
 * subjects: every code is checked twice, once over all 17 characters and once over the embedded GB 11714
 * organisation code.
 */
import type { Failure } from '../errors.ts';
import { normaliseIdentifier } from './normalise.ts';

/** I, O, S, V and Z are left out because they are easily confused with 1, 0, 5, U and 2. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const CONFUSABLE: Readonly<Record<string, string>> = { I: '1', O: '0', S: '5', V: 'U', Z: '2' };

export type UsccErrorCode = 'USCC_LENGTH' | 'USCC_CHARSET' | 'USCC_CHECK' | 'ORG_CODE_CHECK';

export interface UsccParts {
  /** 登记管理部门码, e.g. `9` for market regulation (工商). */
  registrationAuthority: string;
  /** 机构类别码, e.g. `1` enterprise, `2` individual business under authority `9`. */
  organisationCategory: string;
  /** 登记管理机关行政区划码 (GB/T 2260), 6 digits. */
  division: string;
  /** 主体标识码 (GB 11714 organisation code), 9 characters including its own check character. */
  organisationCode: string;
}

export type UsccResult = { ok: true; value: string; parts: UsccParts } | Failure<UsccErrorCode>;

export const normaliseUscc = normaliseIdentifier;

/** Value of a character in the USCC alphabet, or -1. */
const usccValue = (ch: string): number => USCC_ALPHABET.indexOf(ch);

/** GB 11714 values: digits are themselves, letters A=10 … Z=35 (the full Latin alphabet, not the USCC one). */
const orgCodeValue = (ch: string): number => {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
};

/**
 * The USCC check character for the first 17 characters. Throws nothing: the body must already be 17 characters
 * of the alphabet (generators and `validateUscc` guarantee it); otherwise the result is meaningless.
 */
export const computeUsccCheckChar = (body17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(body17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
};

/** The GB 11714 check character for the first 8 characters of an organisation code: 0–9 or X. */
export const computeOrgCodeCheckChar = (body8: string): string => {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
};

export const usccParts = (code: string): UsccParts => ({
  registrationAuthority: code.slice(0, 1),
  organisationCategory: code.slice(1, 2),
  division: code.slice(2, 8),
  organisationCode: code.slice(8, 17),
});

export const validateUscc = (input: string): UsccResult => {
  const value = normaliseUscc(input);
  if (value.length !== USCC_LENGTH) {
    const hint = /^\d{15}$/.test(value)
      ? ' (this looks like a 15-digit registration number 注册号; send it as regNo instead)'
      : '';
    return {
      ok: false,
      code: 'USCC_LENGTH',
      message: `a unified social credit code has 18 characters, got ${value.length}${hint}`,
    };
  }
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (usccValue(ch) < 0) {
      const confusable = CONFUSABLE[ch];
      const hint = confusable ? ` (the code never uses ${ch}; did you mean ${confusable}?)` : '';
      return {
        ok: false,
        code: 'USCC_CHARSET',
        message: `character ${i + 1} ${JSON.stringify(ch)} is not allowed in a unified social credit code${hint}`,
      };
    }
  }
  const expected = computeUsccCheckChar(value);
  const actual = value[17]!;
  if (expected !== actual) {
    return {
      ok: false,
      code: 'USCC_CHECK',
      message: `check character is wrong: expected ${expected}, got ${actual} (a character was probably mistyped)`,
    };
  }
  const orgCode = value.slice(8, 17);
  const orgExpected = computeOrgCodeCheckChar(orgCode);
  if (orgExpected !== orgCode[8]) {
    return {
      ok: false,
      code: 'ORG_CODE_CHECK',
      message: `organisation code ${orgCode} (characters 9–17) fails its GB 11714 check: expected ${orgExpected}, got ${orgCode[8]}`,
    };
  }
  return { ok: true, value, parts: usccParts(value) };
};

export const isValidUscc = (input: string): boolean => validateUscc(input).ok;

/**
 * Completes a 16-character body (authority, category, division, 8-character organisation body) into a valid
 * USCC by appending both check characters; generators use it. Null when the body is not 16 alphabet characters.
 */
export const completeUscc = (body16: string): string | null => {
  const body = normaliseUscc(body16);
  if (body.length !== 16 || [...body].some((ch) => usccValue(ch) < 0)) return null;
  const body17 = body + computeOrgCodeCheckChar(body.slice(8, 16));
  return body17 + computeUsccCheckChar(body17);
};
