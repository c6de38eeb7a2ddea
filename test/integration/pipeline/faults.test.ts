/**
 * Fault tests of the pipeline (issue 6), on the real Redis and Neo4j of the test setup. Each ends with nothing
 * lost and nothing doubled: every record's outbox marker is done, every propagate job completed exactly once (one
 * job per record, none failed), the graph holds exactly the bindings one clean propagation makes (count, and a
 * re-propagation of every record changes nothing), and each record queued exactly one rescoring job.
 *   (a) a worker process is killed (SIGKILL) in the middle of propagate jobs; a new worker process finishes them;
 *   (b) Redis is killed after its AOF was written and restarted from it while jobs are queued;
 *   (c) Neo4j is killed during a propagate batch and started again; jobs retry with backoff and complete.
 * (Redis flushed entirely → the reconciler restores the work: reconciler.test.ts.)
 * Each test leaves Redis and Neo4j running for the test files after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CypherGateway } from '../../../cypher/gateway.ts';
import { addDays } from '../../../domain/dates/iso-date.ts';
import { generateResidentId, generateUscc, mulberry32 } from '../../../domain/identifiers/generate.ts';
import { startNeo4j, startRedis } from '../../../infra/services.ts';
import { enqueuePendingOutbox, propagateRecords } from '../../../jobs/propagate/propagate.ts';
import { chinaToday } from '../../../jobs/propagate/store.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { RESCORE_NEIGHBOURHOOD_JOB, rescoreAfterJobId } from '../../../jobs/score/score-processor.ts';
import { startWorkers } from '../../../jobs/workers.ts';
import type { Services } from '../../../server/services.ts';
import { graphCounts, importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices, testEnv } from '../../support/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let services: Services;
beforeAll(async () => {
  services = await freshServices();
});
afterAll(async () => {
  // Whatever happened above, the next test files get their services back.
  const log = (m: string) => process.stderr.write(`[faults] ${m}\n`);
  await startRedis(redisSpec(), log);
  await startNeo4j(inject('neo4jSpec'), log);
  await services?.close();
});

function redisSpec() {
  const env = testEnv();
  return {
    port: Number(new URL(env.REDIS_URL as string).port),
    dataDir: path.join(env.DATA_DIR as string, 'redis'),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe().catch(() => undefined);
    if (last !== undefined && done(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/** An empty graph and queues, one control record propagated in-process to learn how many bindings a record makes. */
async function resetWorld(): Promise<{ bindingsPerRecord: number }> {
  await services.gateway.autoCommit('maintenance/delete-all');
  await services.gateway.applySchema();
  await services.redis.flushdb();
  const control = await loadRecords('ctl', 1);
  const summary = await propagateRecords(services.gateway, control);
  expect(summary).toMatchObject({ records: 1, missing: [] });
  const bindingsPerRecord = (await graphCounts(services))['relationship:BOUND_BY'] ?? 0;
  expect(bindingsPerRecord).toBeGreaterThanOrEqual(2);
  return { bindingsPerRecord };
}

/** n companies, each with a legal representative and a manager, each with one serious penalty. */
async function loadRecords(tag: string, n: number): Promise<string[]> {
  const rng = mulberry32(tag.split('').reduce((a, c) => a * 31 + c.charCodeAt(0), 7) >>> 0);
  const today = chinaToday();
  const rows: Record<string, unknown>[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const company = generateUscc(rng);
    const rep = generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1995-12-31' });
    const director = generateResidentId(rng, { birthFrom: '1960-01-01', birthTo: '1995-12-31' });
    const id = `${tag}-REC-${i}`;
    ids.push(id);
    rows.push(
      { kind: 'subject', subjectKind: 'enterprise', name: `故障测试${tag}${i}有限公司`, uscc: company },
      { kind: 'subject', subjectKind: 'natural_person', name: `代表${i}`, idNumber: rep },
      { kind: 'subject', subjectKind: 'natural_person', name: `经理${i}`, idNumber: director },
      { kind: 'relation', type: 'LEGAL_REP', from: rep, to: company, validFrom: '2020-01-01' },
      {
        kind: 'relation',
        type: 'OFFICER',
        from: director,
        to: company,
        role: 'manager',
        validFrom: '2020-01-01',
      },
      {
        kind: 'record',
        id,
        subject: company,
        category: 'administrative_penalty',
        severity: 'serious',
        authority: '市场监督管理局',
        actDate: addDays(today, -236),
        decisionDate: addDays(today, -200),
        legalBasis: '《中华人民共和国产品质量法》第四十九条',
      },
    );
  }
  const dir = tempDir();
  const summary = await importPath(services, writeNdjson(dir, 'records.ndjson', rows), { today });
  expect(summary.counts.record?.created).toBe(n);
  return ids;
}

