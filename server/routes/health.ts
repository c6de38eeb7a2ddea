import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queueStats } from '../ops/queue-stats.ts';
import type { Services } from '../services.ts';

const check = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
const readyBody = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({ neo4j: check, redis: check }),
  down: z.array(z.string()),
  /** Per queue: jobs waiting, active, delayed and failed, and lagMs (age of the oldest waiting job). */
  queues: z
    .record(
      z.string(),
      z.object({
        waiting: z.number(),
        active: z.number(),
        delayed: z.number(),
        failed: z.number(),
        lagMs: z.number(),
      }),
    )
    .optional(),
});

const PROBE_TIMEOUT_MS = 2000;

async function probe(fn: () => Promise<unknown>): Promise<z.infer<typeof check>> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/**
 * Liveness (the process answers) and readiness (Neo4j and Redis answer; 503 naming the one that does not),
 * with each queue's depth per state and lag.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/health/live',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('live') }) } } },
    async () => ({ status: 'live' as const }),
  );

  app.get(
    '/health/ready',
    { schema: { tags: ['health'], response: { 200: readyBody, 503: readyBody } } },
    async (_req, reply) => {
      const [neo4j, redis] = await Promise.all([
        probe(() => services.gateway.ping()),
        probe(() => services.redis.ping()),
      ]);
      const down = [!neo4j.ok && 'neo4j', !redis.ok && 'redis'].filter((x): x is string => Boolean(x));
      const queues = redis.ok ? await queueStats(services.queues).catch(() => undefined) : undefined;
      return reply.code(down.length ? 503 : 200).send({
        status: down.length ? 'unavailable' : 'ready',
        checks: { neo4j, redis },
        down,
        ...(queues ? { queues } : {}),
      });
    },
  );
};
