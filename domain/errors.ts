/**
 * Errors in the domain layer are values: validators return `{ ok: false, code, message }` so that an import of a
 * million rows can collect every problem instead of stopping at the first. `DomainError` is thrown only when a
 * caller breaks a precondition that validation should already have enforced (a programming error).
 */

/** One problem with one field of an input row, worded for the person who has to fix the file. */
export interface FieldError {
  /** Dotted path of the field (`stakePct`, `from`); empty for the row as a whole. */
  field: string;
  reason: string;
}

export type Ok<T> = { ok: true } & T;
export type Failure<C extends string> = { ok: false; code: C; message: string };

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    /** Stable machine-readable code (`ID_LENGTH`, `HASH_SECRET_TOO_SHORT`): callers branch on it, never on text. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Quote a user-supplied value for an error message without letting a huge cell flood the log. */
export const quote = (value: unknown, max = 40): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
};
