/** Test-side composition: the real services, configured for the instances of global-setup.ts. */
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices, type Services } from '../../server/services.ts';

export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...inject('testEnv'), ...overrides };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(testEnv(overrides));
}

/** Real services on the test instances, with an empty database and empty queues. */
export async function freshServices(overrides: Record<string, string> = {}): Promise<Services> {
  const cfg = testConfig(overrides);
  const services = await createServices(cfg, createLogger(cfg));
  await services.gateway.autoCommit('maintenance/delete-all');
  await services.gateway.applySchema();
  await services.redis.flushdb();
  return services;
}
