import type { Neo4jSpec, RedisSpec } from '../../infra/services.ts';

/**
 * The configuration environment for a private Neo4j and Redis (tests and benchmarks run their own,
 * never the data of `npm start`): external to the app, so it neither starts nor stops them.
 */
export function privateServiceEnv(
  dir: string,
  neo4j: Neo4jSpec,
  redis: RedisSpec,
  opts: { logLevel: string; prefix: string; secret: string },
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: opts.logLevel,
    DATA_DIR: dir,
    NEO4J_URI: `bolt://127.0.0.1:${neo4j.port}`,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_MANAGED: 'false',
    REDIS_URL: `redis://127.0.0.1:${redis.port}`,
    REDIS_MANAGED: 'false',
    QUEUE_PREFIX: opts.prefix,
    PII_HASH_SECRET: opts.secret,
  };
}
