/**
 * The composition root's shared services: configuration, logger, Neo4j gateway, Redis and queues.
 * Created once by whoever starts the process (server, worker, CLI, tests) and closed together.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CypherGateway } from '../cypher/gateway.ts';
import { QueueSet } from '../jobs/queues.ts';
import { assertNoEviction, createRedis } from '../jobs/redis-connection.ts';
import type { Config } from './config.ts';

export interface Services {
  cfg: Config;
  log: Logger;
  gateway: CypherGateway;
  redis: Redis;
  queues: QueueSet;
  close(): Promise<void>;
}

export async function createServices(cfg: Config, log: Logger): Promise<Services> {
  const redis = createRedis(cfg.REDIS_URL, 'credit-linkage');
  try {
    await assertNoEviction(redis);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const gateway = CypherGateway.connect(
    { uri: cfg.NEO4J_URI, user: cfg.NEO4J_USER, password: cfg.NEO4J_PASSWORD },
    log,
  );
  const queues = new QueueSet(redis, cfg.QUEUE_PREFIX);
  return {
    cfg,
    log,
    gateway,
    redis,
    queues,
    async close() {
      await queues.close();
      await gateway.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
