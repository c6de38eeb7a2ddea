/**
 * Expiry (domain.md §8: a record past its window expires by itself; seed 004 s.19 exit rules): ends the records
 * whose publication window has passed on `date` and the inclusions whose own duration is over or whose record
 * stopped standing, using the domain's `expireOn`. Works a batch of records per transaction until nothing is
 * due, so a missed day catches up (each item keeps the day it actually ended). Scheduling is the pipeline's.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import { expireOn } from '../../domain/punishment/expiry.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import {
  type EventInput,
  inclusionsFromBindings,
  recordFacts,
  writeRecordState,
} from '../propagate/store.ts';

export interface ExpirySummary {
  date: IsoDate;
  records: number;
  inclusions: number;
  batches: number;
}

export interface ExpiryOptions {
  /** Records per transaction. */
  batchSize?: number;
}

export async function runExpiry(
  gateway: CypherGateway,
  date: IsoDate,
  opts: ExpiryOptions = {},
): Promise<ExpirySummary> {
  const batchSize = opts.batchSize ?? 500;
  const summary: ExpirySummary = { date, records: 0, inclusions: 0, batches: 0 };
  for (;;) {
    const done = await gateway.writeTx(async (tx) => {
      const rows = await tx.run<{
        record: Record<string, unknown>;
        subjectId: string;
        bindings: Record<string, unknown>[];
      }>('punishment/expiry-due', { date, limit: batchSize });
      if (rows.length === 0) return null;
      const records = rows.map((r) => recordFacts(r.record, r.subjectId));
      const inclusions = inclusionsFromBindings(rows.flatMap((r) => r.bindings));
      const result = expireOn(records, inclusions, date);
      const ended = new Map(result.inclusions.map((e) => [e.inclusion.id, e.inclusion]));
      const events: EventInput[] = result.records.map(({ record, endsOn }) => ({
        id: `expired|${record.id}|${endsOn}`,
        recordId: record.id,
        entry: {
          at: endsOn,
          actor: 'system:expiry',
          action: 'record_expired',
          reason: `publication window ended on ${endsOn} (exclusive end); measures it triggered are lifted`,
        },
      }));
      const overByRecord = new Map<string, number>();
      for (const e of result.inclusions) {
        if (e.reason === 'duration_over')
          overByRecord.set(e.inclusion.recordId, (overByRecord.get(e.inclusion.recordId) ?? 0) + 1);
      }
      for (const [recordId, n] of overByRecord) {
        events.push({
          id: `duration_over|${recordId}|${date}`,
          recordId,
          entry: {
            at: date,
            actor: 'system:expiry',
            action: 'inclusions_duration_over',
            reason: `${n} measure(s) reached the end of their duration`,
          },
          details: { lifted: n },
        });
      }
      await writeRecordState(tx, {
        records: result.records.map(({ record }) => ({ id: record.id, props: { status: 'expired' } })),
        inclusions: { previous: inclusions, next: inclusions.map((i) => ended.get(i.id) ?? i) },
        events,
      });
      return { records: result.records.length, inclusions: result.inclusions.length };
    });
    if (!done) break;
    summary.batches += 1;
    summary.records += done.records;
    summary.inclusions += done.inclusions;
    // Every due row ends something; a batch that ends nothing would loop forever, so stop.
    if (done.records === 0 && done.inclusions === 0) break;
  }
  return summary;
}
