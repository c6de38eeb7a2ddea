/**
 * Rescoring (architecture.md data flow step 3): read the graph (whole, paged; or the neighbourhood of changed
 * subjects), build the CSR projection, run the detectors for structural signals and the risk model
 * (analytics/risk/score-all.ts), and write score, class and factor breakdown back to the Subject nodes in
 * UNWIND batches — only where something changed, keeping the replaced score (riskPrevious) and the last score
 * of each earlier day (a capped history list).
 * The whole-graph pass runs its CPU part in a worker thread (pass-thread.ts) and stores the detector findings
 * for the detector-diff alerts (jobs/alerts/detector-findings.ts) that the following alert sweep raises.
 */
import { createHash } from 'node:crypto';
import { buildCsr } from '../../analytics/projection/build-csr.ts';
import type { ProjectionInput } from '../../analytics/projection/projection-input.ts';
import { riskClassOf } from '../../analytics/risk/record-assessment.ts';
import {
  type RescoredRow,
  rescoreFromSources,
  type StoredScore,
} from '../../analytics/risk/rescore-from-sources.ts';
import {
  DEFAULT_RISK_MODEL_CONFIG,
  type RiskModelConfig,
  STRUCTURAL_SIGNAL_KINDS,
} from '../../analytics/risk/risk-model-config.ts';
import { scoreAll } from '../../analytics/risk/score-all.ts';
import type {
  PassScores,
  WholeGraphPassOptions,
  WholeGraphPassResult,
} from '../../analytics/whole-graph-pass.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import { ALERT_RULE_CATALOGUE, type AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { type FindingsRecorded, recordDetectorFindings } from '../alerts/detector-findings.ts';
import {
  DEFAULT_WHOLE_GRAPH_PAGE,
  type LoadedGraph,
  loadNeighbourhood,
  loadWholeGraph,
  type RecordRow,
  todayInChina,
  toProjectionRecord,
} from '../projection/load-projection.ts';
import { keptStructureKey, openRecordsPass, openWholeGraphPass } from './pass-thread.ts';

export { detectorSignals } from '../../analytics/whole-graph-pass.ts';

