/**
 * The 15-digit business registration number (工商注册号) that preceded the USCC. Older records carry only this
 * number (domain.md §3): we accept it so that history is not lost, but mark the subject `unverified` because
 * the number cannot be tied to a USCC without a registry look-up, and numbers issued before GS15-2006 do not
 * follow the checksum. The checksum result is reported as information, not used to reject.
 */
import type { Failure } from '../errors.ts';
import { normaliseIdentifier } from './normalise.ts';

export type RegistrationNumberResult =
  | {
      ok: true;
      value: string;
      unverified: true;
      /** GS15-2006 check digit (ISO 7064 MOD 11,10) matches; false for older numbers or typos. */
      checkDigitMatches: boolean;
    }
  | Failure<'REGNO_FORMAT'>;

/** ISO 7064 MOD 11,10 check digit over the first 14 digits (GS15-2006). */
export const computeRegistrationCheckDigit = (body14: string): string => {
  let product = 10;
  for (const ch of body14) {
    const sum = (product + Number(ch)) % 10 || 10;
    product = (sum * 2) % 11;
  }
  return String((11 - product) % 10);
};

export const validateRegistrationNumber = (input: string): RegistrationNumberResult => {
  const value = normaliseIdentifier(input);
  if (!/^\d{15}$/.test(value)) {
    return {
      ok: false,
      code: 'REGNO_FORMAT',
      message: `a registration number (注册号) has 15 digits, got ${JSON.stringify(value.slice(0, 40))}`,
    };
  }
  return {
    ok: true,
    value,
    unverified: true,
    checkDigitMatches: computeRegistrationCheckDigit(value.slice(0, 14)) === value[14],
  };
};
