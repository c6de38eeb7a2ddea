/**
 * One import at a time, across the CLI and every API instance: the import's CREATE fast path relies on
 * no other import writing relationships to the subjects it is creating. A Redis lock with a lease that
 * is renewed while the import runs, so a crashed importer frees it within the lease.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const LEASE_MS = 30_000;

export class ImportBusyError extends Error {
  readonly code = 'IMPORT_BUSY';
}

export async function withImportLock<T>(
  redis: Redis,
  prefix: string,
  work: () => Promise<T>,
  opts: { waitMs?: number } = {},
): Promise<T> {
  const key = `${prefix}:import-lock`;
  const token = randomUUID();
  const deadline = Date.now() + (opts.waitMs ?? 0);
  for (;;) {
    if ((await redis.set(key, token, 'PX', LEASE_MS, 'NX')) === 'OK') break;
    if (Date.now() >= deadline) {
      throw new ImportBusyError(
        'Another import is running; try again when it has finished (imports run one at a time).',
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const renew = setInterval(() => {
    // Renew only our own lease.
    void redis.eval(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
      1,
      key,
      token,
      LEASE_MS,
    );
  }, LEASE_MS / 3);
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await redis.eval(
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
      1,
      key,
      token,
    );
  }
}