export interface RescoreOptions {
  asOf?: IsoDate;
  config?: RiskModelConfig;
  /** Subjects per write transaction. */
  writeBatch?: number;
  /** Earlier days kept in the score history of each subject. */
  historyLength?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface RescoreAllOptions extends RescoreOptions {
  pageSize?: number;
  /** Run Louvain for the risky-community signal (default: graphs up to 300,000 subjects). */
  communities?: boolean;
  /** Run the CPU pass on this thread instead of a worker thread (jobs/score/pass-thread.ts). */
  inline?: boolean;
  /** Store the detector findings for the detector-diff alerts (default true). */
  findings?: boolean;
  /** Alert rules whose thresholds decide which findings are kept (default: the built-in catalogue). */
  catalogue?: AlertRuleCatalogue;
  /**
   * Reuse the structure (CSR, detectors) this process kept from an earlier pass when the graph's structure
   * version says only records changed since: the pass then reads only the records and the stored fingerprints.
   * The pipeline's backlog passes ask for it; the nightly pass reads everything.
   */
  reuseStructure?: boolean;
  /** Keep the structure for reuse up to this many subjects (it stays in memory between passes). */
  keepStructureUpTo?: number;
}

export interface RescoreStats {
  asOf: IsoDate;
  configVersion: string;
  subjects: number;
  edges: number;
  records: number;
  /** Subjects whose score, class or breakdown changed (and were written). */
  written: number;
  classCounts: Record<'A' | 'B' | 'C' | 'D', number>;
  converged: boolean;
  truncated?: boolean;
  /** Whole-graph pass: the structure was reused from an earlier pass (only records were read). */
  structureReused?: boolean;
  /**
   * Pipeline rescores: incremental (the sources' ball), the full neighbourhood (and why it fell back), or one
   * whole-graph pass that served a backlog.
   */
  mode?: 'incremental' | 'neighbourhood' | 'whole-graph';
  fallbackReason?: string;
  /** Pipeline rescores: waiting rescores this one took over (jobs/score/score-processor.ts). */
  covered?: number;
  /** Detector findings stored for the detector-diff alerts (whole-graph pass only). */
  findings?: FindingsRecorded;
  ms: { load: number; build: number; detect: number; score: number; write: number; total: number };
}

export const DEFAULT_RESCORE_OPTIONS = Object.freeze({
  // A batch holds its subjects' locks until it commits: small ones keep the alert path (which links alerts to
  // subjects) from waiting behind a whole-graph write-back.
  writeBatch: 2_000,
  historyLength: 20,
  communitiesUpTo: 300_000,
  // About 0.6 GB of the worker's memory at 100,000 subjects while kept (measured: jobs/score/pass-thread.ts).
  keepStructureUpTo: 300_000,
});

/** FNV-1a 32-bit, hex: a compact fingerprint of what would be written. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

interface ScoreRow {
  id: string;
  score: number;
  riskClass: string;
  own: number;
  exposure: number;
  structural: number;
  positive: number;
  signals: string[];
  exposureVia: string | null;
  hash: string;
}

/** The stored form of a score row, with the fingerprint the write query compares. */
function toScoreRow(configVersion: string, r: RescoredRow): ScoreRow {
  const signals: string[] = [];
  for (let i = 0; i < STRUCTURAL_SIGNAL_KINDS.length; i++)
    if ((r.flags >> i) & 1) signals.push(STRUCTURAL_SIGNAL_KINDS[i]!);
  const row: Omit<ScoreRow, 'hash'> = {
    id: r.id,
    score: round(r.score),
    riskClass: r.riskClass,
    own: round(r.own),
    exposure: round(r.exposure),
    structural: round(r.structural),
    positive: round(r.positive),
    signals,
    exposureVia: r.exposureVia,
  };
  const hash = fingerprint(
    [
      configVersion,
      row.score,
      row.riskClass,
      row.own,
      row.exposure,
      row.structural,
      row.positive,
      r.flags,
      row.exposureVia ?? '',
    ].join('|'),
  );
  return { ...row, hash };
}

function scoreRow(scores: PassScores, u: number): ScoreRow {
  const origin = scores.exposureOrigin[u]!;
  return toScoreRow(scores.configVersion, {
    id: scores.ids[u]!,
    score: scores.score[u]!,
    riskClass: riskClassOf(scores.riskClass[u]!),
    own: scores.own[u]!,
    exposure: scores.exposurePoints[u]!,
    structural: scores.structural[u]!,
    positive: scores.positive[u]!,
    flags: scores.structuralFlags[u]!,
    exposureVia: origin >= 0 ? scores.ids[origin]! : null,
  });
}

/** Writes the rows of `nodes` whose fingerprint differs from the stored one; returns how many were written. */
async function writeBack(
  gateway: CypherGateway,
  scores: PassScores,
  nodes: Iterable<number>,
  storedHash: (u: number) => string | undefined,
  opts: WriteOptions,
): Promise<number> {
  function* rows(): Generator<ScoreRow> {
    for (const u of nodes) {
      const row = scoreRow(scores, u);
      if (storedHash(u) !== row.hash) yield row;
    }
  }
  return writeRows(gateway, scores.configVersion, rows(), opts);
}

type WriteOptions = Required<Pick<RescoreOptions, 'writeBatch' | 'historyLength'>> & { asOf: IsoDate };

/** Writes score rows in batches; the query skips subjects whose stored fingerprint is the row's. */
async function writeRows(
  gateway: CypherGateway,
  configVersion: string,
  rows: Iterable<ScoreRow>,
  opts: WriteOptions,
): Promise<number> {
  let batch: ScoreRow[] = [];
  let written = 0;
  // Batches hold disjoint subjects (each row is one subject, written once), so two in flight never wait on each
  // other's locks, and Neo4j works on both cores; one at a time used one.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const flush = async () => {
    if (batch.length === 0) return;
    const rowsOfBatch = batch;
    batch = [];
    const write = gateway
      .write<{ written: number }>('analytics/write-scores', {
        rows: rowsOfBatch,
        asOf: opts.asOf,
        configVersion,
        historyLength: opts.historyLength,
      })
      .then(
        ([res]) => {
          written += res?.written ?? 0;
        },
        (err: unknown) => {
          failure ??= err;
        },
      )
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
  };
  for (const row of rows) {
    if (failure) break;
    batch.push(row);
    if (batch.length >= opts.writeBatch) await flush();
  }
  if (!failure) await flush();
  await Promise.all(inFlight);
  if (failure) throw failure;
  return written;
}

/** Score write-back transactions in flight at once. */
const WRITES_IN_FLIGHT = 2;

