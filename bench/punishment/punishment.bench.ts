/**
 * Joint punishment: propagation throughput (records/s) on a generated city-shaped graph imported through the
 * real import, then `GET /api/v1/check` latency p50/p95 under concurrent requests against the API in a process of
 * its own, from clients in another.
 *
 * Propagation takes the pending outbox backlog in batches of records per transaction (the queue job handles one
 * record; a backlog is better served several per transaction): first ~1,000 records spread over it (the fresh
 * Neo4j's first transactions, reported apart), then the rest cold (every inclusion new), then the whole backlog
 * again (nothing changes: the idempotent re-run). Check requests mix bound subjects, companies reached through their
 * current legal representative (改头换面) and random subjects, across scenarios.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../domain/catalogues/measures.ts';
import { runImport } from '../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../jobs/ingest/validation-context.ts';
import { type PropagationSummary, propagateRecords } from '../../jobs/propagate/propagate.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createServices, type Services } from '../../server/services.ts';
import { authHeaders } from '../../test/support/auth.ts';
import { writeDataset } from '../data/generate-dataset.ts';
import { apiInChild } from '../support/api-in-child.ts';
import { closedLoopInChild } from '../support/closed-loop-client.ts';
import { type BenchContext, type BenchRow, type BenchSuite, percentile } from '../types.ts';

const SUITE = 'punishment';
const DEFAULT_SUBJECTS = 100_000;
/** Share of companies with a record: 20 % gives a backlog large enough to time (the generator's default is 5 %). */
const RECORD_SHARE = 0.2;
const RECORDS_PER_TX = 500;
/** Transactions in flight at once. */
const PARALLEL_TX = 2;
/**
 * Records propagated first, spread over the backlog, and reported apart: a freshly started Neo4j ran its first
 * ~1,000 at ~600 records/s (compiling the write path) against ~1,900 after, which said more about the bench
 * starting Neo4j than about propagation.
 */
const WARM_UP_RECORDS = 1000;

/**
 * Concurrent clients and the requests timed for each: ~20 s per run. A few seconds of 8 clients put the p95 at
 * the mercy of one pause (runs of 4,000 requests gave 16.5 to 22 ms on the same code).
 */
const CHECK_RUNS = [
  { concurrency: 1, requests: 4000 },
  { concurrency: 8, requests: 12000 },
];

async function propagateAll(
  services: Services,
  ids: readonly string[],
): Promise<{ ms: number; total: PropagationSummary }> {
  const total: PropagationSummary = {
    records: 0,
    missing: [],
    bindingsWritten: 0,
    added: 0,
    withdrawn: 0,
    outboxDone: 0,
  };
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += RECORDS_PER_TX) batches.push(ids.slice(i, i + RECORDS_PER_TX));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL_TX }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const s = await propagateRecords(services.gateway, batch);
        total.records += s.records;
        total.bindingsWritten += s.bindingsWritten;
        total.added += s.added;
        total.withdrawn += s.withdrawn;
        total.outboxDone += s.outboxDone;
      }
    }),
  );
  return { ms: performance.now() - t0, total };
}

