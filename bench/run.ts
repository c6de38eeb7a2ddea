/**
 * `npm run bench [-- --only a,b] [--sizes 100000,1000000] [--neo4j-heap 4g] [--neo4j-pagecache 2g]`: runs the suites against their own Neo4j
 * and Redis (temporary folders, free ports), prints a table and writes the rows as JSON to
 * bench/results/<timestamp>.json (and latest.json). Machines are shared and noisy: compare ratios
 * measured in the same run, and read every figure with its data size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNeo4j, startRedis, stopService } from '../infra/services.ts';
import { freePort } from '../test/support/free-port.ts';
import { privateServiceEnv } from '../test/support/private-env.ts';
import { SUITES } from './suites.ts';
import type { BenchRow } from './types.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    'neo4j-heap': { type: 'string', default: '4g' },
    // 2g holds the 100,000-subject store; the 1,000,000-subject graph wants about 6g to stay in memory.
    'neo4j-pagecache': { type: 'string', default: '2g' },
  },
});
const only = values.only?.split(',').map((s) => s.trim());
const sizes = values.sizes ? values.sizes.split(',').map(Number) : [];
const suites = SUITES.filter((s) => !only || only.includes(s.name));
if (suites.length === 0) {
  console.error(`No suite matches --only ${values.only}. Suites: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-linkage-bench-'));
const neo4j = {
  port: await freePort(),
  password: 'bench-password-1',
  heap: values['neo4j-heap']!,
  pageCache: values['neo4j-pagecache']!,
  dataDir: path.join(dir, 'neo4j'),
};
const redis = { port: await freePort(), dataDir: path.join(dir, 'redis') };
const env: NodeJS.ProcessEnv = {
  ...privateServiceEnv(dir, neo4j, redis, {
    logLevel: 'warn',
    prefix: 'clbench',
    secret: 'bench-secret-0123456789',
  }),
  // Load generators send thousands of requests per minute from one account; the limiter still counts them.
  RATE_LIMIT_PER_MINUTE: '100000000',
};

const rows: BenchRow[] = [];
let failed = false;
try {
  if (suites.some((s) => s.needsServices))
    await Promise.all([startNeo4j(neo4j, log), startRedis(redis, log)]);
  for (const suite of suites) {
    log(`suite ${suite.name}…`);
    try {
      rows.push(...(await suite.run({ env, sizes, log })));
    } catch (err) {
      failed = true;
      log(`suite ${suite.name} failed: ${(err as Error).stack ?? err}`);
    }
  }
} finally {
  await Promise.all([stopService(neo4j.dataDir, 'neo4j', log), stopService(redis.dataDir, 'redis', log)]);
  fs.rmSync(dir, { recursive: true, force: true });
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits);
console.table(
  rows.map((r) => ({
    suite: r.suite,
    measurement: r.name,
    size: `${r.size.toLocaleString('en')} ${r.unit}`,
    'time s': fmt(r.ms / 1000, 2),
    'per s': fmt(r.perSecond, 0),
    'p50 ms': fmt(r.p50Ms, 2),
    'p95 ms': fmt(r.p95Ms, 2),
    'mem MB': fmt(r.memoryMb, 0),
    'x baseline': fmt(r.ratioVsBaseline, 1),
    target: r.target ?? '',
  })),
);
const resultsDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const doc = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  rows,
};
const stamp = doc.at.replace(/[:.]/g, '-');
fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), `${JSON.stringify(doc, null, 2)}\n`);
fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
log(`results written to bench/results/${stamp}.json`);
process.exit(failed ? 1 : 0);