function classCounts(scores: PassScores, nodes: Iterable<number>): RescoreStats['classCounts'] {
  const c = { A: 0, B: 0, C: 0, D: 0 };
  for (const u of nodes) c[riskClassOf(scores.riskClass[u]!)]++;
  return c;
}

function* range(n: number): Generator<number> {
  for (let u = 0; u < n; u++) yield u;
}

/**
 * The structure a whole-graph pass reads is kept (in the shared pass thread) under this key: the graph's
 * structure version (analytics/structure-version.cypher) and everything else the structural part depends on.
 * Its first two entries (version, date) are read back by canReuseStructure.
 */
function structureKey(
  version: string,
  asOf: IsoDate,
  config: RiskModelConfig,
  communities: boolean | undefined,
  nomineeFindingThreshold: number,
): string {
  return JSON.stringify([version, asOf, communities ?? 'auto', nomineeFindingThreshold, config]);
}

/**
 * True when the next whole-graph pass in this process can reuse the structure it keeps: the graph's structure
 * version and the date are those it was computed for (the score stage uses this to estimate the pass's cost).
 */
export async function canReuseStructure(
  gateway: CypherGateway,
  asOf: IsoDate = todayInChina(),
): Promise<boolean> {
  const key = keptStructureKey();
  if (key === null) return false;
  const [version, keptAsOf] = JSON.parse(key) as [string, IsoDate];
  if (keptAsOf !== asOf) return false;
  const [row] = await gateway.read<{ version: string }>('analytics/read-structure-version');
  return row?.version === version;
}

