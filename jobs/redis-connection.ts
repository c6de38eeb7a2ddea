/**
 * Redis connections for BullMQ. BullMQ keeps jobs as Redis keys: a Redis that may evict keys can
 * silently lose jobs, so we refuse to run against one whose maxmemory-policy is not noeviction.
 */
import { Redis } from 'ioredis';

export class RedisPolicyError extends Error {
  readonly code = 'REDIS_EVICTION_POLICY';
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}", but this app needs "noeviction": with eviction, Redis may drop queued jobs. ` +
        'Set `maxmemory-policy noeviction` in redis.conf (or run `CONFIG SET maxmemory-policy noeviction`) and start again.',
    );
  }
}

/** A connection suitable for BullMQ workers and queues (blocking commands must not give up). */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name });
}

export async function assertNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new RedisPolicyError(policy);
}
