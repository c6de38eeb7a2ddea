/**
 * Joint reward and punishment over HTTP (domain.md §6–8): check-before-handling, objections, repair, a record's
 * kept history, statistics and the measures catalogue. Handlers validate, call jobs/propagate and present; the
 * codes of `PunishmentError` map to statuses here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BOUND_ROLE_LABELS,
  BOUND_ROLES,
  MEASURE_CATALOGUE,
  MEASURE_POLARITIES,
  SCENARIO_LABELS,
  SCENARIOS,
} from '../../domain/catalogues/measures.ts';
import { findCategory, RECORD_CATEGORY_CATALOGUE } from '../../domain/catalogues/record-categories.ts';
import { addDays, addYears } from '../../domain/dates/iso-date.ts';
import { repairEligibleFrom } from '../../domain/dates/publication-window.ts';
import { parseSubjectRef } from '../../domain/identifiers/subject-ref.ts';
import { LIMITS } from '../../domain/limits.ts';
import { OBJECTION_OUTCOMES } from '../../domain/punishment/objection.ts';
import { REPAIR_STATES } from '../../domain/punishment/repair.ts';
import { INCLUSION_END_REASONS, INCLUSION_STATUSES } from '../../domain/punishment/types.ts';
import { RECORD_CATEGORY_IDS, RECORD_STATUSES, SEVERITIES } from '../../domain/vocabulary.ts';
import { runCheck } from '../../jobs/propagate/check.ts';
import {
  applyRepair,
  decideObjection,
  decideRepair,
  fileObjection,
  PunishmentError,
  recordHistory,
} from '../../jobs/propagate/rights.ts';
import { measureStats } from '../../jobs/propagate/stats.ts';
import { chinaToday, objectionFromProps, repairFromProps } from '../../jobs/propagate/store.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { csvEnum, isoDateParam } from './params.ts';

// ── Error codes → HTTP statuses ──────────────────────────────────────────────────────────────────────────

const STATUS_OF: Readonly<Record<string, number>> = {
  RECORD_NOT_FOUND: 404,
  OBJECTION_NOT_FOUND: 404,
  REPAIR_NOT_FOUND: 404,
  SUBJECT_NOT_FOUND: 404,
  OBJECTION_ALREADY_OPEN: 409,
  OBJECTION_RECORD_NOT_ACTIVE: 409,
  OBJECTION_NOT_OPEN: 409,
  OBJECTION_RECORD_MISMATCH: 409,
  OBJECTION_CORRECTION_INVALID: 422,
  REPAIR_TOO_EARLY: 422,
  REPAIR_NOT_APPLICABLE: 422,
  REPAIR_RECORD_NOT_ACTIVE: 409,
  REPAIR_INVALID_TRANSITION: 409,
  REPAIR_RECORD_MISMATCH: 409,
  REPAIR_ALREADY_PENDING: 409,
};

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PunishmentError)
      throw new AppError(STATUS_OF[err.code] ?? 422, err.code, err.message, err.details);
    throw err;
  }
}

// ── Schemas ──────────────────────────────────────────────────────────────────────────────────────────────

const isoDate = isoDateParam;
const person = z.string().trim().min(1).max(LIMITS.maxNameLength);
const reason = z.string().trim().min(1).max(LIMITS.maxTextLength);
const idParam = z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) });

/** Domain values hold readonly arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const bilingual = z.object({ zh: z.string(), en: z.string() });
const pathStep = z.object({
  from: z.string(),
  type: z.string(),
  to: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  role: z.string().optional(),
  stakePct: z.number().optional(),
});
const historyEntry = z.object({ at: z.string(), actor: z.string(), action: z.string(), reason: z.string() });
const recordFacts = z.object({
  id: z.string(),
  subjectId: z.string(),
  category: z.enum(RECORD_CATEGORY_IDS),
  severity: z.enum(SEVERITIES),
  actDate: z.string(),
  decisionDate: z.string(),
  status: z.enum(RECORD_STATUSES),
  publicationTo: z.string().nullable().optional(),
});
const inclusion = z.object({
  id: z.string(),
  measureCode: z.string(),
  polarity: z.enum(MEASURE_POLARITIES),
  recordId: z.string(),
  recordSubjectId: z.string(),
  subjectId: z.string(),
  role: z.enum(BOUND_ROLES),
  via: list(pathStep),
  legalBasis: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  status: z.enum(INCLUSION_STATUSES),
  ended: z.object({ on: z.string(), reason: z.enum(INCLUSION_END_REASONS) }).optional(),
});
const statusCounts = z.record(z.string(), z.number());

const checkQuery = z.object({
  subject: z
    .string()
    .max(LIMITS.maxIdLength + 16)
    .superRefine((v, ctx) => {
      const parsed = parseSubjectRef(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    })
    .describe('subject id, USCC, or resident ID number (matched through its keyed hash, never stored)'),
  scenario: z.enum(SCENARIOS).optional().describe('handling scenario; absent = every measure that applies'),
  asOf: isoDate.optional().describe('day the relationships are read on; default today (China)'),
});
const checkReason = z.object({
  inclusionId: z.string().nullable(),
  status: z.enum(['in_force', 'suspended']),
  basis: z.enum(['direct', 'through_person', 'three_clean_years']),
  steps: list(bilingual),
  path: list(pathStep),
});
const checkItem = z.object({
  measure: z.object({
    code: z.string(),
    name: bilingual,
    polarity: z.enum(MEASURE_POLARITIES),
    department: bilingual,
    legalBasis: z.string(),
    scenarios: list(z.enum(SCENARIOS)),
  }),
  status: z.enum(['in_force', 'suspended']),
  reasons: list(checkReason),
});
const checkBody = z.object({
  checkId: z.string(),
  subject: z.object({ id: z.string(), kind: z.string(), name: z.string().nullable() }),
  subjectId: z.string(),
  scenario: z.enum(SCENARIOS).nullable(),
  asOf: z.string(),
  catalogueVersion: z.string(),
  punishments: list(checkItem),
  rewards: list(checkItem),
  withheldRewards: list(z.object({ code: z.string(), reason: bilingual })),
});

const objectionBody = z.object({
  id: z.string(),
  recordId: z.string(),
  state: z.enum(['open', 'resolved']),
  outcome: z.enum(OBJECTION_OUTCOMES).nullable(),
  statusBefore: z.enum(RECORD_STATUSES),
  openedAt: z.string().nullable(),
  history: list(historyEntry),
});
const objectionView = z.object({
  objection: objectionBody,
  record: recordFacts,
  inclusions: statusCounts,
  entry: historyEntry,
});
const correctionFields = z
  .strictObject({
    category: z.enum(RECORD_CATEGORY_IDS).optional(),
    severity: z.enum(SEVERITIES).optional(),
    actDate: isoDate.optional(),
    decisionDate: isoDate.optional(),
    publicationFrom: isoDate.nullable().optional(),
    publicationTo: isoDate.nullable().optional(),
    authority: z.string().trim().min(1).max(LIMITS.maxNameLength).optional(),
    legalBasis: z.string().trim().min(1).max(LIMITS.maxTextLength).optional(),
    title: z.string().trim().min(1).max(LIMITS.maxTextLength).optional(),
  })
  .refine((f) => Object.keys(f).length > 0, 'name at least one corrected field');
const decision = { decidedBy: person, reason };
const objectionDecision = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('upheld'), ...decision }),
  z.object({ outcome: z.literal('revoked'), ...decision }),
  z.object({ outcome: z.literal('corrected'), ...decision, fields: correctionFields }),
]);

const repairApplication = z.object({
  id: z.string(),
  recordId: z.string(),
  subjectId: z.string(),
  state: z.enum(REPAIR_STATES),
  appliedAt: z.string(),
  history: list(historyEntry),
});
const repairView = z.object({
  application: repairApplication,
  record: recordFacts,
  inclusions: statusCounts,
  entry: historyEntry,
});

const historyBody = z.object({
  record: recordFacts.extend({ authority: z.string().nullable(), legalBasis: z.string().nullable() }),
  events: list(
    historyEntry.extend({
      id: z.string(),
      objectionId: z.string().nullable(),
      repairId: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
  objections: list(objectionBody.omit({ openedAt: true })),
  repairs: list(repairApplication),
  inclusions: list(inclusion),
});

const counts = z.object({
  total: z.number(),
  in_force: z.number(),
  suspended: z.number(),
  lifted: z.number(),
  withdrawn: z.number(),
});
const statsQuery = z
  .object({
    from: isoDate.optional().describe('first day (inclusive); default one year before `to`'),
    to: isoDate.optional().describe('end day (exclusive); default tomorrow (China)'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be after from', path: ['to'] });
const statsBody = z.object({
  from: z.string(),
  to: z.string(),
  catalogueVersion: z.string(),
  totals: counts,
  byMeasure: list(z.object({ code: z.string(), name: bilingual, department: bilingual, counts })),
  byDepartment: list(z.object({ department: bilingual, counts })),
  byPeriod: list(z.object({ period: z.string(), counts })),
  ended: z.object({ lifted: z.number(), withdrawn: z.number(), byReason: z.record(z.string(), z.number()) }),
  checks: z.object({ total: z.number(), byScenario: z.record(z.string(), z.number()) }),
});

const source = z.object({ document: z.string(), section: z.string(), note: z.string().optional() });
const measuresBody = z.object({
  version: z.string(),
  measures: list(
    z.object({
      code: z.string(),
      name: bilingual,
      polarity: z.enum(MEASURE_POLARITIES),
      department: bilingual,
      legalBasis: z.string(),
      triggers: list(
        z.union([
          z.object({
            kind: z.literal('record'),
            category: z.enum(RECORD_CATEGORY_IDS),
            severities: list(z.enum(SEVERITIES)),
          }),
          z.object({ kind: z.literal('three_clean_years') }),
        ]),
      ),
      binds: list(z.enum(BOUND_ROLES)),
      scenarios: list(z.enum(SCENARIOS)),
      duration: z.union([z.enum(['while_record_active', 'until_lifted']), z.object({ years: z.number() })]),
      sources: list(source),
    }),
  ),
  roles: list(z.object({ role: z.enum(BOUND_ROLES), label: bilingual, sources: list(source) })),
  scenarios: list(z.object({ scenario: z.enum(SCENARIOS), label: bilingual })),
});

// ── Queues: objections and repair applications to decide ────────────────────────────────────────────────

export const OBJECTION_QUEUE_STATUSES = ['open', ...OBJECTION_OUTCOMES] as const;
/** `pending` = applied or under review: what is still to decide. */
export const REPAIR_QUEUE_STATUSES = [...REPAIR_STATES, 'pending'] as const;

