/**
 * Reward eligibility "连续三年无不良信用记录" (seed 004 s.4): a subject qualifies for the green channel and 容缺受理
 * when no negative record has stood against it during the three years before the day asked about.
 *
 * A negative record stands from its decision date until it leaves publication (its `publicationTo`, which repair
 * sets to the repair date); a record that is not published (a minor penalty) stands on its decision day only; a
 * published record still active with no end stands until now. Revoked records never stood: they were wrong.
 */
import {
  findCategory,
  RECORD_CATEGORY_CATALOGUE,
  type RecordCategoryCatalogue,
} from '../catalogues/record-categories.ts';
import { addDays, addYears, maxDate } from '../dates/iso-date.ts';
import type { IsoDate } from '../vocabulary.ts';
import type { CreditRecordFacts } from './types.ts';

/** Default length of the clean period (seed 004 s.4: 连续三年). */
export const DEFAULT_CLEAN_YEARS = 3;

export interface CleanYearsOptions {
  categories?: RecordCategoryCatalogue;
  /** Length of the clean period in years. */
  years?: number;
  /** Registration date: a subject younger than the period cannot have been clean for it. */
  establishedOn?: IsoDate | null;
}

export interface CleanYearsResult {
  clean: boolean;
  asOf: IsoDate;
  /** First day after the last negative record stood; null when none ever stood. */
  cleanSince: IsoDate | null;
  /** First day the subject qualifies; null while a negative record still stands with no end. */
  eligibleFrom: IsoDate | null;
  /** Negative records that stood within the period or still stand. */
  blocking: string[];
}

/** Exclusive end of the time the record stood against the subject; null = still stands with no end. */
const standsUntil = (
  record: CreditRecordFacts,
  categories: RecordCategoryCatalogue,
): IsoDate | null | undefined => {
  if (record.status === 'revoked') return undefined;
  const found = findCategory(categories, record.category);
  if (!found.ok || found.category.polarity !== 'negative') return undefined;
  const dayAfterDecision = addDays(record.decisionDate, 1);
  const published = found.category.publication[record.severity]?.published === true;
  if (!published) return dayAfterDecision;
  if (record.publicationTo != null) return maxDate(record.publicationTo, dayAfterDecision);
  return record.status === 'active' || record.status === 'under_objection' ? null : dayAfterDecision;
};

export const threeCleanYears = (
  records: readonly CreditRecordFacts[],
  asOf: IsoDate,
  options: CleanYearsOptions = {},
): CleanYearsResult => {
  const categories = options.categories ?? RECORD_CATEGORY_CATALOGUE;
  const years = options.years ?? DEFAULT_CLEAN_YEARS;
  const periodStart = addYears(asOf, -years);
  let cleanSince: IsoDate | null = null;
  let open = false;
  const blocking: string[] = [];
  for (const record of records) {
    if (record.decisionDate > asOf) continue;
    const until = standsUntil(record, categories);
    if (until === undefined) continue;
    if (until === null) {
      open = true;
      blocking.push(record.id);
      continue;
    }
    cleanSince = cleanSince === null ? until : maxDate(cleanSince, until);
    if (until > periodStart) blocking.push(record.id);
  }
  const starts = [cleanSince, options.establishedOn ?? null].filter((d): d is IsoDate => d != null);
  const eligibleFrom = open
    ? null
    : starts.length === 0
      ? periodStart
      : addYears(starts.reduce(maxDate), years);
  return {
    clean: eligibleFrom !== null && eligibleFrom <= asOf,
    asOf,
    cleanSince,
    eligibleFrom,
    blocking: blocking.sort(),
  };
};