/** Check latency with `concurrency` clients in a process of their own (bench/support/closed-loop-client.ts). */
async function checkLatency(
  base: string,
  headers: Record<string, string>,
  subjects: readonly string[],
  concurrency: number,
  n: number,
): Promise<{ p50: number; p95: number; ms: number; errors: number; cpuMs: number }> {
  const urls = Array.from({ length: subjects.length * SCENARIOS.length }, (_, k) => {
    const subject = subjects[k % subjects.length]!;
    const scenario = SCENARIOS[k % SCENARIOS.length]!;
    return `${base}/api/v1/check?subject=${encodeURIComponent(subject)}&scenario=${scenario}`;
  });
  const r = await closedLoopInChild({ urls, headers, concurrency, requests: n, warmup: 400 });
  const times = [...r.times].sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    ms: r.ms,
    errors: r.errors,
    cpuMs: r.cpuMs,
  };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const subjects = ctx.sizes[0] ?? DEFAULT_SUBJECTS;
  const cfg = loadConfig(ctx.env);
  const services = await createServices(cfg, createLogger(cfg));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-punishment-'));
  const rows: BenchRow[] = [];
  try {
    await services.gateway.autoCommit('maintenance/delete-all');
    await services.gateway.applySchema();
    const file = path.join(dir, 'dataset.ndjson');
    const stats = await writeDataset(file, { subjects, recordShare: RECORD_SHARE, seed: 5 });
    ctx.log(
      `punishment: importing ${stats.subjects} subjects, ${stats.relations} relations, ${stats.records} records…`,
    );
    const imported = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: cfg.IMPORT_BATCH_SIZE,
    });
    ctx.log(`punishment: imported in ${(imported.ms / 1000).toFixed(1)} s; propagating…`);

    const all = (await services.gateway.read<{ id: string }>('punishment/all-record-ids')).map((r) => r.id);
    const stride = Math.max(1, Math.round(all.length / WARM_UP_RECORDS));
    const warm = all.filter((_, k) => k % stride === 0);
    const ids = all.filter((_, k) => k % stride !== 0);
    const first = await propagateAll(services, warm);
    rows.push({
      suite: SUITE,
      name: 'propagation, first records on a fresh Neo4j (warm-up)',
      size: first.total.records,
      unit: `records, one in ${stride} of the backlog`,
      ms: first.ms,
      perSecond: (first.total.records / first.ms) * 1000,
    });
    const cold = await propagateAll(services, ids);
    rows.push({
      suite: SUITE,
      name: `propagation, cold (${RECORDS_PER_TX} records/tx, ${PARALLEL_TX} tx in flight)`,
      size: cold.total.records,
      unit: `records, the rest of the backlog (${stats.subjects.toLocaleString('en')} subjects; ${cold.total.added.toLocaleString('en')} inclusions in ${cold.total.bindingsWritten.toLocaleString('en')} bindings)`,
      ms: cold.ms,
      perSecond: (cold.total.records / cold.ms) * 1000,
      target: '>= 2,000 records/s',
      notes: `${Math.round((cold.total.added / cold.ms) * 1000).toLocaleString('en')} inclusions/s`,
    });
    const again = await propagateAll(services, all);
    rows.push({
      suite: SUITE,
      name: 'propagation, re-run (nothing changes)',
      size: again.total.records,
      unit: `records (${again.total.bindingsWritten} bindings written)`,
      ms: again.ms,
      perSecond: (again.total.records / again.ms) * 1000,
    });
    ctx.log(
      `punishment: ${cold.total.records} records → ${cold.total.added} inclusions (${cold.total.bindingsWritten} bindings) in ${(cold.ms / 1000).toFixed(1)} s`,
    );

    const sample = await services.gateway.read<{ id: string; grp: string }>(
      'punishment/sample-check-subjects',
      { limit: 300 },
    );
    const ordered = [...sample].sort((a, b) => a.id.localeCompare(b.id)).map((s) => s.id);
    const groups = sample.reduce<Record<string, number>>((acc, s) => {
      acc[s.grp] = (acc[s.grp] ?? 0) + 1;
      return acc;
    }, {});
    const headers = await authHeaders(services, 'credit_office');
    const api = await apiInChild(ctx.env);
    try {
      for (const { concurrency: c, requests } of CHECK_RUNS) {
        const r = await checkLatency(api.base, headers, ordered, c, requests);
        rows.push({
          suite: SUITE,
          name: `GET /api/v1/check, ${c} concurrent client(s)`,
          size: requests,
          unit: `requests (${ordered.length} subjects: ${Object.entries(groups)
            .map(([g, n]) => `${n} ${g}`)
            .join(', ')}; ${stats.subjects.toLocaleString('en')}-subject graph)`,
          ms: r.ms,
          perSecond: (requests / r.ms) * 1000,
          p50Ms: r.p50,
          p95Ms: r.p95,
          target: 'p95 <= 20 ms',
          notes: `${r.errors ? `${r.errors} non-2xx answers` : 'every check kept as a CheckLog node'}; clients' CPU ${(r.cpuMs / requests).toFixed(2)} ms per request`,
        });
      }
    } finally {
      await api.stop();
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await services.close();
  }
}

export const punishmentSuite: BenchSuite = { name: SUITE, needsServices: true, run };
