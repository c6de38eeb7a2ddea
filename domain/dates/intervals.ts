/**
 * Validity intervals of dated facts (domain.md §4). The convention is half-open, [validFrom, validTo):
 * validFrom is the first day the fact holds, validTo the first day it no longer does. A legal representative
 * replaced on 2024-03-01 has validTo 2024-03-01 and the successor validFrom 2024-03-01, so on every day exactly
 * one of them holds the seat and "who was legal representative when the act happened" has one answer.
 * A missing end is unbounded (open = current).
 */
import type { IsoDate } from '../vocabulary.ts';

export interface DateInterval {
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
}

export const isActiveOn = (interval: DateInterval, date: IsoDate): boolean =>
  (interval.validFrom == null || interval.validFrom <= date) &&
  (interval.validTo == null || date < interval.validTo);

/** True when the two intervals share at least one day. */
export const intervalsOverlap = (a: DateInterval, b: DateInterval): boolean =>
  (a.validTo == null || b.validFrom == null || b.validFrom < a.validTo) &&
  (b.validTo == null || a.validFrom == null || a.validFrom < b.validTo);

/** An interval whose end is not after its start holds on no day; accepted on import but never active. */
export const isEmptyInterval = (interval: DateInterval): boolean =>
  interval.validFrom != null && interval.validTo != null && interval.validTo <= interval.validFrom;
