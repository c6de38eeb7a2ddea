/**
 * The alert inbox (issue 6): list with filters and paging, one alert with its comments, workflow steps
 * (open → acknowledged → investigating → confirmed | dismissed, domain/alerts/workflow.ts), assignment and
 * comments. An organisation's alerts (raised for its watchlists) are seen by its accounts only; general alerts
 * (no organisation) by roles that are not portfolio-scoped. A bank reading an alert sees its evidence and message
 * with every subject outside its portfolio scope redacted.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redactPaths, subjectsOnPaths } from '../../domain/alerts/paths.ts';
import { redactParams, renderTemplate } from '../../domain/alerts/templates.ts';
import { ALERT_STATUSES, EVIDENCE_KINDS } from '../../domain/alerts/types.ts';
import { applyChange } from '../../domain/alerts/workflow.ts';
import {
  ALERT_RULE_CATALOGUE,
  ALERT_RULE_IDS,
  ALERT_SEVERITIES,
} from '../../domain/catalogues/alert-rules.ts';
import { LIMITS } from '../../domain/limits.ts';
import { RELATION_KINDS, SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { alertFromProps, type StoredAlert } from '../../jobs/alerts/store.ts';
import { type Principal, principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { csvEnum } from './params.ts';
import { watchlistRoutes } from './watchlists.ts';

// ---------- schemas ----------

const listQuery = z.object({
  status: csvEnum(ALERT_STATUSES).optional(),
  severity: csvEnum(ALERT_SEVERITIES).optional(),
  rule: z.enum(ALERT_RULE_IDS).optional(),
  watchlistId: z.string().min(1).max(LIMITS.maxIdLength).optional(),
  subjectId: z.string().min(1).max(LIMITS.maxIdLength).optional(),
  assignee: z.string().min(1).max(LIMITS.maxIdLength).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});
const idParams = z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) });
const patchBody = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    /** An account id or user name; null unassigns. */
    assignee: z.string().trim().min(1).max(LIMITS.maxIdLength).nullable().optional(),
    note: z.string().trim().min(1).max(LIMITS.maxTextLength).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined, {
    message: 'give status and/or assignee',
    path: ['status'],
  });
const commentBody = z
  .object({ text: z.string().trim().min(1, 'must not be empty').max(LIMITS.maxTextLength) })
  .strict();

const evidenceNode = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.enum(SUBJECT_KINDS).nullable(),
  redacted: z.boolean().optional(),
});
const evidenceLink = z.object({
  type: z.enum([...RELATION_KINDS, 'BOUND_BY']),
  reversed: z.boolean(),
  role: z.string().optional(),
  stakePct: z.number().optional(),
  amount: z.number().optional(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
});
const evidencePath = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  nodes: z.array(evidenceNode),
  links: z.array(evidenceLink),
});
const historyEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['status', 'assign']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().optional(),
});
const comment = z.object({ id: z.string(), author: z.string(), text: z.string(), at: z.string() });
const alertBody = z.object({
  id: z.string(),
  rule: z.enum(ALERT_RULE_IDS),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  org: z.string().nullable(),
  watchlistId: z.string().nullable(),
  subjectIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  assignee: z.string().nullable(),
  message: z.object({ zh: z.string(), en: z.string() }),
  evidence: z.array(evidencePath),
  history: z.array(historyEntry),
});
const alertDetail = alertBody.extend({ comments: z.array(comment) });
const listBody = z.object({ items: z.array(alertBody), nextCursor: z.string().nullable() });

// ---------- helpers ----------

/** Same rule as alerts/list.cypher. */
export function canSeeAlert(p: Principal, restricted: boolean, a: StoredAlert): boolean {
  if (a.org !== null) return a.org === p.org;
  if (restricted) return false;
  return a.watchlistId === null || a.ownerAccount === p.accountId;
}

