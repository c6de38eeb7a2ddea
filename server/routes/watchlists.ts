/**
 * Watchlists (issue 6): a bank, or any user, keeps lists of subjects (its borrowers) and receives alerts for what
 * happens within `depth` hops of them. Storage, shared with the bank portfolio scope (server/auth/scope.ts):
 * (:Watchlist {id, name, ownerAccount, org, createdAt, depth})-[:WATCHES {addedAt, addedBy}]->(:Subject).
 * A watchlist belongs to its owner's organisation and is visible to that organisation's accounts (or to its
 * owner alone when the owner has none). Adding a subject needs no portfolio scope: watching a borrower is how a
 * bank brings it into scope. Bulk adds (JSON or CSV) are all or nothing: one unknown subject and nothing is added.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_RULE_CATALOGUE } from '../../domain/catalogues/alert-rules.ts';
import { hashResidentId } from '../../domain/identifiers/resident-id.ts';
import { parseSubjectRef } from '../../domain/identifiers/subject-ref.ts';
import { LIMITS } from '../../domain/limits.ts';
import { SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { todayInChina } from '../../jobs/projection/load-projection.ts';
import { type Principal, principalOf } from '../auth/request-context.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';

/** Subjects per bulk add: a loan book of a city branch; larger books are added in several requests. */
export const MAX_BULK_SUBJECTS = 10_000;
const CSV_BODY_LIMIT = 2 * 1024 * 1024;

// ---------- schemas ----------

const idParams = z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) });
const memberParams = idParams.extend({ subjectId: z.string().min(1).max(LIMITS.maxIdLength) });

const createBody = (maxDepth: number) =>
  z
    .object({
      name: z.string().trim().min(1, 'must not be empty').max(LIMITS.maxNameLength),
      depth: z.number().int().min(0).max(maxDepth).optional(),
      /** Subjects to watch at once (USCC, resident ID number or subject id; all must exist). */
      subjects: z.array(z.string().min(1).max(LIMITS.maxIdLength)).max(MAX_BULK_SUBJECTS).optional(),
    })
    .strict();
const addBody = z
  .object({ subjects: z.array(z.string().min(1).max(LIMITS.maxIdLength)).min(1).max(MAX_BULK_SUBJECTS) })
  .strict();
const membersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(LIMITS.maxIdLength).optional(),
});

const watchlist = z.object({
  id: z.string(),
  name: z.string(),
  ownerAccount: z.string(),
  org: z.string().nullable(),
  depth: z.number().int(),
  createdAt: z.string(),
  size: z.number().int(),
});
const member = z.object({
  id: z.string(),
  name: z.string().nullable(),
  kind: z.enum(SUBJECT_KINDS).nullable(),
  riskClass: z.string().nullable(),
  addedAt: z.string().nullable(),
  addedBy: z.string().nullable(),
});
const watchlistWithMembers = watchlist.extend({
  members: z.array(member),
  nextCursor: z.string().nullable(),
});
const addResult = z.object({
  added: z.number().int(),
  alreadyWatched: z.number().int(),
  size: z.number().int(),
});

type WatchlistRow = { watchlist: Record<string, unknown>; size: number };

const present = (r: WatchlistRow): z.infer<typeof watchlist> => ({
  id: String(r.watchlist.id),
  name: String(r.watchlist.name),
  ownerAccount: String(r.watchlist.ownerAccount),
  org: typeof r.watchlist.org === 'string' ? r.watchlist.org : null,
  depth: Number(r.watchlist.depth),
  createdAt: String(r.watchlist.createdAt),
  size: r.size,
});

/** Same rule as alerts/list.cypher and watchlists/list.cypher. */
export const canSeeWatchlist = (p: Principal, w: { org: string | null; ownerAccount: string }): boolean =>
  w.org !== null ? w.org === p.org : w.ownerAccount === p.accountId;

/** One problem with one row of a bulk add, worded for the person fixing the file. */
interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

