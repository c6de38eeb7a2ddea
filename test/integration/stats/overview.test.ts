/**
 * GET /api/v1/stats/overview on a real Neo4j: the counts a dashboard reader relies on (alerts per bucket and
 * severity in China days, stored classes, records by category and status, measures by department as
 * /stats/measures computes them), a bank's narrower view, and refused periods naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.ts';
import { bucketOf, bucketsBetween } from '../../../server/routes/stats.ts';
import type { Services } from '../../../server/services.ts';
import { authHeaders, injectAs } from '../../support/auth.ts';
import { freshServices } from '../../support/services.ts';
import { loadOverviewFixture } from './fixture.ts';

let services: Services;
let app: App;
let office: ReturnType<typeof injectAs>;
let bankA: ReturnType<typeof injectAs>;
let analyst: ReturnType<typeof injectAs>;

beforeAll(async () => {
  services = await freshServices();
  await loadOverviewFixture(services);
  app = await buildApp(services);
  office = injectAs(app, await authHeaders(services, 'credit_office'));
  bankA = injectAs(app, await authHeaders(services, 'bank', { org: 'BANK-A' }));
  analyst = injectAs(app, await authHeaders(services, 'analyst'));
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const url = (q: string) => `/api/v1/stats/overview?${q}`;
const zero = { low: 0, medium: 0, high: 0, critical: 0 };

describe('buckets', () => {
  it('starts weeks on Monday and lists every bucket of the period', () => {
    expect(bucketOf('2026-03-01', 'week')).toBe('2026-02-23'); // a Sunday
    expect(bucketOf('2026-03-02', 'week')).toBe('2026-03-02'); // a Monday
    expect(bucketOf('2026-03-31', 'month')).toBe('2026-03');
    expect(bucketsBetween('2026-02-27', '2026-03-10', 'week')).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
    ]);
  });
});

describe('GET /api/v1/stats/overview', () => {
  it('gives the credit office every general alert per China day, all classes, records and measures', async () => {
    const res = await office({ method: 'GET', url: url('from=2026-01-01&to=2026-12-01&bucket=month') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-01-01', to: '2026-12-01', bucket: 'month' });
    // General alerts only: AL5 (2026-01-01 04:00 China time) and AL1; organisations' alerts are not its.
    expect(body.alerts.total).toBe(2);
    expect(body.alerts.bySeverity).toEqual({ ...zero, high: 2 });
    expect(body.alerts.series).toHaveLength(12);
    expect(body.alerts.series[0]).toEqual({ bucket: '2026-01', counts: { ...zero, high: 1 } });
    expect(body.alerts.series[2]).toEqual({ bucket: '2026-03', counts: { ...zero, high: 1 } });

    expect(body.classes).toEqual({ scope: 'all', total: 6, counts: { A: 1, B: 2, C: 1, D: 2 } });

    // R6 was decided in 2024, outside the period.
    expect(body.records.total).toBe(5);
    expect(body.records).toMatchObject({ inForce: 3, ended: 2 });
    expect(body.records.byCategory[0]).toEqual({
      category: 'administrative_penalty',
      total: 3,
      inForce: 2,
      ended: 1,
    });
    expect(body.records.byCategory.map((c: { category: string }) => c.category).sort()).toEqual([
      'administrative_penalty',
      'dishonest_judgment_debtor',
      'red_list',
    ]);

    // The same figures as GET /stats/measures for the same days (its `to` is exclusive).
    const measures = await office({
      method: 'GET',
      url: '/api/v1/stats/measures?from=2026-01-01&to=2026-12-02',
    });
    expect(body.measures.byDepartment).toEqual(measures.json().byDepartment);
    expect(body.measures.totals).toMatchObject({ total: 3, in_force: 2, lifted: 1 });
    expect(body.measures.byDepartment).toHaveLength(2);
  });

  it('buckets by day in China time: 23:30 UTC belongs to the next day', async () => {
    const bank = (
      await bankA({ method: 'GET', url: url('from=2026-03-01&to=2026-03-10&bucket=day') })
    ).json();
    expect(bank.alerts.series).toHaveLength(10);
    const byDay = Object.fromEntries(
      bank.alerts.series.map((s: { bucket: string; counts: object }) => [s.bucket, s.counts]),
    );
    expect(byDay['2026-03-02']).toEqual(zero);
    expect(byDay['2026-03-03']).toEqual({ ...zero, critical: 1 });
    expect(byDay['2026-03-10']).toEqual({ ...zero, low: 1 });
  });

  it('shows a bank its own alerts and its portfolio’s classes only, without records or measures', async () => {
    const res = await bankA({ method: 'GET', url: url('from=2026-01-01&to=2026-12-01&bucket=week') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.alerts.total).toBe(2);
    expect(body.alerts.bySeverity).toEqual({ ...zero, critical: 1, low: 1 });
    expect(body.alerts.series.every((s: { bucket: string }) => s.bucket >= '2025-12-29')).toBe(true);
    expect(body.classes).toEqual({ scope: 'portfolio', total: 2, counts: { A: 1, B: 0, C: 0, D: 1 } });
    expect(body.records).toBeNull();
    expect(body.measures).toBeNull();

    // An analyst sees records but, without punishment:read, not the measures.
    const a = (await analyst({ method: 'GET', url: url('from=2026-01-01&to=2026-12-01') })).json();
    expect(a.records.total).toBe(5);
    expect(a.measures).toBeNull();
  });

  it('refuses bad periods with the field named', async () => {
    const reversed = await office({ method: 'GET', url: url('from=2026-05-01&to=2026-04-01') });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.fields[0].field).toBe('querystring.from');
    const tooLong = await office({ method: 'GET', url: url('from=2023-01-01&to=2026-01-01') });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details.fields[0].field).toBe('querystring.to');
    const notADate = await office({ method: 'GET', url: url('from=2026-02-30') });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error.message).toContain('from');
    const badBucket = await office({ method: 'GET', url: url('bucket=year') });
    expect(badBucket.statusCode).toBe(400);
    expect(badBucket.json().error.message).toContain('bucket');
    expect((await app.inject({ method: 'GET', url: url('') })).statusCode).toBe(401);
  });
});