const pendingOutbox = async () =>
  (await services.gateway.read<{ id: string }>('punishment/pending-outbox', { limit: 100_000 })).length;

/** Queues one propagate job per pending outbox marker (deterministic job ids). */
async function enqueue(n: number): Promise<void> {
  expect(await enqueuePendingOutbox(services, 100_000)).toBe(n);
  expect(await services.queues.get('propagate').getJobCounts('waiting')).toEqual({ waiting: n });
}

/** Waits until every propagate job completed and the outbox is empty. */
async function propagationDone(n: number, timeoutMs: number): Promise<void> {
  await waitFor(
    'propagation of every record',
    async () => ({
      completed: await services.queues.get('propagate').getCompletedCount(),
      pending: await pendingOutbox(),
    }),
    (s) => s.completed === n && s.pending === 0,
    timeoutMs,
  );
}

/** Nothing lost, nothing doubled. `records` are all the records (control included). */
async function assertExactlyOnce(
  records: string[],
  queued: number,
  bindingsPerRecord: number,
): Promise<void> {
  expect(await pendingOutbox()).toBe(0);
  const propagate = services.queues.get('propagate');
  expect(await propagate.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')).toEqual({
    waiting: 0,
    active: 0,
    delayed: 0,
    failed: 0,
    completed: queued,
  });
  // One bindings relationship per bound subject and record: as many as a single clean propagation makes.
  expect((await graphCounts(services))['relationship:BOUND_BY']).toBe(bindingsPerRecord * records.length);
  // And exactly its content: propagating every record again finds nothing to change.
  const again = await propagateRecords(services.gateway, records);
  expect(again).toMatchObject({
    records: records.length,
    missing: [],
    bindingsWritten: 0,
    added: 0,
    withdrawn: 0,
  });
  // Each propagation queued its rescoring once (deterministic downstream ids; the schedulers' jobs aside).
  const propagated = await services.queues.get('propagate').getCompleted(0, -1);
  const rescorings = (
    await services.queues
      .get('score')
      .getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'], 0, -1)
  ).filter((j) => j.name === RESCORE_NEIGHBOURHOOD_JOB);
  expect(rescorings.map((j) => j.id).sort()).toEqual(
    propagated.map((j) => rescoreAfterJobId(j.id as string)).sort(),
  );
}