/** Reads every page of `query` (keyset paging on `id`), handing each page to `take`. */
async function readPages<T extends { id: string }>(
  gateway: CypherGateway,
  query: string,
  pageSize: number,
  take: (page: T[]) => Promise<void> | void,
): Promise<void> {
  let after = '';
  for (;;) {
    const page = await gateway.read<T>(query, { after, limit: pageSize });
    if (page.length === 0) return;
    await take(page);
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

/** A whole-graph pass's scores, the stored fingerprints to compare them with, and what it read. */
interface PassRead {
  pass: WholeGraphPassResult;
  storedHash: (u: number) => string | undefined;
  records: number;
  /** When the reading ended (performance.now()). */
  readAt: number;
}

/**
 * The pass on the structure the shared thread keeps under `key`: reads only the records and the stored
 * fingerprints. Null when no structure is kept under that key (or the thread is busy).
 */
async function passOnKeptStructure(
  gateway: CypherGateway,
  key: string,
  pageSize: number,
): Promise<PassRead | null> {
  const feed = openRecordsPass(key);
  if (!feed) return null;
  const hashes = new Map<string, string>();
  let records = 0;
  try {
    await readPages<Omit<RecordRow, 'subjectId'> & { subjectId: string | null }>(
      gateway,
      'analytics/page-all-records',
      pageSize,
      async (page) => {
        const rows = page.filter((r): r is RecordRow => r.subjectId !== null);
        records += rows.length;
        await feed.add(rows.map(toProjectionRecord));
      },
    );
    await readPages<{ id: string; riskHash: string | null }>(
      gateway,
      'analytics/page-score-hashes',
      pageSize,
      (page) => {
        for (const r of page) if (r.riskHash != null) hashes.set(r.id, r.riskHash);
      },
    );
  } catch (err) {
    await feed.close();
    throw err;
  }
  const readAt = performance.now();
  const pass = await feed.run();
  if (!pass) return null;
  const ids = pass.scores.ids;
  return { pass, storedHash: (u) => hashes.get(ids[u]!), records, readAt };
}

/**
 * The pass that reads the whole graph (its pages go to the pass thread as they are read: CSR build, detectors
 * and scoring are seconds of CPU on a large graph, off this event loop, which keeps renewing the job's lock),
 * keeping the structure in the shared thread when `keep` says under what.
 */
async function passReadingEverything(
  gateway: CypherGateway,
  opts: {
    inline: boolean;
    pageSize: number;
    passOptions: (subjects: number) => WholeGraphPassOptions;
    /** The key to keep the structure under, for a graph of this many subjects (none: not kept). */
    keep: (subjects: number) => string | undefined;
    log: (msg: string, fields?: Record<string, unknown>) => void;
  },
): Promise<PassRead> {
  const feed = openWholeGraphPass({ inline: opts.inline, shared: true });
  let graph: LoadedGraph;
  try {
    graph = await loadWholeGraph(gateway, { pageSize: opts.pageSize, feed: (page) => feed.add(page) });
  } catch (err) {
    await feed.close();
    throw err;
  }
  const readAt = performance.now();
  opts.log('graph read', { ...graph.counts, pages: graph.pages });
  const keep = opts.keep(graph.counts.subjects);
  const pass = await feed.run(opts.passOptions(graph.counts.subjects), graph.dropped, keep);
  return { pass, storedHash: (u) => graph.storedHash[u], records: graph.counts.records, readAt };
}

/** The nightly job: score every subject from the whole graph. */
export async function rescoreAll(
  gateway: CypherGateway,
  options: RescoreAllOptions = {},
): Promise<RescoreStats> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const asOf = options.asOf ?? todayInChina();
  const config = options.config ?? (DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig);
  const log = options.log ?? (() => {});
  const catalogue = options.catalogue ?? ALERT_RULE_CATALOGUE;
  const nomineeFindingThreshold = catalogue.rules.new_professional_nominee.minOrganisations;
  const pageSize = options.pageSize ?? DEFAULT_WHOLE_GRAPH_PAGE;
  const inline = options.inline ?? false;
  // Read before anything of the structure is: a change committed after this gives another version.
  const [v] = await gateway.write<{ version: string; findingsKey: string | null }>(
    'analytics/structure-version',
  );
  const version = v!.version;
  const key = structureKey(version, asOf, config, options.communities, nomineeFindingThreshold);
  // The findings also depend on the catalogue's thresholds: which are kept, which are alerted.
  const findingsKey = createHash('sha256').update(key).update(JSON.stringify(catalogue)).digest('hex');

  const passOptions = (subjects: number) => ({
    config,
    asOf,
    communities: options.communities ?? subjects <= DEFAULT_RESCORE_OPTIONS.communitiesUpTo,
    nomineeFindingThreshold,
  });
  const reused =
    !inline && options.reuseStructure === true ? await passOnKeptStructure(gateway, key, pageSize) : null;
  if (reused) log('graph read: records only, structure reused', { records: reused.records });
  else if (!inline && options.reuseStructure === true)
    log('no structure kept for this pass; reading everything', {});
  const read =
    reused ??
    (await passReadingEverything(gateway, {
      inline,
      pageSize,
      passOptions,
      keep: (subjects) =>
        subjects <= (options.keepStructureUpTo ?? DEFAULT_RESCORE_OPTIONS.keepStructureUpTo)
          ? key
          : undefined,
      log,
    }));
  const { pass, storedHash } = read;
  const { scores } = pass;
  const t4 = performance.now();
  const written = await writeBack(gateway, scores, range(pass.nodeCount), storedHash, {
    asOf,
    writeBatch: options.writeBatch ?? DEFAULT_RESCORE_OPTIONS.writeBatch,
    historyLength: options.historyLength ?? DEFAULT_RESCORE_OPTIONS.historyLength,
  });
  // Findings depend on the structure only: a pass on a reused structure stores them only when the last findings
  // stored (by any worker) are not those of this structure, date, options and catalogue.
  let findings: FindingsRecorded | undefined;
  if (options.findings !== false && !(pass.structureReused && v!.findingsKey === findingsKey)) {
    findings = await recordDetectorFindings(gateway, pass.findings, { asOf, catalogue });
    await gateway.write('analytics/mark-findings-stored', { key: findingsKey });
  }
  const t5 = performance.now();
  const stats: RescoreStats = {
    asOf,
    configVersion: config.version,
    subjects: pass.nodeCount,
    edges: pass.edgeCount,
    records: read.records,
    written,
    classCounts: classCounts(scores, range(pass.nodeCount)),
    converged: scores.converged,
    structureReused: pass.structureReused,
    ...(findings ? { findings } : {}),
    ms: {
      load: read.readAt - t0,
      build: pass.ms.build,
      detect: pass.ms.detect,
      score: pass.ms.score,
      write: t5 - t4,
      total: t5 - t0,
    },
  };
  await gateway.write('analytics/record-score-pass', {
    asOf,
    ms: stats.ms.total,
    structureReused: pass.structureReused,
    subjects: stats.subjects,
    startedAt,
    finishedAt: new Date().toISOString(),
  });
  log('rescore-all done', { ...stats });
  return stats;
}

export interface RescoreNeighbourhoodOptions extends RescoreOptions {
  subjectIds: readonly string[];
  /** Subjects within this many hops of the changed ones are rescored. */
  hops: number;
  /** Node cap of the neighbourhood read. */
  maxNodes?: number;
  /**
   * The subjects' own records only gained (new records): try the incremental rescore first (exact under its
   * preconditions, analytics/risk/rescore-from-sources.ts), falling back to the full neighbourhood rescore.
   */
  incremental?: boolean;
  /** Node cap of one incremental ball before a batch of sources is split (default INCREMENTAL_BALL_NODES). */
  ballNodes?: number;
}

/** Node cap of one incremental ball: a batch of sources beyond it is split (a single source may use the full cap). */
export const INCREMENTAL_BALL_NODES = 20_000;
const DEFAULT_NEIGHBOURHOOD_NODES = 50_000;

/**
 * A neighbourhood rescore: its stats, the seeds not found, and every subject it scored (written or found
 * unchanged), so the score alert rules that follow look at all of them, again on a retry after a crash.
 */
export type NeighbourhoodRescore = RescoreStats & { missing: string[]; rescored: string[] };

function mergeIncremental(a: NeighbourhoodRescore, b: NeighbourhoodRescore): NeighbourhoodRescore {
  const sum = (k: keyof RescoreStats['ms']) => a.ms[k] + b.ms[k];
  return {
    ...a,
    subjects: a.subjects + b.subjects,
    edges: a.edges + b.edges,
    records: a.records + b.records,
    written: a.written + b.written,
    classCounts: {
      A: a.classCounts.A + b.classCounts.A,
      B: a.classCounts.B + b.classCounts.B,
      C: a.classCounts.C + b.classCounts.C,
      D: a.classCounts.D + b.classCounts.D,
    },
    missing: [...a.missing, ...b.missing],
    rescored: [...a.rescored, ...b.rescored],
    ms: {
      load: sum('load'),
      build: sum('build'),
      detect: sum('detect'),
      score: sum('score'),
      write: sum('write'),
      total: sum('total'),
    },
  };
}

type StoredRow = Omit<StoredScore, 'own'> & { id: string; own: number | null };

async function storedScores(
  gateway: CypherGateway,
  ids: readonly string[],
): Promise<Map<string, StoredScore>> {
  const out = new Map<string, StoredScore>();
  for (let i = 0; i < ids.length; i += STORED_CHUNK) {
    const rows = await gateway.read<StoredRow>('analytics/stored-scores', {
      ids: ids.slice(i, i + STORED_CHUNK),
    });
    for (const r of rows)
      if (r.own !== null && r.exposure !== null && r.structural !== null && r.positive !== null)
        out.set(r.id, { ...r, own: r.own });
  }
  return out;
}
const STORED_CHUNK = 2000;

/**
 * After new records on `sources`: the incremental rescore of analytics/risk/rescore-from-sources.ts on the
 * `exposure.maxHops` ball around them. Returns null (with the reason logged) when its preconditions do not
 * hold; rescoreNeighbourhood then does the full neighbourhood rescore.
 */
async function rescoreIncrementally(
  gateway: CypherGateway,
  options: RescoreNeighbourhoodOptions,
  asOf: IsoDate,
  config: RiskModelConfig,
  cap = Math.min(
    options.maxNodes ?? DEFAULT_NEIGHBOURHOOD_NODES,
    options.ballNodes ?? INCREMENTAL_BALL_NODES,
  ),
): Promise<NeighbourhoodRescore | { fallback: string }> {
  const t0 = performance.now();
  const loaded = await loadNeighbourhood(gateway, {
    seeds: options.subjectIds,
    expansions: [{ direction: 'both', hops: config.exposure.maxHops.value }],
    maxNodes: cap,
    asOf: null,
    skipDataIfTruncated: true,
  });
  if (loaded.truncated) {
    const seeds = options.subjectIds;
    // A batch of sources whose balls together are too large: halves, one after the other (each reads what the
    // previous wrote, as consecutive jobs would).
    if (seeds.length > 1) {
      const half = Math.ceil(seeds.length / 2);
      const parts: NeighbourhoodRescore[] = [];
      for (const part of [seeds.slice(0, half), seeds.slice(half)]) {
        const r = await rescoreIncrementally(gateway, { ...options, subjectIds: part }, asOf, config, cap);
        if ('fallback' in r) return r;
        parts.push(r);
      }
      return mergeIncremental(parts[0]!, parts[1]!);
    }
    const max = options.maxNodes ?? DEFAULT_NEIGHBOURHOOD_NODES;
    if (cap < max) return rescoreIncrementally(gateway, options, asOf, config, max);
    return { fallback: `the ball around the sources hit the node cap (${cap})` };
  }
  const stored = await storedScores(gateway, [...loaded.hopsOf.keys()]);
  const t1 = performance.now();
  const csr = buildCsr(loaded.input, { asOf });
  const t2 = performance.now();
  const result = rescoreFromSources(csr, loaded.input.records, config, asOf, options.subjectIds, (id) =>
    stored.get(id),
  );
  if (!result.ok) return { fallback: result.reason };
  const t3 = performance.now();
  const written = await writeRows(
    gateway,
    config.version,
    result.rows.map((r) => toScoreRow(config.version, r)),
    {
      asOf,
      writeBatch: options.writeBatch ?? DEFAULT_RESCORE_OPTIONS.writeBatch,
      historyLength: options.historyLength ?? DEFAULT_RESCORE_OPTIONS.historyLength,
    },
  );
  const t4 = performance.now();
  const classCounts = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of result.rows) classCounts[r.riskClass]++;
  return {
    asOf,
    configVersion: config.version,
    mode: 'incremental',
    subjects: result.rows.length,
    edges: loaded.input.edges.length,
    records: loaded.input.records.length,
    written,
    classCounts,
    converged: true,
    truncated: false,
    missing: loaded.missingSeeds,
    rescored: result.rows.map((r) => r.id),
    ms: { load: t1 - t0, build: t2 - t1, detect: 0, score: t3 - t2, write: t4 - t3, total: t4 - t0 },
  };
}

