/**
 * Accounts and API keys, stored in Neo4j beside the data they protect. Passwords are kept only as scrypt hashes
 * (password.ts); API keys only as the SHA-256 of their 256-bit secret, which a KDF would not make safer.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { Role } from '../../domain/access/roles.ts';
import { AppError } from '../errors.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import type { Principal } from './request-context.ts';

export type Account = {
  id: string;
  username: string;
  role: Role;
  org: string | null;
  disabled: boolean;
  createdAt: string;
};
type StoredAccount = Account & { passwordHash: string };

export type ApiKeyView = {
  id: string;
  accountId: string;
  label: string;
  createdAt: string;
  revoked: boolean;
};

export const API_KEY_PREFIX = 'clk_';

function publicView(a: StoredAccount): Account {
  return {
    id: a.id,
    username: a.username,
    role: a.role,
    org: a.org,
    disabled: a.disabled,
    createdAt: a.createdAt,
  };
}

function isConstraintError(err: unknown): boolean {
  return (err as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * API keys are looked up in Neo4j; a short cache keeps a system's steady traffic off the database. Revoking a key
 * or changing its account in this process drops the entry at once; other API processes notice within this time.
 */
const API_KEY_CACHE_MS = 30_000;

export class AccountStore {
  private readonly keyCache = new Map<string, { at: number; key: string; principal: Principal | null }>();

  constructor(private readonly gateway: CypherGateway) {}

  private forgetKeys(match: (keyId: string, principal: Principal | null) => boolean): void {
    for (const [id, entry] of this.keyCache) if (match(id, entry.principal)) this.keyCache.delete(id);
  }

  async create(input: {
    username: string;
    password: string;
    role: Role;
    org: string | null;
  }): Promise<Account> {
    const passwordHash = await hashPassword(input.password);
    try {
      const [row] = await this.gateway.write<StoredAccount>('accounts/create', {
        id: `acc_${randomUUID()}`,
        username: input.username,
        role: input.role,
        org: input.org,
        passwordHash,
        createdAt: new Date().toISOString(),
      });
      return publicView(row as StoredAccount);
    } catch (err) {
      if (isConstraintError(err)) {
        throw new AppError(
          409,
          'USERNAME_TAKEN',
          `username "${input.username}" is already taken; choose another`,
          {
            field: 'username',
          },
        );
      }
      throw err;
    }
  }

  async get(id: string): Promise<Account | null> {
    const [row] = await this.gateway.read<StoredAccount>('accounts/by-id', { id });
    return row ? publicView(row) : null;
  }

  async list(after: string | null, limit: number): Promise<Account[]> {
    const rows = await this.gateway.read<StoredAccount>('accounts/list', { after, limit });
    return rows.map(publicView);
  }

  async update(
    id: string,
    change: { role?: Role; org?: string | null; disabled?: boolean; password?: string },
  ): Promise<Account | null> {
    this.forgetKeys((_id, p) => p?.accountId === id);
    const [row] = await this.gateway.write<StoredAccount>('accounts/update', {
      id,
      role: change.role ?? null,
      org: change.org ?? null,
      setOrg: change.org !== undefined,
      disabled: change.disabled ?? null,
      passwordHash: change.password === undefined ? null : await hashPassword(change.password),
    });
    return row ? publicView(row) : null;
  }

  /** The account for a username and password, or null; unknown names cost as much time as wrong passwords. */
  async authenticate(username: string, password: string): Promise<Account | null> {
    const [row] = await this.gateway.read<StoredAccount>('accounts/by-username', { username });
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok || row.disabled) return null;
    return publicView(row);
  }

  /** Creates a key; the returned `key` is shown once and never stored. */
  async createApiKey(accountId: string, label: string): Promise<{ key: string; view: ApiKeyView } | null> {
    const id = randomBytes(9).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const [row] = await this.gateway.write<ApiKeyView>('accounts/create-api-key', {
      id,
      accountId,
      label,
      secretHash: sha256(secret).toString('hex'),
      createdAt: new Date().toISOString(),
    });
    return row ? { key: `${API_KEY_PREFIX}${id}.${secret}`, view: row } : null;
  }

  async apiKeysOf(accountId: string): Promise<ApiKeyView[]> {
    return this.gateway.read<ApiKeyView>('accounts/api-keys-of', { accountId });
  }

  async revokeApiKey(id: string): Promise<ApiKeyView | null> {
    this.forgetKeys((keyId) => keyId === id);
    const [row] = await this.gateway.write<ApiKeyView>('accounts/revoke-api-key', { id });
    return row ?? null;
  }

  /** The principal an API key stands for, or null when it is unknown, revoked or its account disabled. */
  async principalForApiKey(key: string): Promise<Principal | null> {
    const match = /^clk_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(key);
    if (!match) return null;
    const keyId = match[1] as string;
    const cached = this.keyCache.get(keyId);
    // The cache is keyed by key id but answers only for the exact key that was verified.
    if (cached && cached.key === key && Date.now() - cached.at < API_KEY_CACHE_MS) return cached.principal;
    const principal = await this.verifyApiKey(keyId, match[2] as string);
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    this.keyCache.set(keyId, { at: Date.now(), key, principal });
    return principal;
  }

  private async verifyApiKey(keyId: string, secret: string): Promise<Principal | null> {
    const [row] = await this.gateway.read<{
      secretHash: string;
      revoked: boolean;
      accountId: string;
      username: string;
      role: Role;
      org: string | null;
      disabled: boolean;
    }>('accounts/api-key-by-id', { id: keyId });
    if (!row || row.revoked || row.disabled) return null;
    const expected = Buffer.from(row.secretHash, 'hex');
    if (!timingSafeEqual(sha256(secret), expected)) return null;
    return { accountId: row.accountId, username: row.username, role: row.role, org: row.org, via: 'apiKey' };
  }
}
