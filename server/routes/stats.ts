/**
 * Dashboard overview (issue 8): alerts over time by severity, the distribution of stored risk classes, credit
 * records by category and status, and measures applied by implementing department, for one period.
 * Visibility: alerts as in the inbox (server/routes/alerts.ts); a portfolio-scoped role (bank) gets the classes of
 * its own portfolio (watched and authorised subjects) and no records or measures; the measures need
 * `punishment:read`, the same as GET /api/v1/stats/measures, whose computation (jobs/propagate/stats.ts) is reused.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/access/roles.ts';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../domain/catalogues/alert-rules.ts';
import { addDays, daysBetween, toEpochDay } from '../../domain/dates/iso-date.ts';
import { type IsoDate, RECORD_CATEGORY_IDS, RISK_CLASSES } from '../../domain/vocabulary.ts';
import { measureStats } from '../../jobs/propagate/stats.ts';
import { chinaToday } from '../../jobs/propagate/store.ts';
import { principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { isoDateParam } from './params.ts';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];
/** The longest period one overview covers. */
export const MAX_SPAN_DAYS = 731;
const DEFAULT_SPAN_DAYS = 90;
const IN_FORCE = new Set(['active', 'under_objection']);

const overviewQuery = z.object({
  from: isoDateParam.optional().describe('first day (inclusive, China time); default 89 days before `to`'),
  to: isoDateParam.optional().describe('last day (inclusive, China time); default today'),
  bucket: z.enum(BUCKETS).default('week').describe('alert series granularity; weeks start on Monday'),
});

const bilingual = z.object({ zh: z.string(), en: z.string() });
const severityCounts = z.object({
  low: z.number(),
  medium: z.number(),
  high: z.number(),
  critical: z.number(),
});
const statusCounts = z.object({
  total: z.number(),
  in_force: z.number(),
  suspended: z.number(),
  lifted: z.number(),
  withdrawn: z.number(),
});
const overviewBody = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(BUCKETS),
  alerts: z.object({
    total: z.number(),
    bySeverity: severityCounts,
    series: z.array(z.object({ bucket: z.string(), counts: severityCounts })),
  }),
  classes: z.object({
    scope: z.enum(['all', 'portfolio']),
    total: z.number(),
    counts: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  }),
  records: z
    .object({
      total: z.number(),
      inForce: z.number(),
      ended: z.number(),
      byCategory: z.array(
        z.object({ category: z.string(), total: z.number(), inForce: z.number(), ended: z.number() }),
      ),
    })
    .nullable(),
  measures: z
    .object({
      totals: statusCounts,
      byDepartment: z.array(z.object({ department: bilingual, counts: statusCounts })),
    })
    .nullable(),
});

const invalid = (field: string, reason: string) =>
  new AppError(400, 'VALIDATION_FAILED', `Invalid request: querystring.${field} ${reason}`, {
    fields: [{ field: `querystring.${field}`, reason }],
  });

/** The bucket a China calendar day falls in: the day, the Monday starting its week, or YYYY-MM. */
export function bucketOf(day: IsoDate, bucket: Bucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  // 1970-01-01 (epoch day 0) was a Thursday: (epochDay + 3) mod 7 counts days since Monday.
  const sinceMonday = ((toEpochDay(day) % 7) + 10) % 7;
  return addDays(day, -sinceMonday);
}

/** Every bucket of [from, to] in order, so a chart shows quiet periods as zeros. */
export function bucketsBetween(from: IsoDate, to: IsoDate, bucket: Bucket): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const b = bucketOf(d, bucket);
    if (out.at(-1) !== b) out.push(b);
  }
  return out;
}

/** Midnight of a China calendar day as a UTC instant, in the ISO form alerts store. */
const chinaMidnight = (day: IsoDate) => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The China calendar day of a UTC hour `YYYY-MM-DDTHH`. */
const chinaDayOfHour = (hour: string) =>
  new Date(Date.parse(`${hour}:00:00Z`) + 8 * 3_600_000).toISOString().slice(0, 10);

const zeroSeverities = (): Record<AlertSeverity, number> => ({ low: 0, medium: 0, high: 0, critical: 0 });

