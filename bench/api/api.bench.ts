/**
 * Search and screening through the real HTTP stack (issue 7): authentication, rate limiting, portfolio scope and
 * the audit log included, on a generated city-shaped graph (default 1,000,000 subjects) imported through the real
 * import, its records propagated and every subject scored (bench/support/settle-history.ts). Beside them, in the
 * same run and measured the same way, a plain Fastify route that only returns a constant, so the framework's own
 * cost on this machine is visible. The API and the plain server run in processes of their own, the clients in
 * others (bench/support).
 *
 * - latency: one client, sequential requests, p50/p95 over many distinct subjects;
 * - throughput: autocannon with several connections for a fixed time;
 * - batch: 10,000 subjects (name + USCC) submitted as one job, timed until its results are complete.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImport } from '../../jobs/ingest/run-import.ts';
import { listImportFiles } from '../../jobs/ingest/sources.ts';
import { validationContextNow } from '../../jobs/ingest/validation-context.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startScreeningWorker } from '../../server/screening-worker.ts';
import { createServices } from '../../server/services.ts';
import { authHeaders } from '../../test/support/auth.ts';
import { writeDataset } from '../data/generate-dataset.ts';
import { apiInChild, plainInChild } from '../support/api-in-child.ts';
import { type LoadRequest, loadInChild } from '../support/autocannon-in-child.ts';
import { closedLoopInChild } from '../support/closed-loop-client.ts';
import { settleHistory } from '../support/settle-history.ts';
import { type BenchContext, type BenchRow, type BenchSuite, percentile } from '../types.ts';

const SUITE = 'api';
const DEFAULT_SUBJECTS = 1_000_000;
const LATENCY_REQUESTS = 2000;
const THROUGHPUT_SECONDS = 15;
const CONNECTIONS = 16;
const BATCH = 10_000;

type Sample = {
  id: string;
  name: string;
  uscc: string;
};

/** Requests over distinct subjects, as many as the sample holds; every measurement goes round them in turn. */
const requestsOf = (n: number, req: (k: number) => LoadRequest): LoadRequest[] =>
  Array.from({ length: n }, (_, k) => req(k));