const queueQuery = <T extends readonly [string, ...string[]]>(statuses: T) =>
  z.object({
    status: csvEnum(statuses)
      .optional()
      .describe(`comma-separated: ${statuses.join(', ')}; absent = all`),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(400).optional().describe('the nextCursor of the previous page'),
  });
const queueRecord = z.object({
  id: z.string(),
  category: z.enum(RECORD_CATEGORY_IDS),
  severity: z.enum(SEVERITIES),
  status: z.enum(RECORD_STATUSES),
  actDate: z.string(),
  decisionDate: z.string(),
  authority: z.string().nullable(),
  title: z.string().nullable(),
});
const queueSubject = z.object({
  id: z.string(),
  kind: z.string().nullable(),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
});
const queueDecision = z
  .object({ on: z.string(), by: z.string(), action: z.string(), reason: z.string() })
  .nullable()
  .describe('the last decision taken, null while none');
const objectionItem = z.object({
  id: z.string(),
  recordId: z.string(),
  status: z.enum(OBJECTION_QUEUE_STATUSES),
  subject: queueSubject,
  record: queueRecord,
  submittedBy: z.string(),
  reason: z.string(),
  submittedOn: z.string().describe('day it was filed (China)'),
  submittedAt: z.string().describe('when it was filed (ISO timestamp)'),
  decided: queueDecision,
});
const repairItem = z.object({
  id: z.string(),
  recordId: z.string(),
  status: z.enum(REPAIR_STATES),
  subject: queueSubject,
  record: queueRecord,
  applicant: z.string(),
  reason: z.string(),
  submittedOn: z.string().describe('day it was filed (China)'),
  submittedAt: z.string().describe('when it was filed (ISO timestamp)'),
  eligibleFrom: z
    .string()
    .nullable()
    .describe('earliest day a repair is admissible; null if unknown or never'),
  decided: queueDecision,
});
const objectionList = z.object({ items: z.array(objectionItem), nextCursor: z.string().nullable() });
const repairList = z.object({ items: z.array(repairItem), nextCursor: z.string().nullable() });

