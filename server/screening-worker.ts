/**
 * The 'screening' queue worker (issue 7): runs large screening batches in the background. The results go to
 * Neo4j, so it may run in any process; it is started next to the import worker. `scopeFor` builds the portfolio
 * scope of the principal each job carries (server/auth/scope.ts), so a bank's batch sees what the bank sees.
 */
import { createScreeningProcessor } from '../jobs/screening/processor.ts';
import type { ScopeFactory } from '../jobs/screening/scope.ts';
import { startWorkers, type WorkerHandle } from '../jobs/workers.ts';
import type { Services } from './services.ts';

/** The portfolio scope of the principal a job carries: the same PortfolioScopes the API's requests use. */
export const portfolioScopeFactory =
  (services: Services): ScopeFactory =>
  (p) =>
    services.access.scopes.scopeFor({
      accountId: p.accountId,
      username: p.username ?? '',
      role: p.role,
      org: p.org,
      via: 'session',
    });

export function startScreeningWorker(
  services: Services,
  scopeFor: ScopeFactory = portfolioScopeFactory(services),
): WorkerHandle {
  const { cfg } = services;
  return startWorkers(
    { screening: createScreeningProcessor({ gateway: services.gateway, scopeFor }) },
    // One batch at a time per process: a batch already keeps two chunks of queries in flight.
    { redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, concurrency: 1, log: services.log },
  );
}
