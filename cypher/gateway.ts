/**
 * The one typed gateway to Neo4j: runs named, parameterised queries from cypher/queries and maps records to
 * plain objects with JavaScript numbers. Writes run in managed transactions (the driver retries transient
 * failures such as deadlocks and leader switches). A single read runs as an auto-commit query — one round
 * trip instead of a managed transaction's two, which halves the fixed cost of the many small reads an API
 * answer makes — retried here on the same transient failures, with the driver's shared bookmark manager so a
 * read still sees every write made before it through this gateway (causal consistency on a cluster).
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Logger } from 'pino';
import { loadQuery, loadSchemaStatements, loadShapedQuery, type QueryShape } from './query-loader.ts';

const DEFAULT_MAX_RETRY_MS = 15_000;

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface GatewayOptions {
  uri: string;
  user: string;
  password: string;
  maxPoolSize?: number;
  /** How long a managed transaction is retried on transient failures (deadlock, unavailable). */
  maxRetryMs?: number;
}

/** Runs named queries inside one managed transaction. */
export interface TxRunner {
  run<T extends Row = Row>(name: string, params?: Params): Promise<T[]>;
}

export class CypherGateway {
  private constructor(
    readonly driver: Driver,
    private readonly log: Logger,
    private readonly maxRetryMs: number,
  ) {}

  static connect(opts: GatewayOptions, log: Logger): CypherGateway {
    const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      // Counts, stakes and amounts fit in doubles; lossless Integer objects would leak into every caller.
      disableLosslessIntegers: true,
      maxConnectionPoolSize: opts.maxPoolSize ?? 50,
      connectionAcquisitionTimeout: 30_000,
      maxTransactionRetryTime: opts.maxRetryMs ?? DEFAULT_MAX_RETRY_MS,
    });
    return new CypherGateway(driver, log, opts.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
  }

  /** `shape` fills a query's `{{name}}` placeholders (quantifier bounds, arrows; see QueryShape). */
  async read<T extends Row = Row>(name: string, params: Params = {}, shape?: QueryShape): Promise<T[]> {
    const query = shape ? loadShapedQuery(name, shape) : loadQuery(name);
    const deadline = Date.now() + this.maxRetryMs;
    for (let attempt = 0; ; attempt++) {
      const session = this.driver.session({
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager: this.driver.executeQueryBookmarkManager,
      });
      let failure: unknown;
      try {
        const result = await withoutCallerStack(() => session.run(query, params));
        return result.records.map((r) => r.toObject() as T);
      } catch (err) {
        failure = err;
      } finally {
        // A session on a connection that just broke may fail to close; the outcome above is what counts.
        await session.close().catch(() => undefined);
      }
      if (!neo4j.isRetryableError(failure) || Date.now() >= deadline) throw failure;
      // The driver's backoff for managed transactions: 1 s doubling, ±20 % jitter, until the deadline.
      const wait = Math.min(1000 * 2 ** attempt * (0.8 + Math.random() * 0.4), deadline - Date.now());
      this.log.warn({ query: name, attempt: attempt + 1, waitMs: Math.round(wait) }, 'read failed; retrying');
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    }
  }

  async write<T extends Row = Row>(name: string, params: Params = {}): Promise<T[]> {
    const result = await this.driver.executeQuery(loadQuery(name), params, {
      routing: neo4j.routing.WRITE,
    });
    return result.records.map((r) => r.toObject() as T);
  }

  /** Several named queries in one write transaction: all or nothing. */
  async writeTx<R>(work: (tx: TxRunner) => Promise<R>): Promise<R> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(runnerFor(tx)));
    } finally {
      await session.close();
    }
  }

  async readTx<R>(work: (tx: TxRunner) => Promise<R>): Promise<R> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(runnerFor(tx)));
    } finally {
      await session.close();
    }
  }

  /**
   * Runs a query in an auto-commit transaction: needed for `CALL { … } IN TRANSACTIONS`, which commits batch by
   * batch and so cannot run inside a managed transaction, and one round trip where a transaction takes two
   * (the audit log's appends). Not retried: the caller decides what an unknown outcome means.
   */
  async autoCommit<T extends Row = Row>(name: string, params: Params = {}): Promise<T[]> {
    const session = this.driver.session({
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      const result = await withoutCallerStack(() => session.run(loadQuery(name), params));
      return result.records.map((r) => r.toObject() as T);
    } finally {
      await session.close();
    }
  }

  /** Creates constraints and indexes; every statement is IF NOT EXISTS, so this is idempotent. */
  async applySchema(): Promise<number> {
    const statements = loadSchemaStatements();
    for (const statement of statements) {
      await this.driver.executeQuery(statement, {}, { routing: neo4j.routing.WRITE });
    }
    await this.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { routing: neo4j.routing.READ });
    this.log.debug({ statements: statements.length }, 'graph schema applied');
    return statements.length;
  }

  /**
   * Asks Neo4j to resample out-of-date index statistics (after a bulk write, so queries planned next seek rather
   * than scan). Best effort: a failure (e.g. an account without the procedure's privilege) is logged, not thrown.
   */
  async refreshStatistics(): Promise<void> {
    try {
      await this.autoCommit('maintenance/resample-indexes');
    } catch (err) {
      this.log.warn(
        { err },
        'index statistics could not be refreshed; query plans may stay stale for a while',
      );
    }
  }

  async ping(): Promise<void> {
    await this.read('health/ping');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/**
 * Starts a query without the caller's stack trace. The driver captures and formats one for every query, so
 * that its errors point at the caller; with source maps on (tsx) that was ~8 % of the API's busy time under
 * concurrent checks (profiled), and skipping it took the API process from ~71 % to ~67 % of a core at the same
 * load. A driver error keeps its code and message and loses only those frames.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function runnerFor(tx: ManagedTransaction): TxRunner {
  return {
    async run<T extends Row>(name: string, params: Params = {}): Promise<T[]> {
      const result = await withoutCallerStack(() => tx.run(loadQuery(name), params));
      return result.records.map((r) => r.toObject() as T);
    },
  };
}