const encodeCursor = (a: StoredAlert) =>
  Buffer.from(JSON.stringify([a.createdAt, a.id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'))
      return v as [string, string];
  } catch {
    // fall through
  }
  throw new AppError(400, 'CURSOR_INVALID', 'cursor: pass the nextCursor of the previous page unchanged');
}

/** The inbox and, registered with it, the watchlists that feed it (server/routes/watchlists.ts). */
export const alertRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  await app.register(watchlistRoutes, { services });
  const gateway = services.gateway;
  const tags = ['alerts'];

  /** The alert as this reader may see it: for a scoped reader, out-of-scope subjects are redacted. */
  async function view(req: FastifyRequest, a: StoredAlert): Promise<z.infer<typeof alertBody>> {
    let { evidence, subjectIds, messageZh, messageEn } = a;
    if (!req.scope.unrestricted) {
      const mentioned = [
        ...new Set([...a.subjectIds, ...subjectsOnPaths(a.evidence), ...Object.values(a.params.subjects)]),
      ];
      const visible = await req.scope.filterVisible(mentioned);
      evidence = redactPaths(a.evidence, visible);
      subjectIds = a.subjectIds.filter((id) => visible.has(id));
      const template = ALERT_RULE_CATALOGUE.rules[a.rule]?.template;
      if (template && Object.values(a.params.subjects).some((id) => !visible.has(id))) {
        messageZh = renderTemplate(template.zh, redactParams(a.params, visible, 'zh'));
        messageEn = renderTemplate(template.en, redactParams(a.params, visible, 'en'));
      }
    }
    for (const id of subjectIds) req.audit.subjects.add(id);
    return {
      id: a.id,
      rule: a.rule,
      severity: a.severity,
      status: a.status,
      org: a.org,
      watchlistId: a.watchlistId,
      subjectIds,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      assignee: a.assignee,
      message: { zh: messageZh, en: messageEn },
      evidence,
      history: a.history,
    };
  }

  async function load(req: FastifyRequest, id: string) {
    const [row] = await gateway.read<{
      alert: Record<string, unknown>;
      comments: Array<Record<string, unknown>>;
    }>('alerts/get', { id });
    const alert = row ? alertFromProps(row.alert) : null;
    if (!alert || !canSeeAlert(principalOf(req), !req.scope.unrestricted, alert))
      throw new AppError(404, 'ALERT_NOT_FOUND', `id: no alert ${JSON.stringify(id)} visible to you`);
    const comments = (row!.comments ?? []).map((c) => ({
      id: String(c.id),
      author: String(c.author),
      text: String(c.text),
      at: String(c.at),
    }));
    return { alert, comments };
  }

  app.get(
    '/api/v1/alerts',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags,
        summary:
          'The alert inbox, newest first: filters status, severity (comma-separated), rule, watchlistId, subjectId, assignee; paged',
        querystring: listQuery,
        response: { 200: listBody, 400: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const q = req.query;
      const [afterCreatedAt, afterId] = q.cursor ? decodeCursor(q.cursor) : [null, null];
      const rows = await gateway.read<{ alert: Record<string, unknown> }>('alerts/list', {
        org: p.org,
        accountId: p.accountId,
        restricted: !req.scope.unrestricted,
        status: q.status ?? null,
        severity: q.severity ?? null,
        rule: q.rule ?? null,
        watchlistId: q.watchlistId ?? null,
        subjectId: q.subjectId ?? null,
        assignee: q.assignee ?? null,
        afterCreatedAt,
        afterId,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit).map((r) => alertFromProps(r.alert));
      const items = [];
      for (const a of page) items.push(await view(req, a));
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!) : null };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      config: { permission: 'alerts:read' },
      schema: {
        tags,
        summary: 'One alert with its evidence paths, history and comments',
        params: idParams,
        response: { 200: alertDetail, 404: errorBody },
      },
    },
    async (req) => {
      const { alert, comments } = await load(req, req.params.id);
      return { ...(await view(req, alert)), comments };
    },
  );

  app.patch(
    '/api/v1/alerts/:id',
    {
      config: { permission: 'alerts:work' },
      schema: {
        tags,
        summary: 'Move an alert through its workflow and/or (un)assign it',
        params: idParams,
        body: patchBody,
        response: { 200: alertDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { alert } = await load(req, req.params.id);
      const now = new Date().toISOString();
      const change = applyChange(
        alert,
        {
          ...(req.body.status !== undefined ? { status: req.body.status } : {}),
          ...(req.body.assignee !== undefined ? { assignee: req.body.assignee } : {}),
          ...(req.body.note ? { note: req.body.note } : {}),
        },
        { actor: p.accountId, at: now },
      );
      if (!change.ok) throw new AppError(409, change.code, change.message, { allowed: change.allowed });
      req.audit.action = req.body.status ? `alert.${req.body.status}` : 'alert.assign';
      if (change.entries.length > 0) {
        const [row] = await gateway.write<{ alert: Record<string, unknown> }>('alerts/update', {
          id: alert.id,
          expectedUpdatedAt: alert.updatedAt,
          status: change.status,
          assignee: change.assignee,
          history: JSON.stringify([...alert.history, ...change.entries]),
          now,
        });
        if (!row)
          throw new AppError(
            409,
            'ALERT_CHANGED_MEANWHILE',
            'id: someone changed this alert since you read it; reload it and apply your step again',
          );
      }
      const { alert: updated, comments } = await load(req, alert.id);
      return { ...(await view(req, updated)), comments };
    },
  );

  app.post(
    '/api/v1/alerts/:id/comments',
    {
      config: { permission: 'alerts:work' },
      schema: {
        tags,
        summary: 'Comment on an alert',
        params: idParams,
        body: commentBody,
        response: { 201: comment, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const { alert } = await load(req, req.params.id);
      const [row] = await gateway.write<{ comment: Record<string, unknown> }>('alerts/add-comment', {
        alertId: alert.id,
        id: `ac-${randomUUID()}`,
        author: p.accountId,
        text: req.body.text,
        at: new Date().toISOString(),
      });
      req.audit.action = 'alert.comment';
      const c = row!.comment;
      return reply
        .code(201)
        .send({ id: String(c.id), author: String(c.author), text: String(c.text), at: String(c.at) });
    },
  );
};
