/**
 * How import rows point at a subject: by USCC, by resident ID number, or by a subject id. The two identifiers
 * are recognised by their checks, because a typo in either must be reported, not silently turned into a subject
 * id that matches nothing and drops the relation.
 *
 * Caveat: about 1 resident ID number in 341 also passes both USCC checks by chance (1/31 × 1/11), so an 18-digit
 * string can be valid as both. Callers that know which side they expect (the `from` of LEGAL_REP is a person)
 * say so with `expect`; otherwise the ID number wins, because a real USCC almost never also has a valid birth
 * date in characters 7–14, and the result is marked `ambiguous`. A prefix (`uscc:`, `idNumber:`, `id:`) forces
 * the reading.
 */
import type { Failure } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { IsoDate } from '../vocabulary.ts';
import { normaliseIdentifier, toHalfWidth } from './normalise.ts';
import { validateResidentId } from './resident-id.ts';
import { validateUscc } from './uscc.ts';

export const SUBJECT_REF_KINDS = ['uscc', 'idNumber', 'id'] as const;
export type SubjectRefKind = (typeof SUBJECT_REF_KINDS)[number];
export interface SubjectRef {
  by: SubjectRefKind;
  value: string;
}

export type SubjectRefErrorCode = 'REF_EMPTY' | 'REF_INVALID' | 'REF_TOO_LONG';
export type SubjectRefResult =
  | { ok: true; ref: SubjectRef; ambiguous: boolean }
  | Failure<SubjectRefErrorCode>;

export interface SubjectRefOptions {
  /** Enables the "birth date not in the future" check on ID numbers; without it only 1900 and the calendar apply. */
  today?: IsoDate;
  /** Which kind of subject the position holds, to settle the rare string valid as both identifiers. */
  expect?: 'person' | 'organisation';
}

/** Far enough ahead to disable the future-birth check when no `today` is given. */
const NO_TODAY: IsoDate = '9999-12-31';
const PREFIX = /^(uscc|idNumber|id):(.*)$/s;
const IDENTIFIER_SHAPE = /^[0-9A-Z]{18}$/;
const SUBJECT_ID = /^\S+$/;

const ok = (by: SubjectRefKind, value: string, ambiguous = false): SubjectRefResult => ({
  ok: true,
  ref: { by, value },
  ambiguous,
});
const invalid = (message: string): SubjectRefResult => ({ ok: false, code: 'REF_INVALID', message });

const parseSubjectId = (value: string): SubjectRefResult => {
  if (value.length > LIMITS.maxIdLength) {
    return {
      ok: false,
      code: 'REF_TOO_LONG',
      message: `a subject id has at most ${LIMITS.maxIdLength} characters, got ${value.length}`,
    };
  }
  if (!SUBJECT_ID.test(value))
    return invalid(`a subject id must not contain spaces, got ${JSON.stringify(value)}`);
  return ok('id', value);
};

export const parseSubjectRef = (text: string, options: SubjectRefOptions = {}): SubjectRefResult => {
  const cleaned = toHalfWidth(text).trim();
  if (cleaned === '') {
    return {
      ok: false,
      code: 'REF_EMPTY',
      message: 'a subject reference (USCC, ID number or subject id) is required',
    };
  }
  const today = options.today ?? NO_TODAY;
  const forced = PREFIX.exec(cleaned);
  if (forced) {
    const by = forced[1] as SubjectRefKind;
    const rest = forced[2] ?? '';
    if (by === 'id') return parseSubjectId(rest.trim());
    const result = by === 'uscc' ? validateUscc(rest) : validateResidentId(rest, { today });
    return result.ok ? ok(by, result.value) : invalid(result.message);
  }

  const upper = normaliseIdentifier(cleaned);
  if (!IDENTIFIER_SHAPE.test(upper)) return parseSubjectId(cleaned);

  const asUscc = validateUscc(upper);
  const asId = validateResidentId(upper, { today });
  if (asUscc.ok && asId.ok) {
    return options.expect === 'organisation'
      ? ok('uscc', asUscc.value, true)
      : ok('idNumber', asId.value, true);
  }
  if (asUscc.ok) return ok('uscc', asUscc.value);
  if (asId.ok) return ok('idNumber', asId.value);
  if (options.expect === 'person') return invalid(`not a valid resident ID number: ${asId.message}`);
  if (options.expect === 'organisation' || !/^\d{17}[\dX]$/.test(upper)) {
    return invalid(`not a valid unified social credit code: ${asUscc.message}`);
  }
  return invalid(
    `neither a valid unified social credit code (${asUscc.message}) nor a valid resident ID number (${asId.message})`,
  );
};

export const formatSubjectRef = (ref: SubjectRef): string => `${ref.by}:${ref.value}`;