/** One client in a process of its own, sequential requests: p50 and p95. */
async function latency(base: string, headers: Record<string, string>, requests: LoadRequest[]) {
  const r = await closedLoopInChild({
    urls: requests.map((q) => `${base}${q.path}`),
    bodies: requests.map((q) => q.body ?? null),
    headers,
    concurrency: 1,
    requests: LATENCY_REQUESTS,
    warmup: 100, // JIT, plan cache, pools
  });
  const times = [...r.times].sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), ms: r.ms, errors: r.errors };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const subjects = ctx.sizes[0] ?? DEFAULT_SUBJECTS;
  const cfg = loadConfig(ctx.env);
  const services = await createServices(cfg, createLogger(cfg));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-bench-api-'));
  const rows: BenchRow[] = [];
  const size = `${subjects.toLocaleString('en')}-subject graph`;
  try {
    await services.gateway.autoCommit('maintenance/delete-all');
    await services.gateway.applySchema();
    const file = path.join(dir, 'dataset.ndjson');
    const stats = await writeDataset(file, { subjects, seed: 11 });
    ctx.log(
      `api: importing ${stats.subjects} subjects, ${stats.relations} relations, ${stats.records} records…`,
    );
    const imported = await runImport(listImportFiles(file), {
      gateway: services.gateway,
      secret: cfg.PII_HASH_SECRET,
      validation: validationContextNow(),
      batchSize: cfg.IMPORT_BATCH_SIZE,
    });
    // Screened as in service: the records' measures propagated to the persons behind the companies and every
    // subject scored, as the nightly job leaves the graph.
    const settled = await settleHistory(services);
    ctx.log(
      `api: imported in ${(imported.ms / 1000).toFixed(1)} s; ${settled.records} records propagated (${settled.bindings} bindings) in ${(settled.propagateMs / 1000).toFixed(1)} s, scored in ${(settled.rescoreMs / 1000).toFixed(1)} s`,
    );
    const sample = await services.gateway.read<Sample>('maintenance/sample-organisations', {
      every: Math.max(1, Math.floor(stats.organisations / (BATCH * 1.5))),
      limit: BATCH,
    });
    if (sample.length < 1000) throw new Error(`only ${sample.length} organisations sampled`);
    const at = (k: number) => sample[k % sample.length] as Sample;
    // Name fragments as people type them: the distinctive middle of a registered name.
    const fragment = (k: number) => at(k).name.slice(2, 6);

    // The API and the plain server each in a process of their own, as deployed, and the load from others: the
    // suite's process holds the generated city, and its garbage collection would show in the API's latency.
    const api = await apiInChild(ctx.env);
    const plain = await plainInChild();
    const screeningWorker = startScreeningWorker(services);
    const base = api.base;
    const plainBase = plain.base;
    const headers = await authHeaders(services, 'regulator');
    try {
      const kinds: Array<[string, (k: number) => LoadRequest, string | undefined]> = [
        [
          'plain Fastify route returning a constant (baseline)',
          () => ({ method: 'GET', path: '/constant' }),
          undefined,
        ],
        [
          'GET /api/v1/subjects?q= (name fragment, full-text)',
          (k) => ({ method: 'GET', path: `/api/v1/subjects?q=${encodeURIComponent(fragment(k))}&limit=20` }),
          undefined,
        ],
        [
          'GET /api/v1/subjects?q= (USCC, exact)',
          (k) => ({ method: 'GET', path: `/api/v1/subjects?q=${at(k).uscc}` }),
          undefined,
        ],
        [
          'POST /api/v1/screenings (one subject: name + USCC, 2 hops)',
          (k) => ({
            method: 'POST',
            path: '/api/v1/screenings',
            body: JSON.stringify({ subjects: [{ name: at(k).name, uscc: at(k).uscc }] }),
          }),
          'p95 <= 25 ms; >= 1,000 screenings/s',
        ],
      ];
      for (const [name, req, target] of kinds) {
        const isPlain = name.startsWith('plain');
        const requests = requestsOf(sample.length, req);
        const l = await latency(isPlain ? plainBase : base, headers, requests);
        rows.push({
          suite: SUITE,
          name: `${name}: latency, 1 client`,
          size: LATENCY_REQUESTS,
          unit: `requests (${size})`,
          ms: l.ms,
          perSecond: (LATENCY_REQUESTS / l.ms) * 1000,
          p50Ms: l.p50,
          p95Ms: l.p95,
          ...(target ? { target } : {}),
          ...(l.errors ? { notes: `${l.errors} non-2xx answers` } : {}),
        });
        ctx.log(`api: ${name}: p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms`);
        const t = await loadInChild({
          base: isPlain ? plainBase : base,
          headers,
          connections: CONNECTIONS,
          seconds: THROUGHPUT_SECONDS,
          requests,
        });
        rows.push({
          suite: SUITE,
          name: `${name}: throughput, ${CONNECTIONS} connections`,
          size: t.ok,
          unit: `requests in ${THROUGHPUT_SECONDS} s (${size})`,
          ms: t.ms,
          perSecond: t.perSecond,
          p50Ms: t.p50,
          ...(target ? { target } : {}),
          notes: `p97.5 ${t.p97_5} ms; autocannon's CPU ${((t.cpuMs / t.ms) * 100).toFixed(0)} % of a core${t.bad ? `; ${t.bad} non-2xx/errors` : ''}`,
        });
        ctx.log(`api: ${name}: ${t.perSecond.toFixed(0)} req/s`);
      }

      // A batch of 10,000 as one job, timed from submission until the results are complete.
      const body = JSON.stringify({
        subjects: Array.from({ length: BATCH }, (_, k) => ({
          ref: String(k),
          name: at(k).name,
          uscc: at(k).uscc,
        })),
      });
      const t0 = performance.now();
      const submitted = await fetch(`${base}/api/v1/screenings?mode=async`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
      if (submitted.status !== 202)
        throw new Error(`batch submit → ${submitted.status} ${await submitted.text()}`);
      const { id } = (await submitted.json()) as { id: string };
      let status = '';
      while (status !== 'completed' && status !== 'failed') {
        await new Promise((r) => setTimeout(r, 200));
        const res = await fetch(`${base}/api/v1/screenings/${id}`, { headers });
        status = ((await res.json()) as { status: string }).status;
      }
      const ms = performance.now() - t0;
      rows.push({
        suite: SUITE,
        name: `POST /api/v1/screenings, batch of ${BATCH.toLocaleString('en')} as a job (submit → completed)`,
        size: BATCH,
        unit: `subjects (${size})`,
        ms,
        perSecond: (BATCH / ms) * 1000,
        target: '<= 20 s',
        notes: `job ${status}`,
      });
      ctx.log(`api: batch of ${BATCH} in ${(ms / 1000).toFixed(1)} s (${status})`);
    } finally {
      await plain.stop();
      await screeningWorker.close();
      await api.stop();
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await services.close();
  }
}

export const apiSuite: BenchSuite = { name: SUITE, needsServices: true, run };
