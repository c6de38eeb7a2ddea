/**
 * Operations (issue 6): the bull-board dashboard behind 'queues:admin' (Bearer or the /admin cookie), the
 * failed-jobs view and retry, Prometheus metrics and queue lag in /health/ready — on the real Redis and Neo4j.
 */
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../../jobs/redis-connection.ts';
import { type App, buildApp } from '../../../server/app.ts';
import { ADMIN_COOKIE } from '../../../server/ops/admin-session.ts';
import type { Services } from '../../../server/services.ts';
import { type AuthedCaller, authHeaders, createAccount, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';

let services: Services;
let app: App;
let admin: AuthedCaller;
let analyst: AuthedCaller;

beforeAll(async () => {
  services = await freshServices();
  app = await buildApp(services);
  admin = await authHeaders(services, 'admin');
  analyst = await authHeaders(services, 'analyst');
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokenOf = (c: AuthedCaller) => c.authorization.replace(/^Bearer /, '');

/** Jobs that fail once (attempts: 1) on `queue`, through a real worker. */
async function failJobs(queue: 'alert' | 'screening', ids: string[]): Promise<void> {
  const q = services.queues.get(queue);
  for (const id of ids)
    await q.add(
      'probe',
      { note: 'fails on purpose', idNumber: '110105194912310021' },
      { jobId: id, attempts: 1 },
    );
  const connection = createRedis(services.cfg.REDIS_URL, 'ops-test-worker');
  const worker = new Worker(
    queue,
    async () => {
      throw new Error('boom for 110105194912310021');
    },
    { connection, prefix: services.cfg.QUEUE_PREFIX, concurrency: 4 },
  );
  try {
    for (let i = 0; i < 200; i++) {
      const failed = await q.getFailed(0, -1);
      if (ids.every((id) => failed.some((j) => j.id === id))) return;
      await sleep(50);
    }
    throw new Error(`jobs ${ids.join(', ')} did not fail`);
  } finally {
    await worker.close();
    await connection.quit();
  }
}

describe('bull-board at /admin/queues', () => {
  it('declares queues:admin on every route bull-board adds', () => {
    const board = app.routeAccess.filter((r) => r.url.startsWith('/admin/queues'));
    expect(board.length).toBeGreaterThan(10);
    expect(board.map((r) => r.url)).toContain('/admin/queues/api/queues');
    expect(new Set(board.map((r) => r.access))).toEqual(new Set(['queues:admin']));
  });

  it('answers 401 without a session, 403 to a non-admin and the page to an admin', async () => {
    const anon = await app.inject({ method: 'GET', url: '/admin/queues' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(api.statusCode).toBe(401);

    const denied = await injectAs(app, analyst)({ method: 'GET', url: '/admin/queues' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    const deniedApi = await injectAs(
      app,
      analyst,
    )({ method: 'PUT', url: '/admin/queues/api/queues/alert/pause' });
    expect(deniedApi.statusCode).toBe(403);

    const page = await injectAs(app, admin)({ method: 'GET', url: '/admin/queues' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    const queues = await injectAs(app, admin)({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(queues.statusCode).toBe(200);
    expect(
      queues
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['alert', 'imports', 'maintenance', 'propagate', 'score', 'screening'].sort());
  });

  it('lets a browser in with the HttpOnly /admin cookie made from an admin session, and only under /admin', async () => {
    const made = await injectAs(app, admin)({ method: 'POST', url: '/api/v1/admin/queues-session' });
    expect(made.statusCode).toBe(200);
    const setCookie = String(made.headers['set-cookie']);
    expect(setCookie).toContain(`${ADMIN_COOKIE}=${tokenOf(admin)}`);
    expect(setCookie).toMatch(/Path=\/admin;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = `${ADMIN_COOKIE}=${tokenOf(admin)}`;

    const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    // The page's own assets, fetched the way the browser does (cookie only).
    const asset = /src="(static\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const assetUrl = `/admin/queues/${asset}`;
    expect((await app.inject({ method: 'GET', url: assetUrl, headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: assetUrl })).statusCode).toBe(401);

    // Not under /api: the cookie is no credential there.
    const api = await app.inject({ method: 'GET', url: '/api/v1/jobs/failed', headers: { cookie } });
    expect(api.statusCode).toBe(401);

    // A non-admin's session in the cookie is still refused; a non-admin cannot make the cookie.
    const other = await app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { cookie: `${ADMIN_COOKIE}=${tokenOf(analyst)}` },
    });
    expect(other.statusCode).toBe(403);
    expect(
      (await injectAs(app, analyst)({ method: 'POST', url: '/api/v1/admin/queues-session' })).statusCode,
    ).toBe(403);

    // An ended session no longer opens the page.
    await services.access.sessions.end(tokenOf(admin));
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } })).statusCode).toBe(
      401,
    );
    admin = await authHeaders(services, 'admin');
  });

  it('does not turn an API key into a cookie', async () => {
    const { account } = await createAccount(services, 'admin');
    const issued = await services.access.accounts.createApiKey(account.id, 'ops test');
    const key = issued?.key as string;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/queues-session',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SESSION_REQUIRED');
  });
});

describe('failed jobs', () => {
  it('lists failed jobs with their reason and a masked data summary, paged, and retries one', async () => {
    await failJobs('alert', ['fail-a1', 'fail-a2', 'fail-a3']);
    await failJobs('screening', ['fail-s1']);
    const as = injectAs(app, admin);

    const one = await as({ method: 'GET', url: '/api/v1/jobs/failed?queue=alert&limit=2' });
    expect(one.statusCode).toBe(200);
    const page1 = one.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const first = page1.items[0];
    expect(first).toMatchObject({ queue: 'alert', name: 'probe', attemptsMade: 1, attempts: 1 });
    expect(first.failedReason).toBe('boom for 110105********0021');
    expect(first.dataSummary).toContain('110105********0021');
    expect(first.dataSummary).not.toContain('194912310021');
    expect(Date.parse(first.failedAt)).toBeGreaterThan(0);
    const page2 = (
      await as({ method: 'GET', url: `/api/v1/jobs/failed?queue=alert&limit=2&cursor=${page1.nextCursor}` })
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.items, ...page2.items].map((j: { id: string }) => j.id).sort()).toEqual([
      'fail-a1',
      'fail-a2',
      'fail-a3',
    ]);

    // All queues: walks them in order, across pages.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as({
        method: 'GET',
        url: `/api/v1/jobs/failed?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((j: { queue: string; id: string }) => `${j.queue}/${j.id}`));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['alert/fail-a1', 'alert/fail-a2', 'alert/fail-a3', 'screening/fail-s1']);
    expect((await as({ method: 'GET', url: '/api/v1/jobs/failed?cursor=nonsense' })).statusCode).toBe(400);
    expect((await injectAs(app, analyst)({ method: 'GET', url: '/api/v1/jobs/failed' })).statusCode).toBe(
      403,
    );

    // Retry: back to waiting, no longer failed; a second retry is refused.
    expect(
      (await injectAs(app, analyst)({ method: 'POST', url: '/api/v1/jobs/screening/fail-s1/retry' }))
        .statusCode,
    ).toBe(403);
    const retried = await as({ method: 'POST', url: '/api/v1/jobs/screening/fail-s1/retry' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual({ queue: 'screening', id: 'fail-s1', state: 'waiting' });
    expect(await services.queues.get('screening').getJobState('fail-s1')).toBe('waiting');
    expect((await as({ method: 'GET', url: '/api/v1/jobs/failed?queue=screening' })).json().items).toEqual(
      [],
    );
    const again = await as({ method: 'POST', url: '/api/v1/jobs/screening/fail-s1/retry' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('JOB_NOT_FAILED');
    expect((await as({ method: 'POST', url: '/api/v1/jobs/screening/nope/retry' })).statusCode).toBe(404);
    expect((await as({ method: 'POST', url: '/api/v1/jobs/nope/x/retry' })).statusCode).toBe(400);
  });
});

describe('metrics and readiness', () => {
  it('reports queue depth, lag, HTTP requests and process metrics in Prometheus format', async () => {
    await services.redis.flushdb();
    admin = await authHeaders(services, 'admin');
    const propagate = services.queues.get('propagate');
    await propagate.add('probe', {}, { jobId: 'oldest' });
    await sleep(300);
    await propagate.add('probe', {}, { jobId: 'newer' });
    await services.queues.get('score').add('probe', {}, { jobId: 'later', delay: 60_000 });
    await app.inject({ method: 'GET', url: '/health/live' });
    await injectAs(app, analyst)({ method: 'GET', url: '/api/v1/jobs/failed' });

    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      expect(line, series).toBeDefined();
      return Number(line?.split(' ')[1]);
    };
    expect(value('credit_linkage_queue_jobs{queue="propagate",state="waiting"}')).toBe(2);
    expect(value('credit_linkage_queue_jobs{queue="propagate",state="active"}')).toBe(0);
    expect(value('credit_linkage_queue_jobs{queue="score",state="delayed"}')).toBe(1);
    expect(value('credit_linkage_queue_jobs{queue="alert",state="failed"}')).toBe(0);
    // The oldest waiting job's age, not the newest's.
    expect(value('credit_linkage_queue_lag_seconds{queue="propagate"}')).toBeGreaterThanOrEqual(0.3);
    expect(value('credit_linkage_queue_lag_seconds{queue="score"}')).toBe(0);
    expect(value('credit_linkage_queue_stats_up')).toBe(1);
    expect(
      value('credit_linkage_http_requests_total{route="/health/live",method="GET",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('credit_linkage_http_requests_total{route="/api/v1/jobs/failed",method="GET",status="403"}'),
    ).toBe(1);
    expect(text).toMatch(
      /^credit_linkage_http_request_duration_seconds_bucket\{le="0\.005",route="\/health\/live",method="GET",status="200"\}/m,
    );
    // No whole-graph rescore yet: its series are absent, not zero.
    expect(text).not.toMatch(/^credit_linkage_rescore_last_finished_timestamp_seconds/m);
    await services.gateway.write('analytics/record-score-pass', {
      asOf: '2026-12-03',
      ms: 12_500,
      structureReused: false,
      subjects: 100,
      startedAt: '2026-12-03T01:00:00.000Z',
      finishedAt: '2026-12-03T01:00:12.500Z',
    });
    const after = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(after).toMatch(
      /^credit_linkage_rescore_last_finished_timestamp_seconds\{as_of="2026-12-03"\} 1796259612\.5$/m,
    );
    expect(after).toMatch(/^credit_linkage_rescore_last_duration_seconds\{as_of="2026-12-03"\} 12\.5$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);

    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    const queues = ready.json().queues;
    expect(queues.propagate).toMatchObject({ waiting: 2, active: 0, delayed: 0, failed: 0 });
    expect(queues.propagate.lagMs).toBeGreaterThanOrEqual(300);
    expect(queues.score).toMatchObject({ waiting: 0, delayed: 1, lagMs: 0 });
  });

  it('serves no /metrics when METRICS_ENABLED=false', async () => {
    const off = await buildApp({ ...services, cfg: { ...services.cfg, METRICS_ENABLED: false } });
    try {
      expect((await off.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
