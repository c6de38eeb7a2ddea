/**
 * Session tokens for people signing in. The token is 256 random bits shown to the client once; Redis keeps only
 * its SHA-256 with the principal and a time-to-live, so a Redis dump does not hand out live sessions. Each
 * account's sessions are indexed so disabling the account or changing its role ends them at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Principal } from './request-context.ts';

export const SESSION_PREFIX = 'cls_';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(hash: string) {
    return `${this.keyPrefix}:session:${hash}`;
  }
  private indexKey(accountId: string) {
    return `${this.keyPrefix}:account-sessions:${accountId}`;
  }

  async create(principal: Omit<Principal, 'via'>): Promise<{ token: string; expiresAt: string }> {
    const token = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
    const hash = digest(token);
    await this.redis
      .multi()
      .set(this.key(hash), JSON.stringify(principal), 'EX', this.ttlSeconds)
      .sadd(this.indexKey(principal.accountId), hash)
      .expire(this.indexKey(principal.accountId), this.ttlSeconds)
      .exec();
    return { token, expiresAt: new Date(Date.now() + this.ttlSeconds * 1000).toISOString() };
  }

  async resolve(token: string): Promise<Principal | null> {
    if (!token.startsWith(SESSION_PREFIX) || token.length > 100) return null;
    const raw = await this.redis.get(this.key(digest(token)));
    if (!raw) return null;
    return { ...(JSON.parse(raw) as Omit<Principal, 'via'>), via: 'session' };
  }

  async end(token: string): Promise<void> {
    await this.redis.del(this.key(digest(token)));
  }

  /** Ends every session of an account (disabled, role or organisation changed, password reset). */
  async endAllOf(accountId: string): Promise<number> {
    const hashes = await this.redis.smembers(this.indexKey(accountId));
    if (hashes.length === 0) return 0;
    await this.redis.del(...hashes.map((h) => this.key(h)), this.indexKey(accountId));
    return hashes.length;
  }
}
