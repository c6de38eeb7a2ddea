/**
 * The credit office's queues (issue 8): GET /api/v1/objections and GET /api/v1/repairs on a real Neo4j, filled
 * through the real POST routes over the joint-punishment world — status filters, newest first, cursor paging,
 * the record's subject and the earliest admissible repair date, and the permission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../../../domain/dates/iso-date.ts';
import { type App, buildApp } from '../../../server/app.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { DECIDED, importRows, org, T, worldRows } from './world.ts';

type Item = {
  id: string;
  recordId: string;
  status: string;
  subject: { id: string; name: string | null };
  record: { id: string; category: string; severity: string; status: string };
  reason: string;
  submittedOn: string;
  submittedAt: string;
  decided: { by: string; action: string; reason: string } | null;
  submittedBy?: string;
  applicant?: string;
  eligibleFrom?: string | null;
};
type Page = { items: Item[]; nextCursor: string | null };

let services: Services;
let app: App;
let call: ReturnType<typeof injectAs>;
const objectionIds: Record<string, string> = {};

async function list(url: string): Promise<Page> {
  const res = await call({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

beforeAll(async () => {
  services = await freshServices();
  const summary = await importRows(services, worldRows());
  expect(summary.errors).toEqual([]);
  app = await buildApp(services);
  call = injectAs(app, await authHeaders(services, 'credit_office'));

  for (const recordId of ['rec-A1', 'rec-F', 'rec-E']) {
    const res = await call({
      method: 'POST',
      url: `/api/v1/records/${recordId}/objections`,
      payload: { submittedBy: `applicant of ${recordId}`, reason: `the facts of ${recordId} are wrong` },
    });
    expect(res.statusCode, res.body).toBe(201);
    objectionIds[recordId] = (res.json() as { objection: { id: string } }).objection.id;
  }
  const decided = await call({
    method: 'PATCH',
    url: `/api/v1/objections/${objectionIds['rec-F']}`,
    payload: { outcome: 'revoked', decidedBy: '信用办 王', reason: 'the authority withdrew the decision' },
  });
  expect(decided.statusCode, decided.body).toBe(200);

  const apply = async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/records/rec-D/repairs',
      payload: { applicant: '测试du', reason: 'penalty paid, rectified' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { application: { id: string } }).application.id;
  };
  const first = await apply();
  const reviewed = await call({
    method: 'PATCH',
    url: `/api/v1/repairs/${first}`,
    payload: { action: 'review', decidedBy: '信用办 李', reason: 'checking the proof' },
  });
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  const rejected = await call({
    method: 'PATCH',
    url: `/api/v1/repairs/${first}`,
    payload: { action: 'reject', decidedBy: '信用办 李', reason: 'no proof of payment' },
  });
  expect(rejected.statusCode, rejected.body).toBe(200);
  await apply();
});

afterAll(async () => {
  await app?.close();
  await services?.close();
});

describe('objection queue', () => {
  it('lists open objections newest first with their record and subject', async () => {
    const page = await list('/api/v1/objections?status=open');
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => i.recordId)).toEqual(['rec-E', 'rec-A1']);
    const [e] = page.items;
    expect(e).toMatchObject({
      id: objectionIds['rec-E'],
      status: 'open',
      subject: { id: org('E'), name: '揭阳市测试E有限公司' },
      record: {
        id: 'rec-E',
        category: 'administrative_penalty',
        severity: 'serious',
        status: 'under_objection',
      },
      submittedBy: 'applicant of rec-E',
      reason: 'the facts of rec-E are wrong',
      submittedOn: T,
      decided: null,
    });
    expect(Date.parse(e!.submittedAt)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('filters by outcome and by several statuses', async () => {
    const revoked = await list('/api/v1/objections?status=revoked');
    expect(revoked.items).toHaveLength(1);
    expect(revoked.items[0]).toMatchObject({
      recordId: 'rec-F',
      status: 'revoked',
      record: { status: 'revoked' },
      decided: { by: '信用办 王', action: 'objection_resolved_revoked' },
    });
    expect((await list('/api/v1/objections?status=upheld,corrected')).items).toEqual([]);
    expect((await list('/api/v1/objections?status=open,revoked')).items).toHaveLength(3);
    expect((await list('/api/v1/objections')).items).toHaveLength(3);
  });

  it('pages with nextCursor without repeating or skipping', async () => {
    const first = await list('/api/v1/objections?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`/api/v1/objections?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.recordId)).toEqual(['rec-E', 'rec-F', 'rec-A1']);
  });

  it('refuses a bad status or cursor', async () => {
    const bad = await call({ method: 'GET', url: '/api/v1/objections?status=closed' });
    expect(bad.statusCode).toBe(400);
    const cursor = await call({ method: 'GET', url: '/api/v1/objections?cursor=nonsense' });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json()).toMatchObject({ error: { code: 'CURSOR_INVALID' } });
  });

  it('drops an objection from the open list once decided', async () => {
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/objections/${objectionIds['rec-A1']}`,
      payload: { outcome: 'upheld', decidedBy: '信用办 王', reason: 'the record is right' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await list('/api/v1/objections?status=open')).items.map((i) => i.recordId)).toEqual(['rec-E']);
    expect((await list('/api/v1/objections?status=upheld')).items.map((i) => i.recordId)).toEqual(['rec-A1']);
  });
});

describe('repair queue', () => {
  it('lists pending applications with the earliest admissible date', async () => {
    const page = await list('/api/v1/repairs?status=pending');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      recordId: 'rec-D',
      status: 'applied',
      subject: { id: org('D'), name: '揭阳市测试D有限公司' },
      applicant: '测试du',
      reason: 'penalty paid, rectified',
      submittedOn: T,
      decided: null,
    });
    const eligible = page.items[0]!.eligibleFrom;
    expect(eligible).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(eligible! <= T).toBe(true);
    expect(eligible! > addYears(DECIDED, -1)).toBe(true);
  });

  it('filters by state, newest first, and pages', async () => {
    const rejected = await list('/api/v1/repairs?status=rejected');
    expect(rejected.items).toHaveLength(1);
    expect(rejected.items[0]!.decided).toMatchObject({ by: '信用办 李', action: 'repair_rejected' });
    const all = await list('/api/v1/repairs?limit=1');
    expect(all.items.map((i) => i.status)).toEqual(['applied']);
    const next = await list(`/api/v1/repairs?limit=1&cursor=${all.nextCursor}`);
    expect(next.items.map((i) => i.status)).toEqual(['rejected']);
    expect(next.nextCursor).toBeNull();
  });
});

describe('access', () => {
  it('refuses roles without punishment:read', async () => {
    for (const role of ['analyst', 'bank'] as const) {
      const as = injectAs(app, await authHeaders(services, role));
      for (const url of ['/api/v1/objections', '/api/v1/repairs']) {
        const res = await as({ method: 'GET', url });
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
    }
    const regulator = injectAs(app, await authHeaders(services, 'regulator'));
    expect((await regulator({ method: 'GET', url: '/api/v1/repairs' })).statusCode).toBe(200);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const res = await call({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/objections', '/api/v1/repairs']));
  });
});
