/**
 * De-duplication: an alert's identity is its cause and its audience. The same cause seen again (a re-run job, a
 * reconciler re-queue, the nightly sweep) yields the same key and so the same alert id; the store creates an alert
 * only when that id is new, so a cause raises one alert per audience, open or already worked — a dismissed alert
 * is not raised again by the same cause. A different occurrence (another record, another score transition, another
 * seat) is a different cause.
 */
import { createHash } from 'node:crypto';

/** Who receives the alert: one watchlist, or the general (credit office) inbox. */
export type Audience = { kind: 'watchlist'; watchlistId: string } | { kind: 'general' };

export const audienceKey = (a: Audience): string =>
  a.kind === 'watchlist' ? `wl:${a.watchlistId}` : 'general';

/** Causes, by what happened. Record-driven causes for a watchlist share the record's key on purpose. */
export const causeKeys = {
  /** A watchlist gets one alert per record near it, whichever record rules matched. */
  recordNearWatch: (recordId: string) => `record:${recordId}`,
  personBound: (recordId: string, personId: string) => `bound:${recordId}:${personId}`,
  guaranteeNetwork: (recordId: string) => `guarantee:${recordId}`,
  newSeat: (personId: string, orgId: string, type: string, validFrom: string | null) =>
    `seat:${personId}>${orgId}:${type}:${validFrom ?? ''}`,
  /** One alert per score transition (class crossing and jump on the same transition merge). */
  scoreChange: (subjectId: string, fromAsOf: string, fromScore: number, toAsOf: string, toScore: number) =>
    `score:${subjectId}:${fromAsOf}|${fromScore}>${toAsOf}|${toScore}`,
  /** A detector finding (detector-findings.ts findingKey): one alert per new or grown structure. */
  detectorFinding: (key: string) => `finding:${key}`,
} as const;

export const dedupKeyOf = (audience: Audience, cause: string): string => `${audienceKey(audience)}|${cause}`;

/** Deterministic alert id from the dedup key: MERGE on a unique id is safe under concurrent jobs. */
export const alertIdOf = (dedupKey: string): string =>
  `al-${createHash('sha256').update(dedupKey).digest('hex').slice(0, 24)}`;
