/**
 * Prometheus metrics at GET /metrics (issue 6, operations): queue depth per queue and state, queue lag, the last
 * whole-graph rescore (when it finished, how long it took), HTTP requests by route, method and status (count and
 * duration), and the process's own metrics (CPU, memory, event loop lag, GC). /metrics is outside /api and not
 * behind sign-in: turn it off with METRICS_ENABLED=false, and do not expose it publicly (let the reverse proxy keep
 * it to the monitoring network).
 *
 * Registered on the root instance before the routes, so its timing hooks see every route.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Services } from '../services.ts';
import { QUEUE_STATES, queueStats } from './queue-stats.ts';

/** Process metrics are collected once per process (their collectors live as long as the process). */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export const METRICS_PATH = '/metrics';

const plugin: FastifyPluginAsync<{ services: Services }> = async (app: FastifyInstance, { services }) => {
  if (!services.cfg.METRICS_ENABLED) return;
  const registry = new Registry();
  const depth = new Gauge({
    name: 'credit_linkage_queue_jobs',
    help: 'Jobs in a BullMQ queue by state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'credit_linkage_queue_lag_seconds',
    help: 'Age of the oldest waiting job of a queue (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
  });
  const queuesUp = new Gauge({
    name: 'credit_linkage_queue_stats_up',
    help: '1 when the queue figures of this scrape could be read from Redis, 0 otherwise',
    registers: [registry],
  });
  // The last whole-graph rescore, labelled with the day it scored as of; absent before the first.
  const lastPass = (name: string, help: string) =>
    new Gauge({
      name,
      help: `${help}, labelled with the day it scored as of`,
      labelNames: ['as_of'],
      registers: [registry],
    });
  const passFinished = lastPass(
    'credit_linkage_rescore_last_finished_timestamp_seconds',
    'When the last whole-graph rescore finished (Unix time)',
  );
  const passDuration = lastPass(
    'credit_linkage_rescore_last_duration_seconds',
    'How long the last whole-graph rescore took',
  );
  const requests = new Counter({
    name: 'credit_linkage_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'credit_linkage_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL: ids in paths would make one series per subject.
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === METRICS_PATH) return;
    const labels = { route, method: req.method, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  /** A store that does not answer must not hang the scrape: its figures are then reported missing. */
  async function within<T>(work: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${what} did not answer within 2 s`)), 2000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function refreshQueues(): Promise<void> {
    try {
      const stats = await within(queueStats(services.queues), 'Redis');
      depth.reset();
      lag.reset();
      for (const [queue, s] of Object.entries(stats)) {
        for (const state of QUEUE_STATES) depth.set({ queue, state }, s[state]);
        lag.set({ queue }, s.lagMs / 1000);
      }
      queuesUp.set(1);
    } catch (err) {
      services.log.warn({ err: (err as Error).message }, 'metrics: queue figures unavailable');
      depth.reset();
      lag.reset();
      queuesUp.set(0);
    }
  }

  /** Scores older than a day mean the nightly rescore stopped running: worth an alarm of its own. */
  async function refreshLastPass(): Promise<void> {
    passFinished.reset();
    passDuration.reset();
    try {
      const [last] = await within(
        services.gateway.read<{ asOf: string; ms: number; finishedAt: string }>('analytics/last-score-pass'),
        'Neo4j',
      );
      if (!last) return;
      passFinished.set({ as_of: last.asOf }, Date.parse(last.finishedAt) / 1000);
      passDuration.set({ as_of: last.asOf }, last.ms / 1000);
    } catch (err) {
      services.log.warn({ err: (err as Error).message }, 'metrics: last whole-graph rescore unavailable');
    }
  }

  app.get(METRICS_PATH, { schema: { hide: true } }, async (_req, reply) => {
    await Promise.all([refreshQueues(), refreshLastPass()]);
    const merged = Registry.merge([processMetrics(), registry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
};

// Not encapsulated (what fastify-plugin does): the timing hook must apply to the whole app.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
export const metricsPlugin = plugin;
