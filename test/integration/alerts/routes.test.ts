/**
 * The watchlist and alert API over HTTP with real accounts: a bank keeps its loan book as a watchlist (JSON and
 * CSV bulk adds, all or nothing), the pipeline raises its alert, the bank works it through the workflow; other
 * organisations see neither the list nor the alert, and the credit office sees the general alerts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePendingOutbox } from '../../../jobs/propagate/propagate.ts';
import { pipelineProcessors } from '../../../jobs/registry.ts';
import { startWorkers } from '../../../jobs/workers.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { importPath, tempDir, writeNdjson } from '../../support/import-helpers.ts';
import { freshServices } from '../../support/services.ts';
import { org, seriousPenalty, T, worldRows } from './world.ts';

let services: Services;
let app: App;
let bankA: ReturnType<typeof injectAs>;
let bankZ: ReturnType<typeof injectAs>;
let office: ReturnType<typeof injectAs>;
let analyst: ReturnType<typeof injectAs>;
let watchlistId: string;

beforeAll(async () => {
  services = await freshServices();
  await importPath(services, writeNdjson(tempDir('cl-alert-api-'), 'world.ndjson', worldRows()), {
    today: T,
  });
  app = await buildApp(services);
  bankA = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-A' }));
  bankZ = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-Z' }));
  office = injectAs(app, await authHeaders(services, 'credit_office'));
  analyst = injectAs(app, await authHeaders(services, 'analyst'));
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

async function runPipeline() {
  const workers = startWorkers(pipelineProcessors({ gateway: services.gateway, queues: services.queues }), {
    redisUrl: services.cfg.REDIS_URL,
    prefix: services.cfg.QUEUE_PREFIX,
    concurrency: 1,
    log: services.log,
  });
  try {
    for (let i = 0; i < 600; i++) {
      const counts = await Promise.all(
        (['propagate', 'score', 'alert'] as const).map((q) =>
          services.queues.get(q).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
        ),
      );
      expect(counts.map((c) => c.failed)).toEqual([0, 0, 0]);
      const busy = counts.reduce((s, c) => s + (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0), 0);
      if (busy === 0 && (counts[2]!.completed ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('pipeline did not finish');
  } finally {
    await workers.close();
  }
}

describe('watchlists', () => {
  it('a bulk add with one unknown subject is refused with the row and nothing is created', async () => {
    const res = await bankA({
      method: 'POST',
      url: '/api/v1/watchlists',
      payload: { name: '贷款客户', subjects: [`id:${org('B')}`, 'id:no-such-subject'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WATCHLIST_SUBJECTS_INVALID');
    expect(res.json().error.details.problems).toEqual([
      { row: 2, field: 'body.subjects', reason: 'no subject with this id' },
    ]);
    expect((await bankA({ method: 'GET', url: '/api/v1/watchlists' })).json().items).toEqual([]);
  });

  it('creates a watchlist for the bank’s organisation, adds from CSV, and hides it from other organisations', async () => {
    const res = await bankA({
      method: 'POST',
      url: '/api/v1/watchlists',
      payload: { name: '贷款客户', subjects: [`id:${org('B')}`] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ org: 'BANK-A', depth: 2, size: 1 });
    watchlistId = res.json().id;

    const csv = await bankA({
      method: 'POST',
      url: `/api/v1/watchlists/${watchlistId}/subjects/csv`,
      headers: { 'content-type': 'text/csv' },
      payload: `subject,note\nid:${org('B')},already there\nid:${org('N')},new\n`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.json()).toEqual({ added: 1, alreadyWatched: 1, size: 2 });
    const noColumn = await bankA({
      method: 'POST',
      url: `/api/v1/watchlists/${watchlistId}/subjects/csv`,
      headers: { 'content-type': 'text/csv' },
      payload: `uscc\nX\n`,
    });
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error.message).toContain('subject');

    const page = await bankA({ method: 'GET', url: `/api/v1/watchlists/${watchlistId}?limit=1` });
    expect(page.json().members.map((m: { id: string }) => m.id)).toEqual([org('B')]);
    expect(page.json().nextCursor).toBe(org('B'));
    expect((await bankZ({ method: 'GET', url: `/api/v1/watchlists/${watchlistId}` })).statusCode).toBe(404);
    expect((await bankZ({ method: 'DELETE', url: `/api/v1/watchlists/${watchlistId}` })).statusCode).toBe(
      404,
    );
    const removed = await bankA({
      method: 'DELETE',
      url: `/api/v1/watchlists/${watchlistId}/subjects/${org('N')}`,
    });
    expect(removed.statusCode).toBe(204);
  });

  it('marks a watched subject :Watched while any list watches it (the watch-path search ends on the label)', async () => {
    const watched = async () =>
      (
        await services.gateway.driver.executeQuery('MATCH (s:Watched) WHERE s.id IN $ids RETURN s.id AS id', {
          ids: [org('F'), org('G1')],
        })
      ).records
        .map((r) => r.get('id') as string)
        .sort();
    const create = async (as: typeof bankA, subjects: string[]) => {
      const res = await as({ method: 'POST', url: '/api/v1/watchlists', payload: { name: 'x', subjects } });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const call = async (as: typeof bankA, url: string) => {
      expect((await as({ method: 'DELETE', url })).statusCode).toBe(204);
    };
    const listA = await create(bankA, [`id:${org('F')}`, `id:${org('G1')}`]);
    const listZ = await create(bankZ, [`id:${org('F')}`]);
    expect(await watched()).toEqual([org('F'), org('G1')].sort());
    // Deleting bank A's list: F is still watched by bank Z's list, G1 by nobody.
    await call(bankA, `/api/v1/watchlists/${listA}`);
    expect(await watched()).toEqual([org('F')]);
    await call(bankZ, `/api/v1/watchlists/${listZ}/subjects/${org('F')}`);
    expect(await watched()).toEqual([]);
    // Removing one subject keeps the label while another list watches it.
    const listB = await create(bankA, [`id:${org('G1')}`]);
    await call(bankZ, `/api/v1/watchlists/${listZ}`);
    const listY = await create(bankZ, [`id:${org('G1')}`]);
    await call(bankA, `/api/v1/watchlists/${listB}/subjects/${org('G1')}`);
    expect(await watched()).toEqual([org('G1')]);
    await call(bankZ, `/api/v1/watchlists/${listY}`);
    await call(bankA, `/api/v1/watchlists/${listB}`);
    expect(await watched()).toEqual([]);
  });

  it('refuses a depth above the maximum, naming the field', async () => {
    const res = await bankA({ method: 'POST', url: '/api/v1/watchlists', payload: { name: 'x', depth: 9 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('depth');
  });
});

describe('alerts', () => {
  let alertId: string;

  it('the pipeline raises one alert for the bank; other banks see nothing, the credit office the general ones', async () => {
    await importPath(
      services,
      writeNdjson(tempDir('cl-alert-api-'), 'rec.ndjson', [seriousPenalty('PEN-API', org('H'))]),
      {
        today: T,
      },
    );
    expect(await enqueuePendingOutbox(services, 10)).toBe(1);
    await runPipeline();

    const mine = await bankA({ method: 'GET', url: '/api/v1/alerts' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    const [a] = mine.json().items;
    expect(a).toMatchObject({ rule: 'serious_record_nearby', status: 'open', watchlistId, org: 'BANK-A' });
    expect(a.evidence[0].nodes.map((n: { id: string | null }) => n.id)).toEqual([org('B'), org('H')]);
    alertId = a.id;

    expect((await bankZ({ method: 'GET', url: '/api/v1/alerts' })).json().items).toEqual([]);
    expect((await bankZ({ method: 'GET', url: `/api/v1/alerts/${alertId}` })).statusCode).toBe(404);
    const general = (await office({ method: 'GET', url: '/api/v1/alerts' })).json().items;
    expect(general.length).toBeGreaterThan(0);
    expect(general.every((x: { org: string | null }) => x.org === null)).toBe(true);
  });

  it('filters and pages the inbox', async () => {
    const first = (await office({ method: 'GET', url: '/api/v1/alerts?limit=1' })).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await office({ method: 'GET', url: `/api/v1/alerts?limit=1&cursor=${first.nextCursor}` })
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const byRule = (await office({ method: 'GET', url: '/api/v1/alerts?rule=key_person_bound' })).json()
      .items;
    expect(byRule.map((x: { rule: string }) => x.rule)).toEqual(['key_person_bound']);
    expect((await bankA({ method: 'GET', url: '/api/v1/alerts?status=dismissed' })).json().items).toEqual([]);
    const bad = await office({ method: 'GET', url: '/api/v1/alerts?status=closed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('status');
    expect((await office({ method: 'GET', url: '/api/v1/alerts?cursor=nonsense' })).json().error.code).toBe(
      'CURSOR_INVALID',
    );
  });

  it('works the alert through its workflow with assignee and comments; a skipped step is refused', async () => {
    const skip = await bankA({
      method: 'PATCH',
      url: `/api/v1/alerts/${alertId}`,
      payload: { status: 'confirmed' },
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({
      code: 'ALERT_TRANSITION_INVALID',
      details: { allowed: ['acknowledged', 'investigating', 'dismissed'] },
    });

    const ack = await bankA({
      method: 'PATCH',
      url: `/api/v1/alerts/${alertId}`,
      payload: { status: 'acknowledged' },
    });
    expect(ack.json().status).toBe('acknowledged');
    const inv = await bankA({
      method: 'PATCH',
      url: `/api/v1/alerts/${alertId}`,
      payload: { status: 'investigating', assignee: 'risk-officer-1', note: '核查股东处罚' },
    });
    expect(inv.json()).toMatchObject({ status: 'investigating', assignee: 'risk-officer-1' });
    const comment = await bankA({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/comments`,
      payload: { text: '已联系客户经理' },
    });
    expect(comment.statusCode).toBe(201);
    const done = await bankA({
      method: 'PATCH',
      url: `/api/v1/alerts/${alertId}`,
      payload: { status: 'confirmed' },
    });
    expect(done.statusCode).toBe(200);
    const detail = (await bankA({ method: 'GET', url: `/api/v1/alerts/${alertId}` })).json();
    expect(detail.status).toBe('confirmed');
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual([
      'acknowledged',
      'investigating',
      'risk-officer-1',
      'confirmed',
    ]);
    expect(detail.comments.map((c: { text: string }) => c.text)).toEqual(['已联系客户经理']);
    const again = await bankA({
      method: 'PATCH',
      url: `/api/v1/alerts/${alertId}`,
      payload: { status: 'dismissed' },
    });
    expect(again.json().error.code).toBe('ALERT_CLOSED');
    expect((await bankA({ method: 'PATCH', url: `/api/v1/alerts/${alertId}`, payload: {} })).statusCode).toBe(
      400,
    );
  });

  it('an analyst reads alerts but may not work them', async () => {
    expect((await analyst({ method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(200);
    const res = await analyst({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/comments`,
      payload: { text: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});
