import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { createMaintenanceProcessor } from '../../../jobs/expiry/processor.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { installSchedules, SCHEDULER_IDS } from '../../../jobs/schedules.ts';
import { startWorkers } from '../../../jobs/workers.ts';
import type { Services } from '../../../server/services.ts';
import { importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';

const rng = mulberry32(5);
const A = generateUscc(rng);
const P = generateResidentId(rng, { birthFrom: '1970-01-01', birthTo: '1990-12-31' });

let services: Services;
beforeAll(async () => {
  services = await freshServices();
});
afterAll(async () => {
  await services?.close();
});

const reconcile = (s: Services) =>
  createMaintenanceProcessor({ gateway: s.gateway, queues: s.queues })({
    name: 'reconcile-outbox',
    data: {},
  } as Job) as Promise<{
    queued: number;
  }>;
const pending = (s: Services) => s.gateway.read<{ id: string }>('punishment/pending-outbox', { limit: 100 });

describe('outbox reconciler and schedules', () => {
  it('installs the three job schedulers idempotently', async () => {
    const settings = { reconcileEveryMs: 60_000, rescoreCron: '0 2 * * *', expiryCron: '5 0 * * *' };
    await installSchedules(services.queues, settings);
    await installSchedules(services.queues, settings);
    const ids = [
      ...(await services.queues.get('maintenance').getJobSchedulers()),
      ...(await services.queues.get('score').getJobSchedulers()),
    ].map((s) => s.key);
    expect(ids.sort()).toEqual([...SCHEDULER_IDS].sort());
  });

  it('after Redis loses everything, queues each pending record once, and propagation then clears the outbox', async () => {
    const dir = tempDir();
    writeNdjson(dir, 'data.ndjson', [
      { kind: 'subject', subjectKind: 'enterprise', name: '甲公司', uscc: A },
      { kind: 'subject', subjectKind: 'natural_person', name: '张三', idNumber: P },
      { kind: 'relation', type: 'LEGAL_REP', from: P, to: A, validFrom: '2020-01-01' },
      {
        kind: 'record',
        id: 'PEN-R1',
        subject: A,
        category: 'administrative_penalty',
        severity: 'serious',
        authority: '市场监督管理局',
        actDate: '2024-02-10',
        decisionDate: '2024-05-20',
      },
    ]);
    await importPath(services, `${dir}/data.ndjson`);
    expect(await pending(services)).toHaveLength(1);

    await services.redis.flushdb();
    expect((await reconcile(services)).queued).toBe(1);
    expect((await reconcile(services)).queued).toBe(1);
    // Queued twice, held once: the job id is deterministic.
    expect(await services.queues.get('propagate').getJobCountByTypes('waiting', 'active', 'completed')).toBe(
      1,
    );

    const workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
      redisUrl: services.cfg.REDIS_URL,
      prefix: services.cfg.QUEUE_PREFIX,
      concurrency: 1,
      log: services.log,
    });
    try {
      for (let i = 0; i < 100 && (await pending(services)).length > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await pending(services)).toEqual([]);
      expect((await reconcile(services)).queued).toBe(0);
    } finally {
      await workers.close();
    }
  });
});