/**
 * After a change: rescore the subjects within `hops` of the changed ones, on a neighbourhood read `hops` +
 * exposure.maxHops deep so their exposure sees as far as in the whole-graph pass. Structural signals are the
 * cheap local ones (loops, nominees); the nightly whole-graph job adds the clustering detectors.
 */
export async function rescoreNeighbourhood(
  gateway: CypherGateway,
  options: RescoreNeighbourhoodOptions,
): Promise<NeighbourhoodRescore> {
  const t0 = performance.now();
  const asOf = options.asOf ?? todayInChina();
  const config = options.config ?? (DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig);
  let fallbackReason: string | undefined;
  if (options.incremental) {
    const fast = await rescoreIncrementally(gateway, options, asOf, config);
    if (!('fallback' in fast)) return fast;
    fallbackReason = fast.fallback;
    options.log?.('incremental rescore not applicable; full neighbourhood rescore', {
      reason: fast.fallback,
    });
  }
  const loaded = await loadNeighbourhood(gateway, {
    seeds: options.subjectIds,
    expansions: [{ direction: 'both', hops: options.hops + config.exposure.maxHops.value }],
    maxNodes: options.maxNodes ?? DEFAULT_NEIGHBOURHOOD_NODES,
    asOf: null,
  });
  const t1 = performance.now();
  const input: ProjectionInput = loaded.input;
  const csr = buildCsr(input, { asOf });
  const t2 = performance.now();
  const scores = scoreAll(csr, input.records, config, asOf);
  const t3 = performance.now();
  const inner: number[] = [];
  for (const [id, h] of loaded.hopsOf) if (h <= options.hops) inner.push(csr.indexOf.get(id)!);
  // No stored fingerprints read here: the write query itself skips subjects whose fingerprint is unchanged.
  const written = await writeBack(gateway, scores, inner, () => undefined, {
    asOf,
    writeBatch: options.writeBatch ?? DEFAULT_RESCORE_OPTIONS.writeBatch,
    historyLength: options.historyLength ?? DEFAULT_RESCORE_OPTIONS.historyLength,
  });
  const t4 = performance.now();
  return {
    asOf,
    configVersion: config.version,
    subjects: inner.length,
    edges: input.edges.length,
    records: input.records.length,
    written,
    classCounts: classCounts(scores, inner),
    converged: scores.converged,
    truncated: loaded.truncated,
    mode: 'neighbourhood',
    ...(fallbackReason ? { fallbackReason } : {}),
    missing: loaded.missingSeeds,
    rescored: inner.map((u) => csr.ids[u]!),
    ms: { load: t1 - t0, build: t2 - t1, detect: 0, score: t3 - t2, write: t4 - t3, total: t4 - t0 },
  };
}
