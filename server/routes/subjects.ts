/**
 * Subject search and profile under /api/v1 (issue 7, "Search"). Search finds subjects by name (full-text on the
 * CJK-analysed `subject_names` index, so partial Chinese names match), by USCC or registration number (exact,
 * normalised) and by resident ID number (matched through its keyed hash; the clear number is never stored,
 * logged or returned). The profile gives identity (persons masked), roles held over time, records and the stored
 * risk score and class.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../domain/access/roles.ts';
import { normaliseIdentifier } from '../../domain/identifiers/normalise.ts';
import { hashResidentId, validateResidentId } from '../../domain/identifiers/resident-id.ts';
import { LIMITS } from '../../domain/limits.ts';
import { RELATION_KINDS, SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { todayInChina } from '../../jobs/projection/load-projection.ts';
import { subjectFacts } from '../../jobs/screening/screen.ts';
import { principalOf } from '../auth/request-context.ts';
import { visibility } from '../auth/visibility.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { listEntryBody, measureInForceBody, standingMentions, standingView } from '../subject-standing.ts';

/** Rows of a profile's role and record lists: a nominee can hold hundreds of seats; more is not readable. */
const PROFILE_ROLE_LIMIT = 500;
const PROFILE_RECORD_LIMIT = 500;

// ---------- request schemas ----------

const searchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(LIMITS.maxNameLength),
  kind: z.enum(SUBJECT_KINDS).optional(),
  /** Administrative division code or a prefix of it ("44" = Guangdong). */
  region: z
    .string()
    .regex(/^\d{2,6}$/, 'must be 2–6 digits of an administrative division code')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque paging cursor from the previous page's nextCursor. */
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a nextCursor from a previous page')
    .optional(),
});
const idParams = z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) });
const summariesBody = z.object({
  ids: z.array(z.string().min(1).max(LIMITS.maxIdLength)).min(1).max(LIMITS.maxNodesReturned),
});

// ---------- response schemas ----------

const hit = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().nullable(),
  uscc: z.string().nullable(),
  regNo: z.string().nullable(),
  /** Persons only: the masked ID number (never the number itself). */
  idMasked: z.string().nullable(),
  region: z.string().nullable(),
  riskScore: z.number().nullable(),
  riskClass: z.string().nullable(),
});
const searchBody = z.object({
  /** How the query was matched: an exact identifier or a name. */
  matchedBy: z.enum(['uscc', 'idNumber', 'name']),
  items: z.array(hit),
  nextCursor: z.string().nullable(),
});

const roleRow = z.object({
  direction: z.enum(['out', 'in']),
  type: z.enum(RELATION_KINDS),
  other: z.object({
    id: z.string(),
    kind: z.enum(SUBJECT_KINDS),
    name: z.string().nullable(),
    idMasked: z.string().nullable(),
  }),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Whether the relationship is in force today (China time). */
  current: z.boolean(),
  stakePct: z.number().nullable(),
  subscribedAmount: z.number().nullable(),
  role: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
});
const recordRow = z.object({
  id: z.string(),
  category: z.string(),
  severity: z.string().nullable(),
  authority: z.string().nullable(),
  actDate: z.string().nullable(),
  decisionDate: z.string().nullable(),
  legalBasis: z.string().nullable(),
  title: z.string().nullable(),
  publicationFrom: z.string().nullable(),
  publicationTo: z.string().nullable(),
  status: z.string().nullable(),
});
const profileBody = z.object({
  identity: z.object({
    id: z.string(),
    kind: z.enum(SUBJECT_KINDS),
    name: z.string().nullable(),
    uscc: z.string().nullable(),
    regNo: z.string().nullable(),
    identifierStatus: z.string().nullable(),
    idMasked: z.string().nullable(),
    region: z.string().nullable(),
    registeredAt: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  risk: z
    .object({
      score: z.number(),
      riskClass: z.string().nullable(),
      asOf: z.string().nullable(),
      scoredAt: z.string().nullable(),
      configVersion: z.string().nullable(),
    })
    .nullable(),
  roles: z.array(roleRow),
  rolesTruncated: z.boolean(),
  records: z.array(recordRow),
  recordsTruncated: z.boolean(),
  lists: z.array(listEntryBody),
  measures: z.array(measureInForceBody),
  asOf: z.string(),
});

const summaryRow = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
  riskScore: z.number().nullable(),
  riskClass: z.string().nullable(),
});
const summariesResponse = z.object({ items: z.array(summaryRow) });

