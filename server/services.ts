/**
 * The composition root's shared services: configuration, logger, Neo4j gateway, Redis and queues.
 * Created once by whoever starts the process (server, worker, CLI, tests) and closed together.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CypherGateway } from '../cypher/gateway.ts';
import { QueueSet } from '../jobs/queues.ts';
import { assertNoEviction, createRedis } from '../jobs/redis-connection.ts';
import { AuditLog } from './audit/audit-log.ts';
import { AccountStore } from './auth/accounts.ts';
import { PortfolioScopes } from './auth/scope.ts';
import { SessionStore } from './auth/sessions.ts';
import type { Config } from './config.ts';

export interface Services {
  cfg: Config;
  log: Logger;
  gateway: CypherGateway;
  redis: Redis;
  queues: QueueSet;
  access: AccessServices;
  close(): Promise<void>;
}

/** Accounts, sessions, portfolio scopes and the audit log: who is asking and what they did. */
export interface AccessServices {
  accounts: AccountStore;
  sessions: SessionStore;
  scopes: PortfolioScopes;
  audit: AuditLog;
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
    {
      uri: cfg.NEO4J_URI,
      user: cfg.NEO4J_USER,
      password: cfg.NEO4J_PASSWORD,
      maxRetryMs: cfg.NEO4J_TX_RETRY_MS,
    },
    log,
  );
  const queues = new QueueSet(redis, cfg.QUEUE_PREFIX);
  const access: AccessServices = {
    accounts: new AccountStore(gateway),
    sessions: new SessionStore(redis, cfg.QUEUE_PREFIX, Math.round(cfg.SESSION_TTL_HOURS * 3600)),
    scopes: new PortfolioScopes(gateway, {
      depth: cfg.BANK_SCOPE_DEPTH,
      maxSubjects: cfg.BANK_SCOPE_MAX_SUBJECTS,
      cacheMs: cfg.BANK_SCOPE_CACHE_MS,
    }),
    audit: new AuditLog(gateway, cfg.AUDIT_GROUP_COMMIT_MS),
  };
  return {
    cfg,
    log,
    gateway,
    redis,
    queues,
    access,
    async close() {
      await access.audit.flush();
      await queues.close();
      await gateway.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