type Props = Record<string, unknown>;
type QueueRow = { filedAt: number; record: Props; subject: Props };

const encodeQueueCursor = (filedAt: number, id: string) =>
  Buffer.from(JSON.stringify([filedAt, id])).toString('base64url');
function decodeQueueCursor(cursor: string | undefined): [number | null, string | null] {
  if (cursor === undefined) return [null, null];
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string')
      return v as [number, string];
  } catch {
    // fall through
  }
  throw new AppError(400, 'CURSOR_INVALID', 'cursor: pass the nextCursor of the previous page unchanged');
}

const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
const queueParts = (row: QueueRow) => ({
  subject: {
    id: String(row.subject.id),
    kind: strOrNull(row.subject.kind),
    name: strOrNull(row.subject.name),
    idMasked: strOrNull(row.subject.idMasked),
  },
  record: {
    id: String(row.record.id),
    category: row.record.category as (typeof RECORD_CATEGORY_IDS)[number],
    severity: row.record.severity as (typeof SEVERITIES)[number],
    status: (strOrNull(row.record.status) ?? 'active') as (typeof RECORD_STATUSES)[number],
    actDate: String(row.record.actDate),
    decisionDate: String(row.record.decisionDate),
    authority: strOrNull(row.record.authority),
    title: strOrNull(row.record.title),
  },
  submittedAt: new Date(Number(row.filedAt)).toISOString(),
});
const lastDecision = (history: readonly { at: string; actor: string; action: string; reason: string }[]) => {
  const last = history.length > 1 ? history.at(-1) : undefined;
  return last ? { on: last.at, by: last.actor, action: last.action, reason: last.reason } : null;
};
const eligibleFromOf = (record: Props): string | null => {
  const found = findCategory(RECORD_CATEGORY_CATALOGUE, String(record.category));
  if (!found.ok || !found.category.severities.includes(record.severity as (typeof SEVERITIES)[number]))
    return null;
  return repairEligibleFrom(
    found.category,
    record.severity as (typeof SEVERITIES)[number],
    String(record.decisionDate),
  );
};

