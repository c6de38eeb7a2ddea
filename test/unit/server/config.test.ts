import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('loadConfig', () => {
  it('applies defaults and derives ports and data folders', () => {
    const cfg = loadConfig({}, '/srv/app');
    expect(cfg.PORT).toBe(3000);
    expect(cfg.neo4jBoltPort).toBe(7687);
    expect(cfg.redisPort).toBe(6379);
    expect(cfg.paths.neo4j).toBe('/srv/app/.data/neo4j');
    expect(cfg.NEO4J_MANAGED).toBe(true);
  });

  it('reads booleans, numbers and URLs from the environment', () => {
    const cfg = loadConfig({
      PORT: '8080',
      NEO4J_MANAGED: 'false',
      NEO4J_URI: 'bolt://db:17687',
      REDIS_URL: 'redis://q:6390',
    });
    expect(cfg.PORT).toBe(8080);
    expect(cfg.NEO4J_MANAGED).toBe(false);
    expect(cfg.neo4jBoltPort).toBe(17687);
    expect(cfg.redisHost).toBe('q');
  });

  it('fails fast naming every bad variable and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', NEO4J_URI: 'http://x', NEO4J_HEAP: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['LOG_LEVEL', 'NEO4J_HEAP', 'NEO4J_URI', 'PORT']);
    expect((error as Error).message).toMatch(/LOG_LEVEL: .*"loud"/);
    expect((error as Error).message).toMatch(/NEO4J_URI: .*bolt:/);
  });

  it('requires a real PII hash secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PII_HASH_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', PII_HASH_SECRET: 'a-long-production-secret' }).NODE_ENV).toBe(
      'production',
    );
  });
});
