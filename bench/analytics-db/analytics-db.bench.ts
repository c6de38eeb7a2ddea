/**
 * Analytics against the database: a generated city-shaped dataset imported through the real import, then
 * the whole-graph projection read from Neo4j, each detector and the full risk pass on it (beside the plain
 * way: graphology construction, a recursive Tarjan over graphology — graphology-components is not installed,
 * so a textbook recursive Tarjan stands in for it —, a neighbour-count over graphology for nominees, and the
 * neighbourhood exposure query in Cypher alone vs our bounded projection + explanation), the whole rescoring
 * job (read, compute, write back), and one subject's ownership / controllers / risk explanation through the API.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MultiDirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from '../../analytics/components/strongly-connected-components.ts';
import { buildCsr } from '../../analytics/projection/build-csr.ts';
import {
  type RelationAttributes,
  type SubjectAttributes,
  toGraphology,
} from '../../analytics/projection/to-graphology.ts';
import { DEFAULT_RISK_MODEL_CONFIG, type RiskModelConfig } from '../../analytics/risk/risk-model-config.ts';
import { scoreAll } from '../../analytics/risk/score-all.ts';
import { LIMITS } from '../../domain/limits.ts';
import { runImport } from '../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../jobs/ingest/validation-context.ts';
import { DETECTORS, runDetector } from '../../jobs/projection/graph-snapshot.ts';
import { loadWholeGraph } from '../../jobs/projection/load-projection.ts';
import { subjectRisk } from '../../jobs/projection/subject-analytics.ts';
import { DEFAULT_RESCORE_OPTIONS, detectorSignals, type RescoreStats } from '../../jobs/score/rescore.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices, type Services } from '../../server/services.ts';
import { authHeaders } from '../../test/support/auth.ts';
import { recursiveTarjan } from '../analytics/baselines.ts';
import { writeDataset } from '../data/generate-dataset.ts';
import { type BenchContext, type BenchRow, type BenchSuite, percentile } from '../types.ts';

const SUITE = 'analytics-db';
const execFileAsync = promisify(execFile);
const AS_OF = '2024-06-30';
const mb = (bytes: number) => bytes / 1048576;
const heapMb = () => {
  const m = process.memoryUsage();
  return mb(m.heapUsed + m.arrayBuffers);
};
/** Peak resident set of this process so far. */

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; heapDeltaMb: number }> {
  const before = heapMb();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0, heapDeltaMb: Math.max(0, heapMb() - before) };
}

async function latencies(
  n: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; ms: number }> {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i); // warm-up: pool, plan cache, JIT
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  const ms = performance.now() - t0;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), ms };
}

/** Professional nominees the plain way: distinct seat targets per person through graphology's edge iteration. */
function plainNominees(
  graph: MultiDirectedGraph<SubjectAttributes, RelationAttributes>,
  threshold: number,
): number {
  let found = 0;
  graph.forEachNode((v, attrs) => {
    if (attrs.kind !== 'natural_person') return;
    const orgs = new Set<string>();
    graph.forEachOutEdge(v, (_e, a, _s, w) => {
      if (a.type === 'LEGAL_REP' || a.type === 'OFFICER') orgs.add(w);
    });
    if (orgs.size >= threshold) found++;
  });
  return found;
}

async function importDataset(services: Services, size: number, ctx: BenchContext): Promise<BenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-analytics-'));
  const file = path.join(dir, 'dataset.ndjson');
  try {
    const stats = await writeDataset(file, { subjects: size });
    ctx.log(
      `analytics-db: importing ${size} subjects (${stats.relations} relations, ${stats.records} records)…`,
    );
    const t0 = performance.now();
    const summary = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: services.cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: LIMITS.importBatchSize,
    });
    const ms = performance.now() - t0;
    return {
      suite: SUITE,
      name: 'setup: import generated dataset (subjects, relations, records)',
      size,
      unit: 'subjects',
      ms,
      perSecond: (summary.rowsRead / ms) * 1000,
      notes: `${summary.rowsRead} rows, ${summary.errorCount} rejected`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs bench/analytics-db/rescore-job.ts in a child process; its stats and peak RSS. */
async function runRescoreJob(
  env: NodeJS.ProcessEnv,
  asOf: string,
): Promise<{ stats: RescoreStats; peakRssMb: number }> {
  const script = fileURLToPath(new URL('./rescore-job.ts', import.meta.url));
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script, asOf], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { stats: RescoreStats; peakRssMb: number };
}

