/**
 * A mutex in Redis across worker processes: SET NX with a lease that the holder renews while it works, released
 * only by its holder (compare-and-delete). A holder that dies frees the lock when its lease runs out.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  constructor(key: string, waitedMs: number) {
    super(`lock ${key}: still held by another worker after ${waitedMs} ms; the job will be retried`);
  }
}

export interface LockOptions {
  /** Lease; renewed every third of it while `fn` runs. */
  leaseMs?: number;
  /** How long to wait for the lock before giving up with LockTimeoutError. */
  waitMs?: number;
}

export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const leaseMs = opts.leaseMs ?? 30_000;
  const waitMs = opts.waitMs ?? 120_000;
  const token = randomUUID();
  const t0 = Date.now();
  let pause = 10;
  while ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    if (Date.now() - t0 > waitMs) throw new LockTimeoutError(key, Date.now() - t0);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(50, pause * 2);
  }
  const renew = setInterval(() => {
    redis.eval(RENEW, 1, key, token, leaseMs).catch(() => {});
  }, leaseMs / 3);
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, key, token).catch(() => {});
  }
}