export const watchlistRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const gateway = services.gateway;
  const catalogue = ALERT_RULE_CATALOGUE;
  const tags = ['watchlists'];
  const manage = { permission: 'watchlists:manage' as const };

  // Encapsulated in this plugin: only the CSV bulk-add route reads text/csv bodies.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  /** Resolves references to subject ids; throws 400 naming every bad row, so nothing is half-added. */
  async function resolveAll(refs: readonly string[], field: string): Promise<string[]> {
    const problems: RowProblem[] = [];
    const wanted: Array<{ key: string; by: string; value: string }> = [];
    const today = todayInChina();
    refs.forEach((text, i) => {
      const parsed = parseSubjectRef(text, { today });
      if (!parsed.ok) {
        problems.push({ row: i + 1, field, reason: parsed.message });
        return;
      }
      const { by, value } = parsed.ref;
      wanted.push(
        by === 'idNumber'
          ? { key: String(i), by: 'idHash', value: hashResidentId(value, services.cfg.PII_HASH_SECRET) }
          : { key: String(i), by, value },
      );
    });
    const found = new Map<string, string>();
    if (wanted.length > 0) {
      const rows = await gateway.read<{ key: string; id: string }>('ingest/resolve-subjects', {
        refs: wanted,
      });
      for (const r of rows) found.set(r.key, r.id);
    }
    for (const w of wanted)
      if (!found.has(w.key))
        problems.push({
          row: Number(w.key) + 1,
          field,
          // An ID number is never echoed back, not even in an error.
          reason: `no subject with this ${w.by === 'idHash' ? 'resident ID number' : w.by === 'uscc' ? 'USCC' : 'id'}`,
        });
    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      throw new AppError(
        400,
        'WATCHLIST_SUBJECTS_INVALID',
        `${field}: ${problems.length} of ${refs.length} subject reference(s) could not be used (first: row ${problems[0]!.row}, ${problems[0]!.reason}); nothing was added — fix or remove them and send the list again`,
        { problems: problems.slice(0, 1000) },
      );
    }
    return [...new Set(refs.map((_, i) => found.get(String(i))!))];
  }

  /** The watchlist if the principal may see it; 404 otherwise (another organisation's list does not exist for you). */
  async function visibleWatchlist(id: string, p: Principal): Promise<z.infer<typeof watchlist>> {
    const [row] = await gateway.read<WatchlistRow>('watchlists/get', { id });
    const w = row ? present(row) : null;
    if (!w || !canSeeWatchlist(p, w))
      throw new AppError(404, 'WATCHLIST_NOT_FOUND', `id: no watchlist ${JSON.stringify(id)} visible to you`);
    return w;
  }

  // A watchlist change changes a bank's portfolio scope: drop the cached scope before the answer leaves, so the
  // caller's next request already sees (or no longer sees) the subjects.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && reply.statusCode < 300 && req.principal) {
      services.access.scopes.invalidate(req.principal.org, req.principal.accountId);
    }
    return payload;
  });

  async function addSubjects(id: string, ids: readonly string[], p: Principal) {
    const [res] = await gateway.write<{ added: number; size: number }>('watchlists/add-subjects', {
      id,
      subjectIds: [...ids],
      addedAt: new Date().toISOString(),
      addedBy: p.accountId,
    });
    return { added: res?.added ?? 0, alreadyWatched: ids.length - (res?.added ?? 0), size: res?.size ?? 0 };
  }

  app.post(
    '/api/v1/watchlists',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a watchlist (depth = hops around each watched subject that raise alerts)',
        body: createBody(catalogue.maxWatchDepth),
        response: { 201: watchlist, 400: errorBody },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const ids = req.body.subjects?.length ? await resolveAll(req.body.subjects, 'body.subjects') : [];
      const id = `wl-${randomUUID()}`;
      const [row] = await gateway.write<{ watchlist: Record<string, unknown> }>('watchlists/create', {
        id,
        name: req.body.name,
        ownerAccount: p.accountId,
        org: p.org,
        depth: req.body.depth ?? catalogue.defaultWatchDepth,
        createdAt: new Date().toISOString(),
      });
      const added = ids.length > 0 ? await addSubjects(id, ids, p) : { size: 0 };
      for (const s of ids) req.audit.subjects.add(s);
      req.audit.action = 'watchlist.create';
      return reply.code(201).send(present({ watchlist: row!.watchlist, size: added.size }));
    },
  );

  app.get(
    '/api/v1/watchlists',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Watchlists of your organisation',
        response: { 200: z.object({ items: z.array(watchlist) }) },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const rows = await gateway.read<WatchlistRow>('watchlists/list', {
        org: p.org,
        accountId: p.accountId,
      });
      return { items: rows.map(present) };
    },
  );

  app.get(
    '/api/v1/watchlists/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A watchlist and one page of its subjects (by subject id)',
        params: idParams,
        querystring: membersQuery,
        response: { 200: watchlistWithMembers, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const w = await visibleWatchlist(req.params.id, principalOf(req));
      const rows = await gateway.read<z.infer<typeof member>>('watchlists/members', {
        id: w.id,
        afterId: req.query.cursor ?? null,
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit).map((m) => ({
        id: m.id,
        name: m.name ?? null,
        kind: m.kind ?? null,
        riskClass: m.riskClass ?? null,
        addedAt: m.addedAt ?? null,
        addedBy: m.addedBy ?? null,
      }));
      for (const m of page) req.audit.subjects.add(m.id);
      return { ...w, members: page, nextCursor: rows.length > req.query.limit ? page.at(-1)!.id : null };
    },
  );

  app.delete(
    '/api/v1/watchlists/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a watchlist (its alerts stay)',
        params: idParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (req, reply) => {
      const w = await visibleWatchlist(req.params.id, principalOf(req));
      await gateway.write('watchlists/delete', { id: w.id });
      req.audit.action = 'watchlist.delete';
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/watchlists/:id/subjects',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add subjects (USCC, resident ID number or subject id); all or nothing',
        params: idParams,
        body: addBody,
        response: { 200: addResult, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const w = await visibleWatchlist(req.params.id, p);
      const ids = await resolveAll(req.body.subjects, 'body.subjects');
      for (const s of ids) req.audit.subjects.add(s);
      req.audit.action = 'watchlist.add';
      return addSubjects(w.id, ids, p);
    },
  );

  app.post(
    '/api/v1/watchlists/:id/subjects/csv',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Bulk add from CSV (text/csv, header row with a `subject` column); all or nothing',
        params: idParams,
        response: { 200: addResult, 400: errorBody, 404: errorBody, 415: errorBody },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const w = await visibleWatchlist(req.params.id, p);
      if (typeof req.body !== 'string')
        throw new AppError(
          415,
          'CSV_REQUIRED',
          'body: send the file as text/csv with a header row naming a `subject` column',
        );
      let rows: Array<Record<string, string>>;
      try {
        rows = parseCsv(req.body, { columns: true, skip_empty_lines: true, trim: true, bom: true });
      } catch (err) {
        throw new AppError(400, 'CSV_INVALID', `body: not readable as CSV (${(err as Error).message})`);
      }
      if (rows.length === 0 || !('subject' in rows[0]!))
        throw new AppError(
          400,
          'CSV_INVALID',
          'body: the header row must name a `subject` column (USCC, resident ID number or subject id), followed by at least one row',
        );
      if (rows.length > MAX_BULK_SUBJECTS)
        throw new AppError(
          400,
          'CSV_TOO_LARGE',
          `body: at most ${MAX_BULK_SUBJECTS} rows per request, got ${rows.length}`,
        );
      const ids = await resolveAll(
        rows.map((r) => r.subject ?? ''),
        'subject',
      );
      for (const s of ids) req.audit.subjects.add(s);
      req.audit.action = 'watchlist.add-csv';
      return addSubjects(w.id, ids, p);
    },
  );

  app.delete(
    '/api/v1/watchlists/:id/subjects/:subjectId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Stop watching a subject',
        params: memberParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (req, reply) => {
      const w = await visibleWatchlist(req.params.id, principalOf(req));
      const [res] = await gateway.write<{ removed: number }>('watchlists/remove-subject', {
        id: w.id,
        subjectId: req.params.subjectId,
      });
      if (!res?.removed)
        throw new AppError(
          404,
          'WATCHLIST_SUBJECT_NOT_FOUND',
          `subjectId: ${JSON.stringify(req.params.subjectId)} is not on this watchlist`,
        );
      req.audit.subjects.add(req.params.subjectId);
      req.audit.action = 'watchlist.remove';
      return reply.code(204).send(null);
    },
  );
};
