/**
 * Expiry (domain.md §8: a record past its window expires by itself; seed 004 s.19 exit rules). Dates are
 * exclusive ends like `validTo`: a record with `publicationTo` 2025-03-01 is published up to 2025-02-28 and ends
 * on 2025-03-01. A daily job calls `expireOn` with today's date; anything that should have ended on or before that
 * date is returned, so a missed run catches up, and each item carries the day it actually ended.
 *
 * An inclusion ends when its own duration is over or when its record stops standing (expired, repaired, revoked),
 * whichever comes first.
 */
import type { IsoDate } from '../vocabulary.ts';
import type { CreditRecordFacts, Inclusion, InclusionEndReason } from './types.ts';

export interface ExpiredRecord {
  record: CreditRecordFacts;
  endsOn: IsoDate;
}
export interface EndedInclusion {
  inclusion: Inclusion;
  endsOn: IsoDate;
  reason: InclusionEndReason;
}
export interface ExpiryResult {
  records: ExpiredRecord[];
  inclusions: EndedInclusion[];
}

/** Records and inclusions that end on or before `date`, updated (records expired; inclusions lifted or withdrawn). */
export const expireOn = (
  records: readonly CreditRecordFacts[],
  inclusions: readonly Inclusion[],
  date: IsoDate,
): ExpiryResult => {
  const expired: ExpiredRecord[] = [];
  /** When and why each record stopped standing, for its inclusions. */
  const recordEnds = new Map<string, { on: IsoDate; reason: InclusionEndReason }>();
  for (const record of records) {
    const live = record.status === 'active' || record.status === 'under_objection';
    if (live && record.publicationTo != null && record.publicationTo <= date) {
      expired.push({ record: { ...record, status: 'expired' }, endsOn: record.publicationTo });
      recordEnds.set(record.id, { on: record.publicationTo, reason: 'record_expired' });
    } else if (record.status === 'expired') {
      recordEnds.set(record.id, { on: record.publicationTo ?? date, reason: 'record_expired' });
    } else if (record.status === 'repaired') {
      recordEnds.set(record.id, { on: record.publicationTo ?? date, reason: 'record_repaired' });
    } else if (record.status === 'revoked') {
      recordEnds.set(record.id, { on: date, reason: 'record_revoked' });
    }
  }

  const ended: EndedInclusion[] = [];
  for (const inclusion of inclusions) {
    if (inclusion.status !== 'in_force' && inclusion.status !== 'suspended') continue;
    const byRecord = recordEnds.get(inclusion.recordId);
    const byDuration =
      inclusion.to !== null && inclusion.to <= date
        ? { on: inclusion.to, reason: 'duration_over' as const }
        : null;
    // The earlier end wins; on a tie the record's reason is the more informative one.
    const end = byRecord && (!byDuration || byRecord.on <= byDuration.on) ? byRecord : byDuration;
    if (!end) continue;
    ended.push({
      inclusion: {
        ...inclusion,
        status: end.reason === 'record_revoked' ? 'withdrawn' : 'lifted',
        ended: { on: end.on, reason: end.reason },
      },
      endsOn: end.on,
      reason: end.reason,
    });
  }
  return { records: expired, inclusions: ended };
};
