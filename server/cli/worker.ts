/**
 * A worker-only process (docker compose's `worker` service, scaled with --scale worker=N):
 * runs the pipeline stages and screening batches against the configured Neo4j and Redis, no HTTP.
 */

import { RedisPolicyError } from '../../jobs/redis-connection.ts';
import { pipelineProcessors } from '../../jobs/registry.ts';
import { installSchedules } from '../../jobs/schedules.ts';
import { startWorkers } from '../../jobs/workers.ts';
import { ConfigError, loadConfig, pipelineSettings, scheduleSettings } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startScreeningWorker } from '../screening-worker.ts';
import { createServices } from '../services.ts';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg, 'credit-linkage-worker');
  const services = await createServices(cfg, log);
  await services.gateway.applySchema();
  await installSchedules(services.queues, scheduleSettings(cfg));
  const workers = startWorkers(
    pipelineProcessors({
      gateway: services.gateway,
      queues: services.queues,
      log,
      ...pipelineSettings(cfg),
    }),
    {
      redisUrl: cfg.REDIS_URL,
      prefix: cfg.QUEUE_PREFIX,
      concurrency: cfg.WORKER_CONCURRENCY,
      log,
    },
  );
  // Screening batches need no local files, so worker processes share them with the API process.
  const screening = startScreeningWorker(services);
  // One stop, however many signals arrive (a second one must not exit halfway through the first).
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await screening.close();
      await workers.close();
      await services.close();
      process.exit(0);
    })();
    return stopped;
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof RedisPolicyError ? err.message : err);
  process.exit(1);
});
