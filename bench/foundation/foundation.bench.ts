/**
 * Foundation: Neo4j Bolt round-trip latency (read and write) and BullMQ enqueue-to-complete
 * throughput against the local services.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices } from '../../server/services.ts';
import { type BenchContext, type BenchRow, type BenchSuite, percentile } from '../types.ts';

async function neo4jRoundTrips(ctx: BenchContext, n: number): Promise<BenchRow[]> {
  const cfg = loadConfig(ctx.env);
  const services = await createServices(cfg, createLogger(cfg));
  try {
    const rows: BenchRow[] = [];
    for (const [name, run] of [
      ['neo4j read round-trip (RETURN 1)', () => services.gateway.read('health/ping')],
      [
        'neo4j write round-trip (MERGE one node)',
        () => services.gateway.write('maintenance/bench-touch', { key: 'bench' }),
      ],
    ] as const) {
      for (let i = 0; i < 50; i++) await run(); // warm-up: connection pool and query plan cache
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      const ms = performance.now() - started;
      times.sort((a, b) => a - b);
      rows.push({
        suite: 'foundation',
        name,
        size: n,
        unit: 'sequential queries',
        ms,
        perSecond: (n / ms) * 1000,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
      });
    }
    return rows;
  } finally {
    await services.close();
  }
}

async function bullmqThroughput(ctx: BenchContext, n: number): Promise<BenchRow> {
  const cfg = loadConfig(ctx.env);
  const services = await createServices(cfg, createLogger(cfg));
  const name = `bench-throughput-${Date.now()}`;
  const queue = new Queue(name, { connection: services.redis, prefix: cfg.QUEUE_PREFIX });
  // BullMQ does not close connections it was given: keep them to close them ourselves.
  const eventsConn = services.redis.duplicate();
  const workerConn = services.redis.duplicate();
  const events = new QueueEvents(name, { connection: eventsConn, prefix: cfg.QUEUE_PREFIX });
  let done = 0;
  let resolveAll: () => void = () => {};
  const allDone = new Promise<void>((r) => {
    resolveAll = r;
  });
  const worker = new Worker(name, async (job) => (job.data as { i: number }).i, {
    connection: workerConn,
    prefix: cfg.QUEUE_PREFIX,
    concurrency: 50,
  });
  worker.on('completed', () => {
    done += 1;
    if (done === n) resolveAll();
  });
  try {
    await worker.waitUntilReady();
    const started = performance.now();
    for (let i = 0; i < n; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { jobId: `j-${i + k}`, removeOnComplete: true },
      }));
      await queue.addBulk(batch);
    }
    await allDone;
    const ms = performance.now() - started;
    return {
      suite: 'foundation',
      name: 'bullmq enqueue→complete (no-op jobs, concurrency 50)',
      size: n,
      unit: 'jobs',
      ms,
      perSecond: (n / ms) * 1000,
    };
  } finally {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all([eventsConn.quit(), workerConn.quit()]);
    await services.close();
  }
}

export const foundationSuite: BenchSuite = {
  name: 'foundation',
  needsServices: true,
  async run(ctx) {
    const rows = await neo4jRoundTrips(ctx, 2000);
    rows.push(await bullmqThroughput(ctx, 20_000));
    return rows;
  },
};
