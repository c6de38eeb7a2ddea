/**
 * The audit log's tamper evidence (issue 7): every entry carries the hash of the one before it, so changing,
 * removing or re-ordering any stored entry breaks every hash after it. Pure: entries in, hashes and a verdict
 * out; the store (server/audit/audit-log.ts) only persists what this computes.
 */
import { createHash } from 'node:crypto';

/** What is recorded for one request; `seq`, `prevHash` and `hash` are added when it is chained. */
export interface AuditFields {
  at: string;
  actor: string | null;
  username: string | null;
  role: string | null;
  org: string | null;
  method: string;
  route: string;
  path: string;
  subjects: string[];
  status: number;
  outcome: 'ok' | 'denied' | 'invalid' | 'error';
  action: string | null;
  ip: string | null;
}

export interface ChainedAuditEntry extends AuditFields {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

const FIELD_ORDER: ReadonlyArray<keyof AuditFields> = [
  'at',
  'actor',
  'username',
  'role',
  'org',
  'method',
  'route',
  'path',
  'subjects',
  'status',
  'outcome',
  'action',
  'ip',
];

/** Hash over a fixed field order (not JSON.stringify of the object, whose key order depends on how it was built). */
export function entryHash(seq: number, prevHash: string, fields: AuditFields): string {
  const canonical = JSON.stringify([seq, prevHash, ...FIELD_ORDER.map((k) => fields[k])]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Chains new entries after the head (the last stored entry's seq and hash). */
export function chainEntries(
  head: { seq: number; hash: string },
  batch: readonly AuditFields[],
): ChainedAuditEntry[] {
  let { seq, hash } = head;
  return batch.map((fields) => {
    seq += 1;
    const entry = { ...fields, subjects: [...fields.subjects], seq, prevHash: hash, hash: '' };
    entry.hash = entryHash(seq, hash, entry);
    hash = entry.hash;
    return entry;
  });
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first entry whose stored hash or link does not match, and why. */
  broken: { seq: number; reason: string } | null;
}

/**
 * Verifies entries given in ascending seq order, continuing from `after` (the previous page's last entry, or the
 * genesis). Call it page by page with the returned state to verify a long log in bounded memory.
 */
export function verifyChain(
  entries: readonly ChainedAuditEntry[],
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerdict & { last: { seq: number; hash: string } } {
  let last = after;
  let checked = 0;
  for (const e of entries) {
    if (e.seq !== last.seq + 1) {
      return {
        ok: false,
        checked,
        broken: { seq: last.seq + 1, reason: `entry ${last.seq + 1} is missing` },
        last,
      };
    }
    if (e.prevHash !== last.hash) {
      return {
        ok: false,
        checked,
        broken: { seq: e.seq, reason: 'does not link to the entry before it' },
        last,
      };
    }
    if (entryHash(e.seq, e.prevHash, e) !== e.hash) {
      return { ok: false, checked, broken: { seq: e.seq, reason: 'content does not match its hash' }, last };
    }
    last = { seq: e.seq, hash: e.hash };
    checked += 1;
  }
  return { ok: true, checked, broken: null, last };
}