const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tags = ['joint punishment'];

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────────────

export const punishmentRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { gateway } = services;

  app.get(
    '/api/v1/check',
    {
      config: { permission: 'check:run' },
      schema: {
        tags,
        summary: 'Check before handling (应查必查): every measure and reward that applies, with reasons',
        querystring: checkQuery,
        response: { 200: checkBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const parsed = parseSubjectRef(req.query.subject);
      if (!parsed.ok) throw new AppError(400, 'VALIDATION_FAILED', parsed.message);
      const { result, log } = await call(() =>
        runCheck(gateway, services.cfg.PII_HASH_SECRET, {
          ref: parsed.ref,
          scenario: req.query.scenario ?? null,
          ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
          // The route's permission needs a signed-in account, so there always is one.
          actor: req.principal?.username ?? 'unknown',
        }),
      );
      req.audit.subjects.add(result.subject.id);
      // Stored with the audit entry, in its statement: one commit per group of checks instead of two.
      req.audit.checkLogs.push(log);
      return result;
    },
  );

  app.post(
    '/api/v1/records/:id/objections',
    {
      config: { permission: 'punishment:file' },
      schema: {
        tags,
        summary: 'Object to a record: it goes under objection and the measures it triggered are suspended',
        params: idParam,
        body: z.object({ submittedBy: person, reason }),
        response: { 201: objectionView, ...errors },
      },
    },
    async (req, reply) => {
      const result = await call(() =>
        fileObjection(gateway, req.params.id, { actor: req.body.submittedBy, reason: req.body.reason }),
      );
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/api/v1/objections/:id',
    {
      config: { permission: 'punishment:decide' },
      schema: {
        tags,
        summary: 'Resolve an objection: upheld (reinstated), corrected (recomputed) or revoked (withdrawn)',
        params: idParam,
        body: objectionDecision,
        response: { 200: objectionView, ...errors },
      },
    },
    async (req) => {
      const { decidedBy, ...rest } = req.body;
      return call(() => decideObjection(gateway, req.params.id, { ...rest, actor: decidedBy }));
    },
  );

  app.get(
    '/api/v1/records/:id/history',
    {
      config: { permission: 'punishment:read' },
      schema: {
        tags,
        summary:
          "A record's kept history: every step with who decided and why, objections, repairs, inclusions",
        params: idParam,
        response: { 200: historyBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => call(() => recordHistory(gateway, req.params.id)),
  );

  app.post(
    '/api/v1/records/:id/repairs',
    {
      config: { permission: 'punishment:file' },
      schema: {
        tags,
        summary: 'Apply for credit repair; refused with the first admissible date before the minimum period',
        params: idParam,
        body: z.object({ applicant: person, reason }),
        response: { 201: repairView, ...errors },
      },
    },
    async (req, reply) => {
      const result = await call(() =>
        applyRepair(gateway, req.params.id, { actor: req.body.applicant, reason: req.body.reason }),
      );
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/api/v1/repairs/:id',
    {
      config: { permission: 'punishment:decide' },
      schema: {
        tags,
        summary: 'Review, approve or reject a repair application; approval lifts the derived measures',
        params: idParam,
        body: z.object({ action: z.enum(['review', 'approve', 'reject']), ...decision }),
        response: { 200: repairView, ...errors },
      },
    },
    async (req) =>
      call(() =>
        decideRepair(gateway, req.params.id, {
          action: req.body.action,
          actor: req.body.decidedBy,
          reason: req.body.reason,
        }),
      ),
  );

  app.get(
    '/api/v1/objections',
    {
      config: { permission: 'punishment:read' },
      schema: {
        tags,
        summary:
          'The objection queue, newest first: status open, upheld, corrected, revoked (comma-separated); paged',
        querystring: queueQuery(OBJECTION_QUEUE_STATUSES),
        response: { 200: objectionList, 400: errorBody },
      },
    },
    async (req) => {
      const { status, limit, cursor } = req.query;
      const [afterFiledAt, afterId] = decodeQueueCursor(cursor);
      const rows = await gateway.read<QueueRow & { objection: Props; status: string }>(
        'punishment/list-objections',
        { status: status ?? null, afterFiledAt, afterId, limit: limit + 1 },
      );
      const items = rows.slice(0, limit).map((row) => {
        const o = objectionFromProps(row.objection);
        const opened = o.history[0];
        return {
          id: o.id,
          recordId: o.recordId,
          status: row.status as (typeof OBJECTION_QUEUE_STATUSES)[number],
          ...queueParts(row),
          submittedBy: opened?.actor ?? '',
          reason: opened?.reason ?? '',
          submittedOn: opened?.at ?? String(row.objection.openedAt ?? ''),
          decided: lastDecision(o.history),
        };
      });
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items,
        nextCursor: last ? encodeQueueCursor(Number(last.filedAt), String(last.objection.id)) : null,
      };
    },
  );

  app.get(
    '/api/v1/repairs',
    {
      config: { permission: 'punishment:read' },
      schema: {
        tags,
        summary:
          'The repair queue, newest first: status applied, under_review, approved, rejected or pending (the first two); paged',
        querystring: queueQuery(REPAIR_QUEUE_STATUSES),
        response: { 200: repairList, 400: errorBody },
      },
    },
    async (req) => {
      const { status, limit, cursor } = req.query;
      const [afterFiledAt, afterId] = decodeQueueCursor(cursor);
      const states = status
        ? [...new Set(status.flatMap((s) => (s === 'pending' ? ['applied', 'under_review'] : [s])))]
        : null;
      const rows = await gateway.read<QueueRow & { repair: Props }>('punishment/list-repairs', {
        status: states,
        afterFiledAt,
        afterId,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map((row) => {
        const a = repairFromProps(row.repair);
        const applied = a.history[0];
        return {
          id: a.id,
          recordId: a.recordId,
          status: a.state,
          ...queueParts(row),
          applicant: applied?.actor ?? '',
          reason: applied?.reason ?? '',
          submittedOn: a.appliedAt,
          eligibleFrom: eligibleFromOf(row.record),
          decided: lastDecision(a.history),
        };
      });
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items,
        nextCursor: last ? encodeQueueCursor(Number(last.filedAt), String(last.repair.id)) : null,
      };
    },
  );

  app.get(
    '/api/v1/stats/measures',
    {
      config: { permission: 'punishment:read' },
      schema: {
        tags,
        summary:
          'Inclusions by measure, department and month; suspended and lifted counts; checks per scenario',
        querystring: statsQuery,
        response: { 200: statsBody, 400: errorBody },
      },
    },
    async (req) => {
      const to = req.query.to ?? addDays(chinaToday(), 1);
      const from = req.query.from ?? addYears(to, -1);
      if (from >= to)
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          `Invalid request: querystring.from must be before ${to}`,
          {
            fields: [{ field: 'querystring.from', reason: `must be before ${to}` }],
          },
        );
      return measureStats(gateway, from, to);
    },
  );

  app.get(
    '/api/v1/measures',
    {
      config: { permission: 'punishment:read' },
      schema: {
        tags,
        summary:
          'The measures catalogue: what each measure does, whom it binds, where it applies, its sources',
        response: { 200: measuresBody },
      },
    },
    async () => ({
      version: MEASURE_CATALOGUE.version,
      measures: MEASURE_CATALOGUE.measures.map((m) => ({ ...m })),
      roles: BOUND_ROLES.map((role) => ({
        role,
        label: BOUND_ROLE_LABELS[role],
        sources: [...MEASURE_CATALOGUE.roleMapping[role].sources],
      })),
      scenarios: SCENARIOS.map((scenario) => ({ scenario, label: SCENARIO_LABELS[scenario] })),
    }),
  );
};