async function runSize(ctx: BenchContext, size: number): Promise<BenchRow[]> {
  const cfg = loadConfig(ctx.env);
  const services = await createServices(cfg, createLogger(cfg));
  const rows: BenchRow[] = [];
  const row = (r: Omit<BenchRow, 'suite' | 'size' | 'unit'>) =>
    rows.push({ suite: SUITE, size, unit: 'subjects', ...r });
  const config = DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig;
  try {
    await services.gateway.autoCommit('maintenance/delete-all');
    await services.gateway.applySchema();
    rows.push(await importDataset(services, size, ctx));

    // 1. One subject at a time, before this process reads the whole graph: an API process never holds it, and a
    // heap of several gigabytes would add garbage-collection pauses that production does not have.
    // Neighbourhood exposure, Cypher alone vs bounded projection + explanation, same subjects; then the API.
    const sample = (
      await services.gateway.read<{ id: string }>('bench/sample-held-organisations', {
        count: 30,
        asOf: AS_OF,
      })
    ).map((r) => r.id);
    const cypherOnly = await latencies(sample.length, (i) =>
      services.gateway.read('analytics/exposure-cypher-only', { id: sample[i]!, asOf: AS_OF }),
    );
    row({
      name: 'exposure of one subject: Cypher-only 1..3-hop path query (baseline)',
      ms: cypherOnly.ms,
      p50Ms: cypherOnly.p50,
      p95Ms: cypherOnly.p95,
      notes: `${sample.length} subjects`,
    });
    const ours = await latencies(sample.length, (i) =>
      subjectRisk(services.gateway, { id: sample[i]!, asOf: AS_OF }),
    );
    row({
      name: 'exposure of one subject: bounded projection + explainSubject',
      ms: ours.ms,
      p50Ms: ours.p50,
      p95Ms: ours.p95,
      ratioVsBaseline: cypherOnly.p50 / ours.p50,
      notes: `${sample.length} subjects; full explanation incl. records, bindings, structural signals`,
    });

    // One subject through the API.
    const app = await buildApp(services);
    // A regulator: unscoped, like the analysts these routes serve; each request is audited as in production.
    const headers = await authHeaders(services, 'regulator');
    try {
      for (const [label, url] of [
        ['ownership (up, with chains)', (id: string) => `/api/v1/subjects/${id}/ownership?asOf=${AS_OF}`],
        [
          'controllers (actual controller + beneficial owners)',
          (id: string) => `/api/v1/subjects/${id}/controllers?asOf=${AS_OF}`,
        ],
        ['risk explanation', (id: string) => `/api/v1/subjects/${id}/risk?asOf=${AS_OF}`],
      ] as const) {
        const l = await latencies(sample.length, async (i) => {
          const res = await app.inject({ method: 'GET', url: url(sample[i]!), headers });
          if (res.statusCode !== 200) throw new Error(`${url(sample[i]!)} → ${res.statusCode} ${res.body}`);
        });
        row({
          name: `api: one subject's ${label}`,
          ms: l.ms,
          p50Ms: l.p50,
          p95Ms: l.p95,
          target: '≤ 50 ms',
          notes: `${sample.length} subjects, app.inject (no network)`,
        });
      }
    } finally {
      await app.close();
    }

    // 2. Projection from Neo4j.
    ctx.log('analytics-db: whole-graph read…');
    const loaded = await timed(() => loadWholeGraph(services.gateway));
    const input = loaded.value.input;
    row({
      name: 'projection: read whole graph from Neo4j (keyset pages of 20k subjects)',
      ms: loaded.ms,
      memoryMb: loaded.heapDeltaMb,
      notes: `${input.nodes.length} subjects, ${input.edges.length} relationships, ${input.records.length} records, ${loaded.value.pages} pages`,
    });
    const built = await timed(() => buildCsr(input, { asOf: AS_OF }));
    const csr = built.value;

    // 3. Our detectors and the full risk pass, before any baseline.
    const scc = await timed(() => stronglyConnectedComponents(csr, { types: ['SHAREHOLDER'] }));
    const detectorMs = new Map<string, number>();
    // Above this size the nightly job leaves Louvain out; it is measured after the memory row instead.
    const withCommunities = size <= DEFAULT_RESCORE_OPTIONS.communitiesUpTo;
    const detect = async (name: (typeof DETECTORS)[number], note = '') => {
      const r = await timed(() => runDetector(csr, name));
      detectorMs.set(name, r.ms);
      row({
        name: `detector: ${name}`,
        ms: r.ms,
        memoryMb: r.heapDeltaMb,
        notes: `${r.value.length} items${note}`,
      });
    };
    for (const name of DETECTORS) if (name !== 'communities' || withCommunities) await detect(name);
    const signals = await timed(() => detectorSignals(csr, config, withCommunities));
    row({ name: 'risk: structural signals (the nightly job’s detectors)', ms: signals.ms });
    const risk = await timed(() => scoreAll(csr, input.records, config, AS_OF, { signals: signals.value }));
    let classD = 0;
    for (const c of risk.value.riskClass) if (c === 3) classD++;
    row({
      name: 'risk: scoreAll, full risk pass after projection',
      ms: risk.ms,
      memoryMb: risk.heapDeltaMb,
      target: size >= 1_000_000 ? '≤ 10 s at 1M' : undefined,
      notes: `${risk.value.rounds} rounds, converged=${risk.value.converged}, class D ${classD}`,
    });
    // Peak memory is the job's, measured in its own process below: a peak RSS here would carry over the peaks
    // of the suites and sizes run before it in this process.

    if (!withCommunities)
      await detect(
        'communities',
        '; measured after our risk pass: the nightly job leaves Louvain out at this size',
      );

    // 4. The plain way, beside ours.
    const graph = await timed(() => toGraphology(input, { asOf: AS_OF }));
    row({
      name: 'projection: graphology MultiDirectedGraph build (baseline)',
      ms: graph.ms,
      memoryMb: graph.heapDeltaMb,
    });
    row({
      name: 'projection: buildCsr (validate + as-of filter)',
      ms: built.ms,
      memoryMb: built.heapDeltaMb,
      ratioVsBaseline: graph.ms / built.ms,
      notes: `${csr.edgeCount} relationships valid on ${AS_OF}`,
    });
    let tarjanMs = Number.NaN;
    let tarjanNote = '';
    try {
      tarjanMs = (await timed(() => recursiveTarjan(graph.value, 'SHAREHOLDER'))).ms;
    } catch (e) {
      tarjanNote = e instanceof RangeError ? 'overflowed the stack' : String(e);
    }
    row({
      name: 'scc: recursive Tarjan on graphology (baseline)',
      ms: tarjanMs,
      notes: tarjanNote || undefined,
    });
    row({
      name: 'scc: iterative Tarjan on CSR (ownership)',
      ms: scc.ms,
      ...(Number.isNaN(tarjanMs) ? {} : { ratioVsBaseline: tarjanMs / scc.ms }),
      notes: `${scc.value.count} components`,
    });
    const plainNom = await timed(() => plainNominees(graph.value, 10));
    row({
      name: 'detector: professional nominees, graphology edge iteration (baseline)',
      ms: plainNom.ms,
      ratioVsBaseline: plainNom.ms / (detectorMs.get('professional-nominees') ?? Number.NaN),
      notes: `${plainNom.value} persons`,
    });
    graph.value.clear();

    // 5. The whole rescoring job in a process of its own (its peak memory is the job's): read, compute, write
    // back; the first run writes every subject, the second only what changed (nothing).
    ctx.log('analytics-db: rescoring job…');
    for (const pass of ['first run: writes every subject', 'second run: nothing changed']) {
      const t0 = performance.now();
      const { stats: s, peakRssMb: jobPeak } = await runRescoreJob(ctx.env, AS_OF);
      row({
        name: `job: rescore-all (${pass})`,
        ms: performance.now() - t0,
        memoryMb: jobPeak,
        target: size >= 1_000_000 ? '≤ 180 s and ≤ 4096 MB at 1M' : undefined,
        notes: `read ${(s.ms.load / 1000).toFixed(1)} s, build ${(s.ms.build / 1000).toFixed(1)} s, detect ${(s.ms.detect / 1000).toFixed(1)} s, score ${(s.ms.score / 1000).toFixed(1)} s, write ${(s.ms.write / 1000).toFixed(1)} s; ${s.written} written; classes ${JSON.stringify(s.classCounts)}; time includes the process start; memoryMb = the job process's peak RSS`,
      });
    }
    return rows;
  } finally {
    await services.close();
  }
}

export const analyticsDbSuite: BenchSuite = {
  name: SUITE,
  needsServices: true,
  async run(ctx) {
    const sizes = ctx.sizes.length > 0 ? ctx.sizes : [100_000];
    const rows: BenchRow[] = [];
    for (const size of sizes) rows.push(...(await runSize(ctx, size)));
    return rows;
  },
};
