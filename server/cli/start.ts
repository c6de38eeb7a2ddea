/**
 * `npm start`: starts the local services (unless configured external), applies the graph schema,
 * builds the web app when its sources changed, and runs the API with the workers in one process.
 * Ctrl-C (or SIGTERM) stops all of it, the local Neo4j and Redis included.
 */
import { servicesDown, servicesUp } from '../../infra/local-services.ts';
import { ServiceError } from '../../infra/services.ts';
import { enqueuePendingOutbox } from '../../jobs/propagate/propagate.ts';
import { RedisPolicyError } from '../../jobs/redis-connection.ts';
import { pipelineProcessors } from '../../jobs/registry.ts';
import { installSchedules } from '../../jobs/schedules.ts';
import { startWorkers, type WorkerHandle } from '../../jobs/workers.ts';
import { buildApp } from '../app.ts';
import { type DemoAccount, describeDemoAccounts, ensureDemoAccounts } from '../auth/demo-accounts.ts';
import { ConfigError, loadConfig, pipelineSettings, scheduleSettings } from '../config.ts';
import { startImportWorker } from '../import-worker.ts';
import { createLogger } from '../logger.ts';
import { startScreeningWorker } from '../screening-worker.ts';
import { createServices, type Services } from '../services.ts';
import { ensureWebBuilt } from './web-build.ts';

/** Outbox markers handed to the propagate queue at once; more wait for the next import or start. */
const OUTBOX_ENQUEUE_LIMIT = 200_000;

async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg);
  const say = (m: string) => log.info(m);

  await servicesUp(cfg, say);
  let services: Services | undefined;
  let workers: WorkerHandle | undefined;
  let importWorker: WorkerHandle | undefined;
  let screeningWorker: WorkerHandle | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let demo: DemoAccount[] = [];

  // One shutdown, however many signals arrive: npm and tsx forward Ctrl-C to this process too, and a
  // second signal must wait for the first shutdown rather than exit halfway through it.
  let stopped: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopped ??= (async () => {
      log.info({ reason }, 'stopping');
      await app?.close().catch(() => {});
      await importWorker?.close().catch(() => {});
      await screeningWorker?.close().catch(() => {});
      await workers?.close().catch(() => {});
      await services?.close().catch(() => {});
      await servicesDown(cfg, say);
    })();
    return stopped;
  };
  const onSignal = (signal: string) => void shutdown(signal).finally(() => process.exit(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    services = await createServices(cfg, log);
    const statements = await services.gateway.applySchema();
    log.info({ statements }, 'graph schema applied');
    await ensureWebBuilt(cfg, log);
    app = await buildApp(services);
    const ready = services;
    // Each import hands its new and changed records to propagation as soon as it ends.
    importWorker = startImportWorker(ready, async () => {
      await enqueuePendingOutbox(ready, OUTBOX_ENQUEUE_LIMIT);
    });
    // Large screening batches run in the background with the portfolio scope of whoever submitted them.
    screeningWorker = startScreeningWorker(ready);
    // Markers left pending by a crash between an import's commit and its enqueue are picked up at start.
    await enqueuePendingOutbox(ready, OUTBOX_ENQUEUE_LIMIT);
    if (cfg.RUN_WORKERS) {
      await installSchedules(ready.queues, scheduleSettings(cfg));
      const processors = pipelineProcessors({
        gateway: ready.gateway,
        queues: ready.queues,
        log,
        ...pipelineSettings(cfg),
      });
      workers = startWorkers(processors, {
        redisUrl: cfg.REDIS_URL,
        prefix: cfg.QUEUE_PREFIX,
        concurrency: cfg.WORKER_CONCURRENCY,
        log,
      });
    }
    if (cfg.DEMO_ACCOUNTS) demo = await ensureDemoAccounts(ready);
    await app.listen({ host: cfg.HOST, port: cfg.PORT });
  } catch (err) {
    await shutdown('start failed').catch(() => {});
    throw err;
  }
  const url = `http://${cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST}:${cfg.PORT}`;
  console.log(
    `\ncredit-linkage is running: ${url}\n  API docs: ${url}/docs\n  readiness: ${url}/health/ready\n${demo.length ? `${describeDemoAccounts(demo)}\n` : ''}Press Ctrl-C to stop.\n`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ServiceError || err instanceof RedisPolicyError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
