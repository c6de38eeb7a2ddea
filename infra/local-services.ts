/** The local services as the app's configuration describes them (the test setup builds its own specs). */
import type { Config } from '../server/config.ts';
import {
  type Neo4jSpec,
  neo4jStatus,
  type RedisSpec,
  redisStatus,
  type ServiceStatus,
  startNeo4j,
  startRedis,
  stopService,
} from './services.ts';

export function specsFromConfig(cfg: Config): { neo4j: Neo4jSpec; redis: RedisSpec } {
  return {
    neo4j: {
      port: cfg.neo4jBoltPort,
      password: cfg.NEO4J_PASSWORD,
      heap: cfg.NEO4J_HEAP,
      pageCache: cfg.NEO4J_PAGECACHE,
      dataDir: cfg.paths.neo4j,
    },
    redis: { port: cfg.redisPort, dataDir: cfg.paths.redis },
  };
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/** Starts what this configuration manages (both in parallel: Neo4j's JVM start dominates). */
export async function servicesUp(cfg: Config, log: (m: string) => void): Promise<void> {
  const specs = specsFromConfig(cfg);
  const jobs: Promise<unknown>[] = [];
  if (cfg.NEO4J_MANAGED) jobs.push(startNeo4j(specs.neo4j, log));
  if (cfg.REDIS_MANAGED && isLocal(cfg.redisHost)) jobs.push(startRedis(specs.redis, log));
  await Promise.all(jobs);
}

export async function servicesDown(cfg: Config, log: (m: string) => void): Promise<void> {
  const specs = specsFromConfig(cfg);
  await Promise.all([
    stopService(specs.neo4j.dataDir, 'neo4j', log),
    stopService(specs.redis.dataDir, 'redis', log),
  ]);
}

export async function servicesStatus(cfg: Config): Promise<ServiceStatus[]> {
  const specs = specsFromConfig(cfg);
  return Promise.all([neo4jStatus(specs.neo4j), redisStatus(specs.redis)]);
}
