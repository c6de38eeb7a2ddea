/**
 * Issue 6, drain rate: a burst of records is propagated and alerted on in batches. On the real Redis and Neo4j,
 * the first waiting propagate job takes the others over (one transaction), each record still gets its own
 * downstream jobs under ids derived from its own propagate job, and one record evaluation taking the others over
 * raises every alert the records raise one by one — nothing is lost to batching. A rescore backlog that would cost
 * more than one whole-graph pass is served by one.
 */
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertJobIdAfter,
  createAlertProcessor,
  EVALUATE_ALERTS_JOB,
  evaluateAlerts,
} from '../../../jobs/alerts/processor.ts';
import { createPropagateProcessor, enqueuePendingOutbox } from '../../../jobs/propagate/propagate.ts';
import { rescoreAll } from '../../../jobs/score/rescore.ts';
import {
  CLOCK_MARGIN_MS,
  createScoreProcessor,
  RESCORE_NEIGHBOURHOOD_JOB,
  rescoreAfterJobId,
  sweepAfterJobId,
} from '../../../jobs/score/score-processor.ts';
import type { Services } from '../../../server/services.ts';
import { createWatchlist, listAlerts } from '../../support/alerts.ts';
import { importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';
import { org, per, seriousPenalty, T, worldRows } from '../alerts/world.ts';

let services: Services;
const RECORDS = [
  seriousPenalty('BURST-H', org('H')),
  seriousPenalty('BURST-G1', org('G1')),
  seriousPenalty('BURST-F', org('F')),
  seriousPenalty('BURST-N', org('N')),
  seriousPenalty('BURST-B', org('B')),
];

/** Oldest first, as a worker would take them. */
async function waiting(queue: 'propagate' | 'alert' | 'score'): Promise<Job[]> {
  return (await services.queues.get(queue).getWaiting(0, -1)).reverse();
}

beforeAll(async () => {
  services = await freshServices();
  const dir = tempDir('cl-coalesce-');
  await importPath(services, writeNdjson(dir, 'world.ndjson', worldRows()), { today: T });
  await createWatchlist(services, { id: 'WL-A', org: 'BANK-A', subjectIds: [org('B')], depth: 2 });
  await createWatchlist(services, { id: 'WL-C', org: 'BANK-C', subjectIds: [org('G3')], depth: 0 });
  await importPath(services, writeNdjson(dir, 'burst.ndjson', RECORDS), { today: T });
});
afterAll(async () => {
  await services?.close();
});

describe('a burst of records through the pipeline in batches', () => {
  it('one propagate job takes the waiting ones over, and every record gets its own downstream jobs', async () => {
    expect(await enqueuePendingOutbox(services, 100)).toBe(RECORDS.length);
    const jobs = await waiting('propagate');
    expect(jobs).toHaveLength(RECORDS.length);
    const processor = createPropagateProcessor({ gateway: services.gateway, queues: services.queues });

    const first = await processor(jobs[0]!);
    expect(first).toMatchObject({ records: RECORDS.length, missing: [], covered: RECORDS.length - 1 });

    // The others are marked and stop at once when a worker gets to them.
    for (const job of jobs.slice(1)) {
      const fresh = (await services.queues.get('propagate').getJob(job.id!))!;
      expect(fresh.data.coveredBy).toBe(jobs[0]!.id);
      expect(await processor(fresh)).toEqual({ coveredBy: jobs[0]!.id });
    }
    // Every record propagated: its outbox marker done, its bindings written.
    const pending = await services.gateway.read<{ id: string }>('punishment/pending-outbox', { limit: 100 });
    expect(pending).toEqual([]);

    const alertIds = (await waiting('alert')).map((j) => j.id).sort();
    expect(alertIds).toEqual(jobs.map((j) => alertJobIdAfter(j.id!)).sort());
    const rescores = (await waiting('score')).filter((j) => j.name === RESCORE_NEIGHBOURHOOD_JOB);
    expect(rescores.map((j) => j.id).sort()).toEqual(jobs.map((j) => rescoreAfterJobId(j.id!)).sort());
    // Each rescore is its own record's: seeded at that record's subject.
    const byRecord = new Map(rescores.map((j) => [j.data.recordId as string, j.data.subjectIds as string[]]));
    expect(byRecord.get('BURST-H')).toContain(org('H'));
    expect(byRecord.get('BURST-H')).toContain(per('li'));
    expect(byRecord.get('BURST-G1')).toEqual([org('G1')]);
  });

  it('one record evaluation takes the waiting ones over and raises what the records raise one by one', async () => {
    const jobs = (await waiting('alert')).filter((j) => j.name === EVALUATE_ALERTS_JOB);
    expect(jobs).toHaveLength(RECORDS.length);
    const processor = createAlertProcessor({ gateway: services.gateway, queues: services.queues });
    const batch = await processor(jobs[0]!);
    if (!('created' in batch)) throw new Error(`the first job was covered: ${JSON.stringify(batch)}`);
    expect(batch.created.length).toBeGreaterThanOrEqual(3);
    for (const job of jobs.slice(1)) {
      const fresh = (await services.queues.get('alert').getJob(job.id!))!;
      expect(await processor(fresh)).toEqual({ coveredBy: jobs[0]!.id });
    }
    // Each record alone finds nothing the batch did not raise.
    for (const r of RECORDS) {
      const alone = await evaluateAlerts(services.gateway, { recordId: r.id, hops: 2 });
      expect({ record: r.id, created: alone.created }).toEqual({ record: r.id, created: [] });
      expect(alone.existing).toBe(alone.candidates);
    }
    // And the watched borrower's bank heard of the record on its shareholder, BANK-C of the guarantee circle.
    expect((await listAlerts(services)).length).toBeGreaterThan(0);
    expect(
      (await listAlerts(services, { org: 'BANK-A', watchlistId: 'WL-A' })).length,
    ).toBeGreaterThanOrEqual(1);
    expect(await listAlerts(services, { org: 'BANK-C', watchlistId: 'WL-C' })).toHaveLength(1);
  });

  it('a rescore backlog costing more than one whole-graph pass is served by one, and score rules follow each pass', async () => {
    const rescores = async () => (await waiting('score')).filter((j) => j.name === RESCORE_NEIGHBOURHOOD_JOB);
    const queued = await rescores();
    expect(queued.map((j) => j.data.recordId).sort()).toEqual(RECORDS.map((r) => r.id).sort());
    // Each pass takes one other job over; a backlog of two is enough to consider a whole-graph pass.
    const processor = createScoreProcessor({
      gateway: services.gateway,
      queues: services.queues,
      coalesce: 1,
      wholeGraphBacklog: 2,
    });
    const score = services.queues.get('score');

    // A whole-graph pass (the nightly one) started after these rescores were queued (by more than the margin
    // allowed for clocks): it scored their records, so they stop at once.
    const newest = Math.max(...queued.map((j) => j.timestamp));
    await new Promise((r) => setTimeout(r, Math.max(0, newest + CLOCK_MARGIN_MS + 50 - Date.now())));
    await rescoreAll(services.gateway, { findings: false, inline: true });
    for (const job of queued)
      expect(await processor(job)).toEqual({
        coveredBy: expect.stringMatching(/^whole-graph pass started /),
      });

    // The same rescores queued again, after that pass. The first is incremental (no cost measured yet, so no
    // whole-graph pass is considered): H's ball reaches the watched borrower B, so the score rules are queued for
    // B, and for nobody unwatched.
    await score.obliterate({ force: true });
    // The propagate jobs above ran by direct calls and are still listed as waiting: a pass would wait for them.
    await services.queues.get('propagate').obliterate({ force: true });
    const jobs = await score.addBulk(
      queued.map((j) => ({ name: j.name, data: j.data, opts: { jobId: `again-${j.id}` } })),
    );
    const h = jobs.find((j) => j.data.recordId === 'BURST-H')!;
    const first = await processor(h);
    expect(first).toMatchObject({ mode: 'incremental', covered: 1 });
    const scoredJob = await services.queues.get('alert').getJob(alertJobIdAfter(h.id!));
    expect(scoredJob?.data.scored).toContain(org('B'));
    expect(scoredJob?.data.scored).not.toContain(org('H'));

    // A whole-graph pass recorded as nearly free (and long ago): the next backlog is cheaper served by one.
    await services.gateway.write('analytics/record-score-pass', {
      asOf: T,
      ms: 0.001,
      structureReused: false,
      subjects: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:00.001Z',
    });
    const left = (await rescores()).filter((j) => j.id !== h.id && !j.data.coveredBy);
    expect(left).toHaveLength(3);
    const [next, ...rest] = left;
    const second = await processor(next!);
    expect(second).toMatchObject({ mode: 'whole-graph', covered: 2 });
    for (const job of rest) {
      const fresh = (await score.getJob(job.id!))!;
      expect(fresh.data.coveredBy).toBe(next!.id);
      expect(await processor(fresh)).toEqual({ coveredBy: next!.id });
    }
    // The pass ran and is remembered with its real cost, and a sweep raises the score rules after it.
    const [pass] = await services.gateway.read<{ ms: number; subjects: number }>('analytics/last-score-pass');
    expect(pass!.ms).toBeGreaterThan(0.001);
    expect(pass!.subjects).toBe(worldRows().filter((r) => r.kind === 'subject').length);
    expect(await services.queues.get('alert').getJob(sweepAfterJobId(next!.id!))).toBeDefined();

    // A retry of the pass (its data says what it covered) does the whole-graph pass again, taking nothing new.
    const retried = (await score.getJob(next!.id!))!;
    expect(retried.data).toMatchObject({ wholeGraph: true });
    expect(retried.data.covered.map((c: { id: string }) => c.id).sort()).toEqual(
      rest.map((j) => j.id).sort(),
    );
  });
});