// ---------- query building ----------

const LUCENE_SPECIAL = /[\\"]/g;

/**
 * The user's text as one Lucene phrase: inside quotes only `\` and `"` are special, and both are escaped, so
 * operators (`OR`, `AND`, `NOT`), wildcards, fuzzy `~`, fields `a:b`, ranges and groups are all taken literally.
 * The CJK analyzer splits the phrase into bigrams, so any contiguous part of a Chinese name matches.
 */
export function namePhraseQuery(text: string): string {
  return `"${text.replace(LUCENE_SPECIAL, (c) => `\\${c}`)}"`;
}

const IDENTIFIER_SHAPE = /^[0-9A-HJ-NP-RT-UW-Y]{15,18}$/;

type Row = z.infer<typeof hit> & { relevance?: number };

function presentHit(r: Row): z.infer<typeof hit> {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name ?? null,
    uscc: r.uscc ?? null,
    regNo: r.regNo ?? null,
    idMasked: r.idMasked ?? null,
    region: r.region ?? null,
    riskScore: typeof r.riskScore === 'number' ? r.riskScore : null,
    riskClass: r.riskClass ?? null,
  };
}

/** Search hits the caller may see, recorded in the audit log as read. */
async function visibleHits(req: FastifyRequest, rows: Row[]) {
  const hits = rows.map(presentHit);
  const visible = await visibility(
    req.scope,
    hits.map((h) => h.id),
  );
  const shown = hits.filter((h) => visible(h.id));
  for (const h of shown) req.audit.subjects.add(h.id);
  return shown;
}

