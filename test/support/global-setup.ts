/**
 * Integration and e2e tests get their own Neo4j and Redis: free ports and a temporary data folder,
 * never the data of `npm start`. Started once per test project, stopped (and checked gone) after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type Neo4jSpec, type RedisSpec, startNeo4j, startRedis, stopService } from '../../infra/services.ts';
import { freePort } from './free-port.ts';
import { privateServiceEnv } from './private-env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
    /** The test Neo4j, for fault tests that stop and restart it. */
    neo4jSpec: Neo4jSpec;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-linkage-test-'));
  const neo4j: Neo4jSpec = {
    port: await freePort(),
    password: 'test-password-123',
    heap: '1g',
    pageCache: '256m',
    dataDir: path.join(dir, 'neo4j'),
  };
  const redis: RedisSpec = { port: await freePort(), dataDir: path.join(dir, 'redis') };
  const log = (m: string) => process.stderr.write(`[test services] ${m}\n`);
  await Promise.all([startNeo4j(neo4j, log), startRedis(redis, log)]);
  project.provide('neo4jSpec', neo4j);
  project.provide(
    'testEnv',
    privateServiceEnv(dir, neo4j, redis, {
      logLevel: 'silent',
      prefix: 'cltest',
      secret: 'test-secret-0123456789',
    }),
  );
  return async () => {
    await Promise.all([stopService(neo4j.dataDir, 'neo4j', log), stopService(redis.dataDir, 'redis', log)]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
