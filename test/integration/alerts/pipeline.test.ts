/**
 * Issue 6, "must show": on the real Redis and Neo4j, a record imported against a watched borrower's shareholder
 * flows ingest → propagate → rescore → alert and produces exactly one alert for the bank's watchlist, with the
 * path; importing it again produces none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts, sweepAlerts } from '../../../jobs/alerts/processor.ts';
import type { StoredAlert } from '../../../jobs/alerts/store.ts';
import { enqueuePendingOutbox } from '../../../jobs/propagate/propagate.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { startWorkers, type WorkerHandle } from '../../../jobs/workers.ts';
import type { Services } from '../../../server/services.ts';
import { createWatchlist, listAlerts } from '../../support/alerts.ts';
import { importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';
import { org, per, seriousPenalty, T, worldRows } from './world.ts';

let services: Services;
let workers: WorkerHandle;

async function alerts(): Promise<StoredAlert[]> {
  // The list query shows general alerts to unrestricted readers; watchlist alerts are read by org.
  const all = await Promise.all([
    listAlerts(services),
    ...['BANK-A', 'BANK-C'].map((org) => listAlerts(services, { org })),
  ]);
  return all.flat();
}

/** Waits until the pipeline queues are idle and `alert` has completed at least `n` jobs. */
async function pipelineIdle(n: number) {
  const names = ['propagate', 'score', 'alert'] as const;
  for (let i = 0; i < 600; i++) {
    const counts = await Promise.all(
      names.map((q) =>
        services.queues.get(q).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
      ),
    );
    const failed = counts.reduce((s, c) => s + (c.failed ?? 0), 0);
    if (failed > 0) {
      const jobs = (await Promise.all(names.map((q) => services.queues.get(q).getFailed()))).flat();
      throw new Error(`pipeline job failed: ${jobs.map((j) => `${j.name}: ${j.failedReason}`).join('; ')}`);
    }
    const busy = counts.reduce((s, c) => s + (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0), 0);
    if (busy === 0 && (counts[2]!.completed ?? 0) >= n) return counts;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pipeline did not become idle in 60 s');
}

beforeAll(async () => {
  services = await freshServices();
  const dir = tempDir('cl-alerts-');
  await importPath(services, writeNdjson(dir, 'world.ndjson', worldRows()), { today: T });
  await createWatchlist(services, { id: 'WL-A', org: 'BANK-A', subjectIds: [org('B')], depth: 2 });
  await createWatchlist(services, { id: 'WL-C', org: 'BANK-C', subjectIds: [org('G3')], depth: 0 });
  workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
    redisUrl: services.cfg.REDIS_URL,
    prefix: services.cfg.QUEUE_PREFIX,
    concurrency: 1,
    log: services.log,
  });
});
afterAll(async () => {
  await workers?.close();
  await services?.close();
});

describe('alert pipeline on the real Redis and Neo4j', () => {
  const dir = tempDir('cl-alerts-rec-');
  const file = () => writeNdjson(dir, 'record.ndjson', [seriousPenalty('PEN-H1', org('H'))]);

  it('a serious record against the watched borrower’s shareholder raises exactly one alert for the bank, with the path', async () => {
    const summary = await importPath(services, file(), { today: T });
    expect(summary.counts.record.created).toBe(1);
    expect(await enqueuePendingOutbox(services, 100)).toBe(1);
    await pipelineIdle(1);

    const all = await alerts();
    const bank = all.filter((a) => a.org === 'BANK-A');
    expect(bank).toHaveLength(1);
    const [alert] = bank;
    expect(alert).toMatchObject({
      rule: 'serious_record_nearby',
      severity: 'high',
      status: 'open',
      watchlistId: 'WL-A',
      subjectIds: [org('H'), org('B')],
    });
    expect(alert!.evidence).toHaveLength(1);
    expect(alert!.evidence[0]!.nodes.map((n) => n.id)).toEqual([org('B'), org('H')]);
    expect(alert!.evidence[0]!.links).toMatchObject([{ type: 'SHAREHOLDER', reversed: true, stakePct: 60 }]);
    expect(alert!.messageZh).toContain('测试H有限公司（距关注主体测试B有限公司 1 跳）新增严重失信记录');
    // The rescore ran before the alert stage: the shareholder now carries a stored score.
    const [h] = await services.gateway.read<{ score: number | null }>('alerts/score-state', {
      ids: [org('H')],
    });
    expect(typeof h?.score).toBe('number');

    // The credit office's inbox: li, legal representative of H, newly bound; and li's later seat at N (改头换面).
    const general = all.filter((a) => a.org === null);
    expect(general.map((a) => a.rule).sort()).toEqual(['bound_person_new_seat', 'key_person_bound']);
    const seat = general.find((a) => a.rule === 'bound_person_new_seat')!;
    expect(seat.subjectIds.slice(0, 2)).toEqual([org('N'), per('li')]);
    expect(seat.evidence.map((p) => p.kind)).toEqual(['seat', 'binding']);
  });

  it('importing the same record again produces no alert, and re-evaluating the cause raises nothing twice', async () => {
    const before = await alerts();
    const again = await importPath(services, file(), { today: T });
    expect(again.counts.record.unchanged).toBe(1);
    expect(await enqueuePendingOutbox(services, 100)).toBe(0);
    const direct = await evaluateAlerts(services.gateway, {
      recordId: 'PEN-H1',
      subjectIds: [org('H')],
      hops: 2,
    });
    expect(direct.candidates).toBeGreaterThan(0);
    expect(direct.created).toEqual([]);
    expect(await sweepAlerts(services.gateway)).toMatchObject({ created: [] });
    expect((await alerts()).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('a serious record in a guarantee circle alerts the bank watching another member, and none beyond depth', async () => {
    const rows = [seriousPenalty('PEN-G1', org('G1')), seriousPenalty('PEN-F', org('F'))];
    await importPath(services, writeNdjson(dir, 'more.ndjson', rows), { today: T });
    expect(await enqueuePendingOutbox(services, 100)).toBe(2);
    await pipelineIdle(3);
    const all = await alerts();
    const bankC = all.filter((a) => a.org === 'BANK-C');
    expect(bankC).toHaveLength(1);
    expect(bankC[0]).toMatchObject({ rule: 'guarantee_network_serious_record', watchlistId: 'WL-C' });
    expect(bankC[0]!.evidence[0]!.kind).toBe('guarantee_circle');
    expect(bankC[0]!.evidence[0]!.nodes.map((n) => n.id).sort()).toEqual(
      [org('G1'), org('G1'), org('G2'), org('G3')].sort(),
    );
    // F is unrelated to B: BANK-A still has its one alert.
    expect(all.filter((a) => a.org === 'BANK-A')).toHaveLength(1);
  });
});