export const subjectRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const gateway = services.gateway;
  const tags = ['subjects'];

  app.get(
    '/api/v1/subjects',
    {
      config: { permission: 'subjects:read' },
      schema: {
        tags,
        summary: 'Find subjects by name (partial Chinese names), USCC or resident ID number',
        querystring: searchQuery,
        response: { 200: searchBody, 400: errorBody },
      },
    },
    async (req) => {
      const { q, kind, region, limit, cursor } = req.query;
      const filters = { kind: kind ?? null, region: region ?? null };
      const code = normaliseIdentifier(q);
      if (IDENTIFIER_SHAPE.test(code)) {
        const person = validateResidentId(code, { today: todayInChina() });
        // Refused before looking, so the answer does not reveal whether the number is known.
        if (person.ok && !can(principalOf(req).role, 'subjects:lookup-person-id')) {
          throw new AppError(
            403,
            'FORBIDDEN',
            `role ${principalOf(req).role} may not find persons by ID number`,
          );
        }
        const idHash = person.ok ? hashResidentId(person.value, services.cfg.PII_HASH_SECRET) : null;
        const rows = await gateway.read<Row>('subjects/search-by-identifier', { code, idHash, ...filters });
        if (rows.length > 0) {
          const byPerson = rows.some((r) => r.kind === 'natural_person');
          return {
            matchedBy: byPerson ? ('idNumber' as const) : ('uscc' as const),
            items: await visibleHits(req, rows),
            nextCursor: null,
          };
        }
        // A valid ID number that matched no one is not a name: no full-text search on it.
        if (person.ok) return { matchedBy: 'idNumber' as const, items: [], nextCursor: null };
      }
      const skip = cursor === undefined ? 0 : Number(cursor);
      const rows = await gateway.read<Row>('subjects/search-by-name', {
        query: namePhraseQuery(q),
        ...filters,
        skip,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        matchedBy: 'name' as const,
        items: await visibleHits(req, page),
        nextCursor: rows.length > limit ? String(skip + limit) : null,
      };
    },
  );

  app.post(
    '/api/v1/subjects/summaries',
    {
      config: { permission: 'subjects:read' },
      schema: {
        tags,
        summary: 'Name, kind and stored risk class of many subjects at once (unknown ids are left out)',
        body: summariesBody,
        response: { 200: summariesResponse, 400: errorBody },
      },
    },
    async (req) => {
      const visible = await visibility(req.scope, req.body.ids);
      const rows = await gateway.read<z.infer<typeof summaryRow>>('subjects/summaries', {
        ids: [...new Set(req.body.ids)].filter(visible),
      });
      for (const r of rows) req.audit.subjects.add(r.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          name: r.name ?? null,
          idMasked: r.idMasked ?? null,
          riskScore: typeof r.riskScore === 'number' ? r.riskScore : null,
          riskClass: r.riskClass ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/subjects/:id',
    {
      config: { permission: 'subjects:read' },
      schema: {
        tags,
        summary:
          'Subject profile: identity (persons masked), roles over time, records, lists and measures in force (with their reason chains), stored score and class',
        params: idParams,
        response: { 200: profileBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const { id } = req.params;
      await req.scope.assertVisible(id);
      req.audit.subjects.add(id);
      const today = todayInChina();
      const [[p], roles, records, facts] = await Promise.all([
        gateway.read<ProfileRow>('subjects/profile', { id }),
        gateway.read<RoleRow>('subjects/roles', { id, limit: PROFILE_ROLE_LIMIT + 1 }),
        gateway.read<z.infer<typeof recordRow>>('subjects/records', { id, limit: PROFILE_RECORD_LIMIT + 1 }),
        subjectFacts(gateway, [id], today),
      ]);
      if (!p) throw new AppError(404, 'SUBJECT_NOT_FOUND', `No subject with id "${id}"`);
      const standing = facts.get(id);
      const visible = await visibility(req.scope, [
        ...roles.map((r) => r.otherId),
        ...standingMentions(standing),
      ]);
      return {
        identity: {
          id: p.id,
          kind: p.kind,
          name: p.name,
          uscc: p.uscc,
          regNo: p.regNo,
          identifierStatus: p.identifierStatus,
          idMasked: p.idMasked,
          region: p.region,
          registeredAt: p.registeredAt,
          address: p.address,
          phone: p.phone,
          email: p.email,
        },
        risk:
          typeof p.riskScore === 'number'
            ? {
                score: p.riskScore,
                riskClass: p.riskClass,
                asOf: p.riskAsOf,
                scoredAt: p.riskScoredAt,
                configVersion: p.riskConfigVersion,
              }
            : null,
        roles: roles
          .slice(0, PROFILE_ROLE_LIMIT)
          .filter((r) => visible(r.otherId))
          .map((r) => ({
            direction: r.direction,
            type: r.type,
            other: { id: r.otherId, kind: r.otherKind, name: r.otherName, idMasked: r.otherIdMasked },
            validFrom: r.validFrom,
            validTo: r.validTo,
            current:
              (r.validFrom === null || r.validFrom <= today) && (r.validTo === null || r.validTo > today),
            stakePct: r.stakePct,
            subscribedAmount: r.subscribedAmount,
            role: r.role,
            amount: r.amount,
            currency: r.currency,
          })),
        rolesTruncated: roles.length > PROFILE_ROLE_LIMIT,
        records: records.slice(0, PROFILE_RECORD_LIMIT),
        recordsTruncated: records.length > PROFILE_RECORD_LIMIT,
        ...standingView(standing, (x) => x === id || visible(x)),
        asOf: today,
      };
    },
  );
};

type ProfileRow = z.infer<typeof profileBody>['identity'] & {
  isPerson: boolean;
  riskScore: number | null;
  riskClass: string | null;
  riskAsOf: string | null;
  riskScoredAt: string | null;
  riskConfigVersion: string | null;
};
type RoleRow = {
  direction: 'out' | 'in';
  type: (typeof RELATION_KINDS)[number];
  otherId: string;
  otherKind: (typeof SUBJECT_KINDS)[number];
  otherName: string | null;
  otherIdMasked: string | null;
  validFrom: string | null;
  validTo: string | null;
  stakePct: number | null;
  subscribedAmount: number | null;
  role: string | null;
  amount: number | null;
  currency: string | null;
};
