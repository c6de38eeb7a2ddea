/**
 * Screening limits (issue 7). Each bounds cost, not a business rule; the reason sits next to the number.
 */
export const SCREENING_LIMITS = Object.freeze({
  /** One request or upload: a bank's whole loan book in one go (issue 7: "up to 10,000"). */
  maxRows: 10_000,
  /** Up to this many subjects are answered in the request itself; more become a background job. */
  syncMaxRows: 100,
  /** Rows per round of UNWIND queries: large enough to amortise round trips, small enough to keep one
   * round's neighbourhood (≤ chunk × maxReachPerSubject ids) and its result rows a few MB. */
  chunkSize: 500,
  /** Related-party hits are looked for this many relationships away by default (joint punishment reaches a
   * company's persons and, through them, their other companies: 2 hops). */
  defaultHops: 2,
  /** Beyond 4 almost every subject is linked to every other through nominees: noise at exponential cost. */
  maxHops: 4,
  /** Subjects reached per screened subject; a professional nominee's hundreds of seats stop here (truncated). */
  maxReachPerSubject: 2_000,
  /**
   * A hop whose frontier holds up to this many subjects reads the facts of what lies beyond with the
   * relationships (one round trip: a single screening); a larger one reads them afterwards, once per subject
   * entered (a batch's walks lead mostly to subjects already entered or with nothing to hear; on 10,000 rows
   * of a 100,000-subject city: 22.9 s → ~15.5 s, while a single screening stayed ~6 ms against ~8–10 ms).
   */
  factsWithRelationshipsUpTo: 100,
  /** Related-party hits returned per screened subject, nearest first. */
  maxHitsPerSubject: 50,
  /** Name candidates read from the full-text index per name, before scoring. */
  nameCandidates: 10,
  /** Possible (below-threshold) name matches returned per row. */
  maxCandidatesReturned: 5,
  /** Guarantee circles are looked for along chains of at most this many guarantees (as the risk model does). */
  guaranteeLoopHops: 6,
  /** A client reference echoed back (loan number, customer id). */
  maxRefLength: 64,
  /** CSV upload size: 10,000 rows of name, code and reference fit well within 4 MB. */
  maxCsvBytes: 4 * 1024 * 1024,
});
