import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portAnswers, startRedis, stopService } from '../../../infra/services.ts';
import { RedisPolicyError } from '../../../jobs/redis-connection.ts';
import { buildApp } from '../../../server/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { createServices, type Services } from '../../../server/services.ts';
import { freePort } from '../../support/free-port.ts';
import { freshServices, testConfig } from '../../support/services.ts';

let services: Services;
beforeAll(async () => {
  services = await freshServices();
});
afterAll(async () => {
  await services?.close();
});

describe('Neo4j through Bolt', () => {
  it('applies the schema idempotently', async () => {
    const first = await services.gateway.read<{ name: string }>('maintenance/list-constraints');
    await services.gateway.applySchema();
    const second = await services.gateway.read<{ name: string }>('maintenance/list-constraints');
    expect(second.map((r) => r.name)).toEqual(first.map((r) => r.name));
    expect(first.map((r) => r.name)).toEqual(
      expect.arrayContaining(['subject_id', 'organisation_uscc', 'person_id_hash']),
    );
  });

  it('rolls back a whole managed transaction when one statement fails', async () => {
    await expect(
      services.gateway.writeTx(async (tx) => {
        await tx.run('maintenance/list-constraints');
        throw new Error('abort on purpose');
      }),
    ).rejects.toThrow('abort on purpose');
    const ping = await services.gateway.read<{ ok: number }>('health/ping');
    expect(ping).toEqual([{ ok: 1 }]);
  });
});

describe('BullMQ through Redis', () => {
  it('runs a job from enqueue to completion with its result', async () => {
    const name = `foundation-${Date.now()}`;
    const queue = new Queue(name, { connection: services.redis, prefix: 'cltest' });
    const eventsConn = services.redis.duplicate();
    const workerConn = services.redis.duplicate();
    const events = new QueueEvents(name, { connection: eventsConn, prefix: 'cltest' });
    const worker = new Worker(name, async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
      connection: workerConn,
      prefix: 'cltest',
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add('double', { n: 21 }, { jobId: 'double-21' });
      const result = await job.waitUntilFinished(events, 10_000);
      expect(result).toEqual({ doubled: 42 });
      // A deterministic job id does not run twice.
      const again = await queue.add('double', { n: 21 }, { jobId: 'double-21' });
      expect(await again.getState()).toBe('completed');
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await Promise.all([eventsConn.quit(), workerConn.quit()]);
    }
  });

  it('refuses to start against a Redis whose eviction policy is not noeviction, naming the setting', async () => {
    await services.redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const cfg = testConfig();
      const attempt = createServices(cfg, createLogger(cfg));
      await expect(attempt).rejects.toBeInstanceOf(RedisPolicyError);
      await expect(attempt).rejects.toThrow(/maxmemory-policy.*allkeys-lru.*noeviction/);
    } finally {
      await services.redis.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });
});

describe('health', () => {
  it('is ready when Neo4j and Redis answer', async () => {
    const app = await buildApp(services);
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      down: [],
      checks: { neo4j: { ok: true }, redis: { ok: true } },
    });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    await app.close();
  });

  it('answers 503 naming Neo4j when the database is unreachable', async () => {
    const cfg = testConfig({ NEO4J_URI: `bolt://127.0.0.1:${await freePort()}` });
    const broken = await createServices(cfg, createLogger(cfg));
    const app = await buildApp(broken);
    try {
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'unavailable',
        down: ['neo4j'],
        checks: { redis: { ok: true } },
      });
    } finally {
      await app.close();
      await broken.close();
    }
  });
});

describe('local service manager', () => {
  it('starts Redis idempotently and leaves no process behind after stop', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-redis-'));
    const spec = { port: await freePort(), dataDir };
    const log = () => {};
    try {
      const first = await startRedis(spec, log);
      const second = await startRedis(spec, log);
      expect(first.pid).toBeGreaterThan(0);
      expect(second.pid).toBe(first.pid);
      await stopService(dataDir, 'redis', log);
      expect(() => process.kill(first.pid!, 0)).toThrow();
      expect(await portAnswers(spec.port)).toBe(false);
    } finally {
      await stopService(dataDir, 'redis', log);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
