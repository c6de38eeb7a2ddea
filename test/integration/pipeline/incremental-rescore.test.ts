/**
 * Issue 6: the rescore after a new record is incremental (analytics/risk/rescore-from-sources.ts) and must give
 * exactly what the whole-graph pass gives. On a generated 3,000-subject graph scored by rescoreAll, new serious
 * records are propagated and rescored incrementally; a second whole-graph pass then agrees:
 * every stored score equals its own recomputation. Where the preconditions fail (a source never scored, a
 * withdrawn record) the rescore falls back to the full neighbourhood and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { alertJobIdAfter } from '../../../jobs/alerts/processor.ts';
import { propagateRecords } from '../../../jobs/propagate/propagate.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { type RescoreStats, rescoreAll, rescoreNeighbourhood } from '../../../jobs/score/rescore.ts';
import { RESCORE_NEIGHBOURHOOD_JOB } from '../../../jobs/score/score-processor.ts';
import { startWorkers } from '../../../jobs/workers.ts';
import type { Services } from '../../../server/services.ts';
import {
  loadGeneratedCity,
  organisationsWithLegalRep,
  seriousCourtRecord,
} from '../../support/generated-city.ts';
import { importPath, TODAY, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;
const dir = tempDir('cl-incremental-');
const asOf = TODAY;
const SUBJECTS = 3000;

type Stored = { id: string; score: number | null; riskClass: string | null; exposure: number | null };
async function storedScores(): Promise<Map<string, Stored>> {
  const res = await services.gateway.driver.executeQuery(
    'MATCH (s:Subject) RETURN s.id AS id, s.riskScore AS score, s.riskClass AS riskClass, s.riskExposure AS exposure',
  );
  return new Map(res.records.map((r) => [r.get('id') as string, r.toObject() as Stored]));
}

beforeAll(async () => {
  services = await freshServices();
  await loadGeneratedCity(services, { dir, subjects: SUBJECTS, seed: 11, today: asOf });
  await rescoreAll(services.gateway, { asOf, findings: false, inline: true });
}, 240_000);

afterAll(async () => {
  await services?.close();
});

describe('incremental rescore after new records', () => {
  it('gives what the whole-graph pass gives, touching only the ball around the records', async () => {
    const targets = await organisationsWithLegalRep(services, 6, false);
    expect(targets).toHaveLength(6);
    const before = await storedScores();
    await importPath(
      services,
      writeNdjson(
        dir,
        'new-records.ndjson',
        targets.map((t, i) => seriousCourtRecord(`inc-${i}`, t)),
      ),
    );
    const changed = new Set<string>();
    for (let i = 0; i < targets.length; i++) {
      const summary = await propagateRecords(services.gateway, [`inc-${i}`], { today: asOf });
      expect(summary.withdrawn).toBe(0);
      const stats = await rescoreNeighbourhood(services.gateway, {
        subjectIds: summary.affectedSubjectIds ?? [],
        hops: 2,
        asOf,
        incremental: true,
      });
      expect(stats.mode).toBe('incremental');
      expect(stats.written).toBeGreaterThan(0);
      // A ball of exposure.maxHops around the record, not the graph.
      expect(stats.subjects).toBeLessThan(SUBJECTS / 2);
      changed.add(targets[i]!);
    }
    const after = await storedScores();
    for (const t of changed) {
      expect(after.get(t)!.score!).toBeGreaterThan(before.get(t)!.score!);
      expect(after.get(t)!.riskClass).toBe('D');
    }
    const moved = [...after.values()].filter((s) => s.score !== before.get(s.id)!.score);
    expect(moved.length).toBeGreaterThan(changed.size);

    // The whole-graph pass over the same graph finds every stored score already right.
    // Stored factors are rounded to 1e-4, so a score rebuilt from a stored exposure may differ in its last digit.
    const full = await rescoreAll(services.gateway, { asOf, findings: false, inline: true });
    const recomputed = await storedScores();
    let compared = 0;
    for (const [id, s] of recomputed) {
      const inc = after.get(id)!;
      expect({ id, riskClass: inc.riskClass }).toEqual({ id, riskClass: s.riskClass });
      expect(Math.abs(inc.score! - s.score!), id).toBeLessThanOrEqual(2e-4);
      expect(Math.abs(inc.exposure! - s.exposure!), id).toBeLessThanOrEqual(2e-4);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(SUBJECTS);
    // Only such last-digit differences were left to write.
    expect(full.written).toBeLessThan(moved.length);
  }, 240_000);

  it('falls back to the full neighbourhood when a source was never scored', async () => {
    await importPath(
      services,
      writeNdjson(dir, 'unscored.ndjson', [
        {
          kind: 'subject',
          id: 'inc-new-co',
          subjectKind: 'enterprise',
          name: '增量测试新设有限公司',
          uscc: generateUscc(mulberry32(99)),
        },
        seriousCourtRecord('inc-new-rec', 'inc-new-co'),
      ]),
    );
    const summary = await propagateRecords(services.gateway, ['inc-new-rec'], { today: asOf });
    const stats = await rescoreNeighbourhood(services.gateway, {
      subjectIds: summary.affectedSubjectIds ?? [],
      hops: 2,
      asOf,
      incremental: true,
    });
    expect(stats.mode).toBe('neighbourhood');
    expect(stats.fallbackReason).toMatch(/inc-new-co has no stored score/);
    expect((await storedScores()).get('inc-new-co')!.riskClass).toBe('D');
  }, 120_000);

  it('a backlog of rescores is taken over in batches: every job done once, its score rules evaluated once per pass', async () => {
    const targets = (await organisationsWithLegalRep(services, 40, false)).slice(6);
    expect(targets.length).toBeGreaterThanOrEqual(30);
    await importPath(
      services,
      writeNdjson(
        dir,
        'backlog.ndjson',
        targets.map((t, i) => seriousCourtRecord(`bk-${i}`, t)),
      ),
    );
    // The backlog as the pipeline leaves it while the workers are down: one rescore job per propagated record.
    const score = services.queues.get('score');
    const ids: string[] = [];
    for (let i = 0; i < targets.length; i++) {
      const summary = await propagateRecords(services.gateway, [`bk-${i}`], { today: asOf });
      const id = `rescore-after-backlog-${i}`;
      ids.push(id);
      await score.add(
        RESCORE_NEIGHBOURHOOD_JOB,
        { subjectIds: summary.affectedSubjectIds, hops: 2, asOf, incremental: true },
        { jobId: id },
      );
    }
    const workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
      redisUrl: services.cfg.REDIS_URL,
      prefix: services.cfg.QUEUE_PREFIX,
      concurrency: 2,
      log: services.log,
    });
    try {
      for (let i = 0; i < 600; i++) {
        const c = await score.getJobCounts('waiting', 'active', 'failed');
        expect(c.failed).toBe(0);
        if ((c.waiting ?? 0) + (c.active ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await workers.close();
    }
    const done = await Promise.all(ids.map((id) => score.getJob(id)));
    const results = done.map((j) => j!.returnvalue as (RescoreStats & { coveredBy?: string }) | null);
    expect(done.every((j) => j!.finishedOn)).toBe(true);
    // Some jobs did the work of others; those others stopped at once, naming the job that covered them.
    const covering = results.filter((r) => (r?.covered ?? 0) > 0);
    const coveredBy = results.filter((r) => r?.coveredBy);
    expect(covering.length).toBeGreaterThan(0);
    expect(covering.length).toBeLessThan(ids.length / 2);
    // (A job marked as covered that another worker had already started does its own work too: idempotent.)
    expect(coveredBy.length).toBeGreaterThan(0);
    expect(coveredBy.length).toBeLessThanOrEqual(covering.reduce((n, r) => n + r!.covered!, 0));
    for (const r of coveredBy) expect(ids).toContain(r!.coveredBy);
    // The score rules follow a pass only when it scored a watched subject, and nothing here is watched.
    const alert = services.queues.get('alert');
    for (const id of ids) expect(await alert.getJob(alertJobIdAfter(id)), id).toBeUndefined();
    // And the batched rescore gave what the whole-graph pass gives.
    const after = await storedScores();
    await rescoreAll(services.gateway, { asOf, findings: false, inline: true });
    const recomputed = await storedScores();
    for (const [id, s] of recomputed) {
      expect(after.get(id)!.riskClass, id).toBe(s.riskClass);
      expect(Math.abs(after.get(id)!.score! - s.score!), id).toBeLessThanOrEqual(2e-4);
    }
    for (const t of targets) expect(recomputed.get(t)!.riskClass).toBe('D');
  }, 240_000);

  it('splits a batch whose balls together pass the node cap, and still agrees with the whole-graph pass', async () => {
    const targets = (await organisationsWithLegalRep(services, 60, false)).slice(-10);
    await importPath(
      services,
      writeNdjson(
        dir,
        'split.ndjson',
        targets.map((t, i) => seriousCourtRecord(`sp-${i}`, t)),
      ),
    );
    const seeds = new Set<string>();
    for (let i = 0; i < targets.length; i++)
      for (const id of (await propagateRecords(services.gateway, [`sp-${i}`], { today: asOf }))
        .affectedSubjectIds ?? [])
        seeds.add(id);
    const stats = await rescoreNeighbourhood(services.gateway, {
      subjectIds: [...seeds],
      hops: 2,
      asOf,
      incremental: true,
      ballNodes: 150,
    });
    expect(stats.mode).toBe('incremental');
    const after = await storedScores();
    await rescoreAll(services.gateway, { asOf, findings: false, inline: true });
    for (const [id, s] of await storedScores()) {
      expect(after.get(id)!.riskClass, id).toBe(s.riskClass);
      expect(Math.abs(after.get(id)!.score! - s.score!), id).toBeLessThanOrEqual(2e-4);
    }
    for (const t of targets) expect(after.get(t)!.riskClass).toBe('D');
  }, 120_000);
});