/** `node --import tsx server/cli/worker.ts` with the test environment: one process, so SIGKILL kills the worker. */
function spawnWorker(): ChildProcess & { output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...testEnv({
        LOG_LEVEL: 'warn',
        WORKER_CONCURRENCY: '2',
        // Recovery must come from BullMQ's stalled-job check, not from the outbox reconciler.
        SCHEDULE_RECONCILE_MS: '3600000',
        // One record per job, so the kill lands in the middle of the batch rather than after one job took it all.
        PIPELINE_BATCHING: 'false',
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return Object.assign(child, { output: () => output.slice(-4000) });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, sleep(20_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

describe('pipeline faults', () => {
  it('a worker process killed in the middle of propagate jobs: a new worker completes each job exactly once', async () => {
    const N = 40;
    const { bindingsPerRecord } = await resetWorld();
    const records = await loadRecords('kill', N);
    await enqueue(N);
    const propagate = services.queues.get('propagate');

    const first = spawnWorker();
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      // Kill once it is well into the batch, while it holds a full set of propagate jobs.
      await waitFor(
        'the first worker to be busy propagating',
        async () => ({
          completed: await propagate.getCompletedCount(),
          active: await propagate.getActiveCount(),
          exited: first.exitCode,
        }),
        (s) => {
          if (s.exited !== null) throw new Error(`worker exited early:\n${first.output()}`);
          return s.completed >= 10 && s.active === 2;
        },
        60_000,
      );
      first.kill('SIGKILL');
      await new Promise((r) =>
        first.exitCode !== null || first.signalCode !== null ? r(null) : first.once('exit', r),
      );
      const interrupted = (await propagate.getActive()).map((j) => j.id as string);
      expect(interrupted.length).toBeGreaterThanOrEqual(1);
      const completedAtKill = await propagate.getCompletedCount();
      expect(completedAtKill).toBeLessThan(N);
      expect(await pendingOutbox()).toBeGreaterThan(0);

      second = spawnWorker();
      // The dead worker's locks expire (30 s), the stalled-job check moves its jobs back to waiting.
      await propagationDone(N, 120_000).catch((err: Error) => {
        throw new Error(`${err.message}\nworker output:\n${second?.output()}`);
      });
      for (const id of interrupted) expect(await propagate.getJobState(id)).toBe('completed');
      await assertExactlyOnce(['ctl-REC-0', ...records], N, bindingsPerRecord);
    } finally {
      await stopChild(first, 'SIGKILL');
      if (second) await stopChild(second, 'SIGTERM');
    }
  }, 180_000);

  it('Redis restarted from its append-only file while jobs are queued: the jobs are still there and complete once', async () => {
    const N = 40;
    const { bindingsPerRecord } = await resetWorld();
    const records = await loadRecords('aof', N);
    await enqueue(N);
    const info = await services.redis.info('persistence');
    expect(info).toMatch(/aof_enabled:1/);

    // appendfsync everysec: after a second and a half the queued jobs are on disk. Then a crash, no shutdown.
    await sleep(1500);
    const spec = redisSpec();
    const pid = Number(fs.readFileSync(path.join(spec.dataDir, 'service.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await waitFor(
      'redis to die',
      async () => !isAlive(pid),
      (dead) => dead,
      10_000,
    );
    await startRedis(spec, () => {});

    const propagate = services.queues.get('propagate');
    expect(await propagate.getJobCounts('waiting', 'active', 'completed')).toEqual({
      waiting: N,
      active: 0,
      completed: 0,
    });
    const workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
      redisUrl: services.cfg.REDIS_URL,
      prefix: services.cfg.QUEUE_PREFIX,
      concurrency: 2,
      log: services.log,
    });
    try {
      await propagationDone(N, 60_000);
    } finally {
      await workers.close();
    }
    await assertExactlyOnce(['ctl-REC-0', ...records], N, bindingsPerRecord);
  }, 120_000);

  it('Neo4j killed during a propagate batch and started again: jobs retry with backoff and complete once, and a read made during the outage is answered after it', async () => {
    const N = 30;
    const { bindingsPerRecord } = await resetWorld();
    const records = await loadRecords('neo', N);
    await enqueue(N);
    const spec = inject('neo4jSpec');
    const propagate = services.queues.get('propagate');

    // The workers' own gateway gives up on a transaction after 4 s (default 15 s), so the outage fails attempts
    // and BullMQ's retries with exponential backoff (1, 2, 4, 8, 16 s) are what carry the jobs over it: six
    // attempts span about 55 s of outage; the restart takes about 25 s here.
    const cfg = services.cfg;
    const gateway = CypherGateway.connect(
      { uri: cfg.NEO4J_URI, user: cfg.NEO4J_USER, password: cfg.NEO4J_PASSWORD, maxRetryMs: 4000 },
      services.log,
    );
    const reader = CypherGateway.connect(
      { uri: cfg.NEO4J_URI, user: cfg.NEO4J_USER, password: cfg.NEO4J_PASSWORD, maxRetryMs: 120_000 },
      services.log,
    );
    // One record per job: a job taking the backlog over would finish the batch before the outage begins.
    const workers = startWorkers(pipelineProcessors({ gateway, queues: services.queues, coalesce: 0 }), {
      redisUrl: cfg.REDIS_URL,
      prefix: cfg.QUEUE_PREFIX,
      concurrency: 2,
      log: services.log,
    });
    try {
      await waitFor(
        'the batch to be under way',
        () => propagate.getCompletedCount(),
        (c) => c >= 5,
        60_000,
      );
      const pid = Number(fs.readFileSync(path.join(spec.dataDir, 'service.pid'), 'utf8'));
      process.kill(pid, 'SIGKILL');
      await waitFor(
        'neo4j to die',
        async () => !isAlive(pid),
        (dead) => dead,
        10_000,
      );
      // Down long enough for attempts to fail.
      await waitFor(
        'attempts to fail',
        () => propagate.getDelayedCount(),
        (d) => d >= 1,
        20_000,
      );
      expect(await propagate.getCompletedCount()).toBeLessThan(N);
      // Reads run as auto-commit queries, which the driver does not retry: the gateway does, until its deadline.
      const readDuringOutage = reader.read<{ ok: number }>('health/ping');
      await startNeo4j(spec, () => {});
      expect(await readDuringOutage).toEqual([{ ok: 1 }]);
      await propagationDone(N, 90_000);
    } finally {
      await workers.close();
      await gateway.close();
      await reader.close();
    }
    const completed = await propagate.getCompleted(0, -1);
    const retried = completed.filter((j) => j.attemptsMade > 1);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    await assertExactlyOnce(['ctl-REC-0', ...records], N, bindingsPerRecord);
  }, 180_000);
});