export const statsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const gateway = services.gateway;

  app.get(
    '/api/v1/stats/overview',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags: ['stats'],
        summary:
          'Dashboard: alerts over time by severity, risk class distribution, records by category, measures by department',
        querystring: overviewQuery,
        response: { 200: overviewBody, 400: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const to = req.query.to ?? chinaToday();
      const from = req.query.from ?? addDays(to, -(DEFAULT_SPAN_DAYS - 1));
      if (from > to) throw invalid('from', `must be on or before to (${to})`);
      if (daysBetween(from, to) + 1 > MAX_SPAN_DAYS)
        throw invalid(
          'to',
          `must be at most ${MAX_SPAN_DAYS} days after from (${from}); choose a shorter period`,
        );
      const { bucket } = req.query;
      const restricted = !req.scope.unrestricted;
      const seesRecords = !restricted;
      const seesMeasures = !restricted && can(p.role, 'punishment:read');

      const [alertRows, classRows, recordRows, measures] = await Promise.all([
        gateway.read<{ hour: string; severity: string; n: number }>('stats/alerts-by-hour', {
          org: p.org,
          accountId: p.accountId,
          restricted,
          fromAt: chinaMidnight(from),
          toAt: chinaMidnight(addDays(to, 1)),
        }),
        gateway.read<{ riskClass: string; n: number }>('stats/class-counts', {
          portfolio: restricted,
          org: p.org,
          accountId: p.accountId,
          today: chinaToday(),
        }),
        seesRecords
          ? gateway.read<{ category: string; status: string; n: number }>('stats/records-by-category', {
              from,
              to,
            })
          : Promise.resolve(null),
        seesMeasures ? measureStats(gateway, from, addDays(to, 1)) : Promise.resolve(null),
      ]);

      const series = new Map(bucketsBetween(from, to, bucket).map((b) => [b, zeroSeverities()]));
      const bySeverity = zeroSeverities();
      let alertTotal = 0;
      for (const row of alertRows) {
        if (!(ALERT_SEVERITIES as readonly string[]).includes(row.severity)) continue;
        const sev = row.severity as AlertSeverity;
        const counts = series.get(bucketOf(chinaDayOfHour(row.hour), bucket));
        if (!counts) continue; // outside the China-day window (cannot happen with the bounds above)
        counts[sev] += Number(row.n);
        bySeverity[sev] += Number(row.n);
        alertTotal += Number(row.n);
      }

      const classes = { A: 0, B: 0, C: 0, D: 0 };
      for (const row of classRows)
        if ((RISK_CLASSES as readonly string[]).includes(row.riskClass))
          classes[row.riskClass as keyof typeof classes] += Number(row.n);

      let records: z.infer<typeof overviewBody>['records'] = null;
      if (recordRows) {
        const byCategory = new Map<
          string,
          { category: string; total: number; inForce: number; ended: number }
        >();
        for (const row of recordRows) {
          const c = byCategory.get(row.category) ?? {
            category: row.category,
            total: 0,
            inForce: 0,
            ended: 0,
          };
          const n = Number(row.n);
          c.total += n;
          if (IN_FORCE.has(row.status)) c.inForce += n;
          else c.ended += n;
          byCategory.set(row.category, c);
        }
        const order = (c: string) => {
          const i = (RECORD_CATEGORY_IDS as readonly string[]).indexOf(c);
          return i < 0 ? RECORD_CATEGORY_IDS.length : i;
        };
        const list = [...byCategory.values()].sort(
          (a, b) => b.total - a.total || order(a.category) - order(b.category),
        );
        records = {
          total: list.reduce((s, c) => s + c.total, 0),
          inForce: list.reduce((s, c) => s + c.inForce, 0),
          ended: list.reduce((s, c) => s + c.ended, 0),
          byCategory: list,
        };
      }

      return {
        from,
        to,
        bucket,
        alerts: {
          total: alertTotal,
          bySeverity,
          series: [...series.entries()].map(([b, counts]) => ({ bucket: b, counts })),
        },
        classes: {
          scope: restricted ? ('portfolio' as const) : ('all' as const),
          total: classes.A + classes.B + classes.C + classes.D,
          counts: classes,
        },
        records,
        measures: measures ? { totals: measures.totals, byDepartment: measures.byDepartment } : null,
      };
    },
  );
};
