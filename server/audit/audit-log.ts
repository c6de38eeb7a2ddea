/**
 * The append-only, hash-chained audit log (issue 7), stored in Neo4j. Appends are group-committed: requests that
 * finish while a write is in flight are chained and stored together in the next transaction, so the log keeps up
 * with a busy API while each request still waits until its own entry is durable before its answer leaves. A
 * request's own durable rows (companions) ride in the same transaction.
 */
import type { CypherGateway } from '../../cypher/gateway.ts';
import {
  type AuditFields,
  type ChainedAuditEntry,
  chainEntries,
  GENESIS_HASH,
  verifyChain,
} from '../../domain/audit/chain.ts';

/** Entries per transaction: bounds one transaction's size when a burst queues thousands. */
const MAX_BATCH = 500;
const VERIFY_PAGE = 5000;

/**
 * A row a request stores in the same transaction as its audit entry (the check log of a check before handling):
 * it commits exactly when the entry does, and one commit serves both. Rows of one query are written together,
 * as `$rows`.
 */
export interface AuditCompanion {
  query: string;
  row: Record<string, unknown>;
}

interface Pending {
  fields: AuditFields;
  companions: readonly AuditCompanion[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface AuditFilter {
  actor?: string | undefined;
  subject?: string | undefined;
  outcome?: AuditFields['outcome'] | undefined;
  route?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The head moved since this appender last wrote it. */
class StaleHead extends Error {}

/** The chain's last entry: its sequence number and hash. */
type Head = { seq: number; hash: string };

export class AuditLog {
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** The last head this appender committed: it may chain after it without reading it first. */
  private head: Head | null = null;

  constructor(private readonly gateway: CypherGateway) {}

  /** Resolves once the entry (and its companions) are stored and chained. */
  append(fields: AuditFields, companions: readonly AuditCompanion[] = []): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ fields, companions, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        // With the head this appender wrote last, one round trip stores the batch and its companions; when another
        // process moved the head meanwhile, that transaction stores nothing and the batch is chained again.
        if (!(this.head && (await this.store(batch, this.head)))) {
          this.head = null;
          await this.store(batch, null);
        }
        for (const p of batch) p.resolve();
      } catch (err) {
        this.head = null;
        for (const p of batch) p.reject(err);
      }
    }
  }

  /**
   * Stores a batch chained after `known` (verified under the head's lock) or, without it, after the head read under
   * its lock. False when `known` is no longer the head; nothing is then stored.
   */
  private async store(batch: readonly Pending[], known: Head | null): Promise<boolean> {
    const byQuery = new Map<string, Record<string, unknown>[]>();
    for (const c of batch.flatMap((p) => p.companions)) {
      const rows = byQuery.get(c.query) ?? [];
      rows.push(c.row);
      byQuery.set(c.query, rows);
    }
    const committed = await this.gateway
      .writeTx(async (tx) => {
        const head = known ?? ((await tx.run<Head>('audit/lock-head', { genesis: GENESIS_HASH }))[0] as Head);
        const chained = chainEntries(
          head,
          batch.map((p) => p.fields),
        );
        const last = chained[chained.length - 1] as ChainedAuditEntry;
        // Sent together: the driver pipelines a transaction's queries, so the companions cost no extra round trip.
        const [appended] = await Promise.all([
          known
            ? tx.run('audit/append-after', {
                entries: chained,
                expectedSeq: known.seq,
                expectedHash: known.hash,
                seq: last.seq,
                hash: last.hash,
              })
            : tx.run('audit/append', { entries: chained, seq: last.seq, hash: last.hash }),
          ...[...byQuery].map(([query, rows]) => tx.run(query, { rows })),
        ]);
        // A stale head: fail the transaction so the companions written beside it are rolled back too.
        if (appended.length === 0) throw new StaleHead();
        return { seq: last.seq, hash: last.hash } satisfies Head;
      })
      .catch((err: unknown) => {
        if (err instanceof StaleHead) return null;
        throw err;
      });
    if (committed) this.head = committed;
    return committed !== null;
  }

  /** Waits for everything appended so far (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }

  async page(filter: AuditFilter, before: number | null, limit: number): Promise<ChainedAuditEntry[]> {
    const rows = await this.gateway.read<{ entry: ChainedAuditEntry }>('audit/page', {
      before,
      actor: filter.actor ?? null,
      subject: filter.subject ?? null,
      outcome: filter.outcome ?? null,
      route: filter.route ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      limit,
    });
    return rows.map((r) => normalise(r.entry));
  }

  /** Re-computes the whole chain from the first entry and compares it with the head. */
  async verify(): Promise<{
    ok: boolean;
    checked: number;
    head: { seq: number; hash: string | null };
    broken: { seq: number; reason: string } | null;
  }> {
    const [headRow] = await this.gateway.read<{ seq: number; hash: string | null }>('audit/head');
    const head = headRow ?? { seq: 0, hash: null };
    let state = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const rows = await this.gateway.read<{ entry: ChainedAuditEntry }>('audit/range', {
        after: state.seq,
        limit: VERIFY_PAGE,
      });
      if (rows.length === 0) break;
      const verdict = verifyChain(
        rows.map((r) => normalise(r.entry)),
        state,
      );
      checked += verdict.checked;
      if (!verdict.ok) return { ok: false, checked, head, broken: verdict.broken };
      state = verdict.last;
    }
    if (state.seq !== head.seq || (head.seq > 0 && state.hash !== head.hash)) {
      return {
        ok: false,
        checked,
        head,
        broken: {
          seq: state.seq + 1,
          reason: `the log ends at ${state.seq} but its head says ${head.seq}: entries were removed`,
        },
      };
    }
    return { ok: true, checked, head, broken: null };
  }
}

/** Neo4j drops null properties; put them back so hashes are computed over the same fields that were stored. */
function normalise(e: Partial<ChainedAuditEntry>): ChainedAuditEntry {
  return {
    seq: e.seq as number,
    prevHash: e.prevHash as string,
    hash: e.hash as string,
    at: e.at as string,
    actor: e.actor ?? null,
    username: e.username ?? null,
    role: e.role ?? null,
    org: e.org ?? null,
    method: e.method as string,
    route: e.route as string,
    path: e.path as string,
    subjects: e.subjects ?? [],
    status: e.status as number,
    outcome: e.outcome as AuditFields['outcome'],
    action: e.action ?? null,
    ip: e.ip ?? null,
  };
}
