/**
 * Turns the catalogue's periods into dates for one record. All windows are counted from the decision date:
 * the NDRC repair rules count the minimum publication period from the day the penalty decision is made, not
 * from when the platform happened to publish it.
 */
import type { Period, RecordCategory } from '../catalogues/record-categories.ts';
import { DomainError } from '../errors.ts';
import type { IsoDate, Severity } from '../vocabulary.ts';
import { addMonths } from './iso-date.ts';
import { addWorkingDays, type WorkingCalendarInput } from './working-days.ts';

export const addPeriod = (date: IsoDate, period: Period): IsoDate =>
  addMonths(date, (period.years ?? 0) * 12 + (period.months ?? 0));

export interface PublicationWindow {
  from: IsoDate;
  /** Earliest day the record may leave publication (on repair); equals `from` when it may leave at once. */
  minUntil: IsoDate;
  /** Day publication ends by itself (exclusive, like `validTo`); null when only an exit rule ends it. */
  maxUntil: IsoDate | null;
}

const requireSeverity = (category: RecordCategory, severity: Severity): void => {
  if (!category.severities.includes(severity)) {
    throw new DomainError(
      'SEVERITY_NOT_ALLOWED',
      `category ${category.id} allows severities ${category.severities.join(', ')}, not ${severity}`,
    );
  }
};

/** Null when the category does not publish records of this severity (minor penalties). */
export const publicationWindow = (
  category: RecordCategory,
  severity: Severity,
  decisionDate: IsoDate,
): PublicationWindow | null => {
  requireSeverity(category, severity);
  const rule = category.publication[severity];
  if (!rule?.published) return null;
  return {
    from: decisionDate,
    minUntil: addPeriod(decisionDate, rule.min),
    maxUntil: rule.max === null ? null : addPeriod(decisionDate, rule.max),
  };
};

/** Last day the decision may be disclosed ("双公示" within 7 working days); null when no deadline applies. */
export const disclosureDeadline = (
  category: RecordCategory,
  decisionDate: IsoDate,
  calendar?: WorkingCalendarInput,
): IsoDate | null =>
  category.disclosureDeadline === null
    ? null
    : addWorkingDays(decisionDate, category.disclosureDeadline.workingDays, calendar);

/** Earliest day a repair application is admissible; null when repair does not apply to the category/severity. */
export const repairEligibleFrom = (
  category: RecordCategory,
  severity: Severity,
  decisionDate: IsoDate,
): IsoDate | null => {
  requireSeverity(category, severity);
  const period = category.repairMinPeriod[severity];
  return period == null ? null : addPeriod(decisionDate, period);
};

/** Day negative information must be deleted (5 years after the act ends); null for positive/neutral records. */
export const retentionUntil = (category: RecordCategory, endOfAct: IsoDate): IsoDate | null =>
  category.retention === null ? null : addPeriod(endOfAct, category.retention.period);
