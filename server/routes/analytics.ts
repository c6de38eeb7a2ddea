/**
 * Graph analytics under /api/v1: ownership, control, network, strongest paths, detectors and the risk
 * explanation. Handlers validate (zod), call jobs/projection (which reads a bounded neighbourhood or a cached
 * whole-graph snapshot from Neo4j and runs the pure analytics) and present the result. Persons appear by id,
 * name and masked ID number only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AnalyticsError } from '../../analytics/errors.ts';
import { LIMITS } from '../../domain/limits.ts';
import { RELATION_KINDS, type RelationKind, RISK_CLASSES, SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { DETECTORS, GraphSnapshots } from '../../jobs/projection/graph-snapshot.ts';
import { type SubjectMeta, todayInChina } from '../../jobs/projection/load-projection.ts';
import {
  pathsBetween,
  SubjectNotFoundError,
  subjectControllers,
  subjectNetwork,
  subjectOwnership,
  subjectRisk,
} from '../../jobs/projection/subject-analytics.ts';
import { allVisible, visibility } from '../auth/visibility.ts';
import { AppError, errorBody } from '../errors.ts';
import type { Services } from '../services.ts';
import { isoDateParam } from './params.ts';

// ---------- request schemas ----------

const isoDate = isoDateParam;
const subjectId = z.string().min(1).max(LIMITS.maxIdLength);
const idParams = z.object({ id: subjectId });
const relationTypes = z
  .string()
  .transform((v) => v.split(',').map((t) => t.trim().toUpperCase()))
  .refine((ts) => ts.every((t) => (RELATION_KINDS as readonly string[]).includes(t)), {
    message: `must be a comma-separated list of ${RELATION_KINDS.join(', ')}`,
  })
  .transform((ts) => ts as RelationKind[]);

const ownershipQuery = z.object({
  direction: z.enum(['up', 'down']).default('up'),
  minPct: z.coerce.number().min(0).max(100).default(0),
  asOf: isoDate.optional(),
});
const controllersQuery = z.object({
  asOf: isoDate.optional(),
  /** Beneficial-owner threshold in percent (PBoC/SAMR 2024: 25). */
  threshold: z.coerce.number().gt(0).max(100).default(25),
});
const networkQuery = z.object({
  depth: z.coerce.number().int().min(1).max(LIMITS.maxHops).default(2),
  types: relationTypes.optional(),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxNodesReturned).default(500),
});
const pathsQuery = z.object({
  from: subjectId,
  to: subjectId,
  maxHops: z.coerce.number().int().min(1).max(LIMITS.maxHops).default(4),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  asOf: isoDate.optional(),
});
const detectorParams = z.object({ detector: z.enum(DETECTORS) });
const detectorQuery = z.object({
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque paging cursor from the previous page's nextCursor. */
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a nextCursor from a previous page')
    .optional(),
  threshold: z.coerce.number().int().min(1).max(100_000).optional(),
  minCount: z.coerce.number().int().min(2).max(100_000).optional(),
  windowDays: z.coerce.number().int().min(0).max(3650).optional(),
  minSize: z.coerce.number().int().min(2).max(100_000).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
const riskQuery = z.object({ asOf: isoDate.optional() });

// ---------- response schemas ----------

const subjectRef = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().optional(),
  /** Persons only: the masked ID number (never the number itself). */
  idMasked: z.string().optional(),
});
const relationKind = z.enum(RELATION_KINDS);
const evidenceLink = z.object({
  from: z.string(),
  to: z.string(),
  type: relationKind,
  stake: z.number().optional(),
  role: z.string().optional(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
});
const evidencePath = z.object({
  path: z.array(z.string()),
  links: z.array(evidenceLink),
  product: z.number().optional(),
});
const chain = z.object({ path: z.array(z.string()), stakes: z.array(z.number()), product: z.number() });

const ownershipBody = z.object({
  subject: subjectRef,
  asOf: z.string(),
  direction: z.enum(['up', 'down']),
  stakes: z.array(
    subjectRef.extend({
      direct: z.number(),
      integrated: z.number(),
      ultimate: z.boolean(),
      chains: z.array(chain),
    }),
  ),
  selfHolding: z.number(),
  truncated: z.boolean(),
  chainsTruncated: z.boolean(),
  neighbourhoodSize: z.number(),
  iterations: z.number(),
});

const controllersBody = z.object({
  subject: subjectRef,
  asOf: z.string(),
  actualController: z.object({
    method: z.enum(['declared', 'majority_control', 'largest_holder', 'tie', 'undetermined', 'none']),
    controllers: z.array(subjectRef.extend({ share: z.number(), evidence: z.array(evidencePath) })),
  }),
  beneficialOwners: z.object({
    method: z.enum(['ownership_or_control', 'senior_manager_fallback', 'none']),
    threshold: z.number(),
    owners: z.array(
      subjectRef.extend({
        basis: z.array(z.enum(['ownership', 'control', 'senior_manager'])),
        integrated: z.number(),
        role: z.string().optional(),
        evidence: z.array(evidencePath),
      }),
    ),
  }),
  truncated: z.boolean(),
});

const networkBody = z.object({
  subject: subjectRef,
  asOf: z.string(),
  depth: z.number(),
  nodes: z.array(subjectRef.extend({ hops: z.number() })),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      type: relationKind,
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      stakePct: z.number().optional(),
      role: z.string().optional(),
      amount: z.number().optional(),
    }),
  ),
  truncated: z.boolean(),
});

const pathsBody = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  paths: z.array(
    z.object({
      nodes: z.array(z.string()),
      links: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          type: relationKind,
          reversed: z.boolean(),
          stake: z.number().optional(),
          role: z.string().optional(),
          strength: z.number(),
        }),
      ),
      strength: z.number(),
    }),
  ),
  subjects: z.array(subjectRef),
  truncated: z.boolean(),
});

const detectorBody = z.object({
  detector: z.enum(DETECTORS),
  asOf: z.string(),
  /** When the whole-graph snapshot the result comes from was read. */
  loadedAt: z.string(),
  graph: z.object({ nodes: z.number(), edges: z.number() }),
  total: z.number(),
  items: z.array(
    z.object({
      members: z.array(z.string()),
      size: z.number(),
      strength: z.number(),
      evidence: z.unknown(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const recordContribution = z.object({
  recordId: z.string(),
  category: z.string(),
  severity: z.string(),
  actDate: z.string(),
  decisionDate: z.string(),
  basePoints: z.number(),
  decay: z.number(),
  points: z.number(),
  seriousDishonesty: z.boolean(),
});
const exposurePath = z.object({
  source: z.string(),
  sourceRisk: z.number(),
  exposure: z.number(),
  nodes: z.array(z.string()),
  links: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      type: relationKind,
      reversed: z.boolean(),
      weight: z.number(),
      boundAtActDate: z.boolean().optional(),
    }),
  ),
});
const riskFactor = z.discriminatedUnion('factor', [
  z.object({
    factor: z.literal('own_records'),
    contribution: z.number(),
    rawPoints: z.number(),
    capped: z.boolean(),
    records: z.array(recordContribution),
  }),
  z.object({
    factor: z.literal('related_parties'),
    contribution: z.number(),
    exposure: z.number(),
    paths: z.array(exposurePath),
    truncated: z.boolean(),
  }),
  z.object({
    factor: z.literal('structural'),
    contribution: z.number(),
    signals: z.array(z.object({ kind: z.string(), points: z.number() })),
  }),
  z.object({
    factor: z.literal('positive'),
    contribution: z.number(),
    redListRecords: z.array(z.string()),
    cleanYears: z.boolean(),
  }),
]);
const riskBody = z.object({
  subject: subjectRef,
  asOf: z.string(),
  configVersion: z.string(),
  score: z.number(),
  riskClass: z.enum(RISK_CLASSES),
  forcedClassReason: z.string().optional(),
  rawTotal: z.number(),
  factors: z.array(riskFactor),
  /** The neighbourhood read for the explanation hit its node cap. */
  truncated: z.boolean(),
  /** The score the last rescoring job wrote (whole-graph pass), if any. */
  stored: z
    .object({
      score: z.number(),
      riskClass: z.string(),
      asOf: z.string().nullable(),
      configVersion: z.string().nullable(),
      scoredAt: z.string().nullable(),
      history: z
        .array(z.string())
        .describe(
          'the last stored score of each earlier day, newest first, as "asOf|score|class|configVersion" (up to 20)',
        ),
    })
    .nullable(),
});

// ---------- presenters ----------

function refOf(meta: ReadonlyMap<string, SubjectMeta>, id: string): z.infer<typeof subjectRef> {
  const m = meta.get(id);
  const ref: z.infer<typeof subjectRef> = { id, kind: m?.kind ?? 'enterprise' };
  if (m?.name !== undefined) ref.name = m.name;
  if (m?.idMasked !== undefined) ref.idMasked = m.idMasked;
  return ref;
}

/** Maps the analytics' and loaders' typed errors onto HTTP answers. */
function httpError(err: unknown): unknown {
  if (err instanceof SubjectNotFoundError) {
    return new AppError(404, 'SUBJECT_NOT_FOUND', err.message, { ids: err.subjectIds });
  }
  if (err instanceof AnalyticsError) {
    if (err.code === 'ANALYTICS_UNKNOWN_SUBJECT') return new AppError(404, 'SUBJECT_NOT_FOUND', err.message);
    if (err.code === 'ANALYTICS_INVALID_OPTIONS') return new AppError(400, 'VALIDATION_FAILED', err.message);
    if (err.code === 'ANALYTICS_NOT_CONVERGED') return new AppError(422, err.code, err.message);
  }
  return err;
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw httpError(err);
  }
}

const errors = { 400: errorBody, 404: errorBody } as const;

export interface AnalyticsRoutesOptions {
  services: Services;
  /** Whole-graph snapshot reuse for the detector routes (default 5 minutes). */
  snapshotMaxAgeMs?: number;
}

export const analyticsRoutes: FastifyPluginAsyncZod<AnalyticsRoutesOptions> = async (
  app,
  { services, snapshotMaxAgeMs },
) => {
  const gateway = services.gateway;
  const snapshots = new GraphSnapshots(
    gateway,
    snapshotMaxAgeMs === undefined ? {} : { maxAgeMs: snapshotMaxAgeMs },
  );
  const tags = ['analytics'];

  app.get(
    '/api/v1/subjects/:id/ownership',
    {
      config: { permission: 'analytics:read' },
      schema: {
        tags,
        summary: 'Integrated (direct + indirect) owners (up) or holdings (down), with contributing chains',
        params: idParams,
        querystring: ownershipQuery,
        response: { 200: ownershipBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const asOf = req.query.asOf ?? todayInChina();
        const { id } = req.params;
        await req.scope.assertVisible(id);
        req.audit.subjects.add(id);
        const { result, loaded, truncated } = await subjectOwnership(gateway, {
          id,
          direction: req.query.direction,
          minStake: req.query.minPct / 100,
          asOf,
        });
        return {
          subject: refOf(loaded.meta, id),
          asOf,
          direction: result.direction,
          stakes: await (async () => {
            const visible = await visibility(
              req.scope,
              result.stakes.flatMap((s) => [s.id, ...s.chains.flatMap((c) => c.path)]),
            );
            return result.stakes
              .filter((s) => visible(s.id))
              .map((s) => ({
                ...refOf(loaded.meta, s.id),
                direct: s.direct,
                integrated: s.integrated,
                ultimate: s.ultimate,
                chains: s.chains.filter((c) => allVisible(visible, c.path)),
              }));
          })(),
          selfHolding: result.selfHolding,
          truncated,
          chainsTruncated: result.chainsTruncated,
          neighbourhoodSize: result.neighbourhoodSize,
          iterations: result.iterations,
        };
      }),
  );

  app.get(
    '/api/v1/subjects/:id/controllers',
    {
      config: { permission: 'analytics:read' },
      schema: {
        tags,
        summary:
          'Actual controller (declared, majority or largest holder; ties reported) and beneficial owners',
        params: idParams,
        querystring: controllersQuery,
        response: { 200: controllersBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const asOf = req.query.asOf ?? todayInChina();
        const { id } = req.params;
        await req.scope.assertVisible(id);
        req.audit.subjects.add(id);
        const { controller, owners, loaded, truncated } = await subjectControllers(gateway, {
          id,
          asOf,
          threshold: req.query.threshold / 100,
        });
        const visible = await visibility(req.scope, [
          ...controller.controllers.flatMap((c) => [c.id, ...c.evidence.flatMap((e) => e.path)]),
          ...owners.owners.flatMap((o) => [o.id, ...o.evidence.flatMap((e) => e.path)]),
        ]);
        return {
          subject: refOf(loaded.meta, id),
          asOf,
          actualController: {
            method: controller.method,
            controllers: controller.controllers
              .filter((c) => visible(c.id))
              .map((c) => ({
                ...refOf(loaded.meta, c.id),
                share: c.share,
                evidence: c.evidence.filter((e) => allVisible(visible, e.path)),
              })),
          },
          beneficialOwners: {
            method: owners.method,
            threshold: owners.threshold,
            owners: owners.owners
              .filter((o) => visible(o.id))
              .map((o) => ({
                ...refOf(loaded.meta, o.id),
                basis: o.basis,
                integrated: o.integrated,
                ...(o.role ? { role: o.role } : {}),
                evidence: o.evidence.filter((e) => allVisible(visible, e.path)),
              })),
          },
          truncated,
        };
      }),
  );

  app.get(
    '/api/v1/subjects/:id/network',
    {
      config: { permission: 'analytics:read' },
      schema: {
        tags,
        summary: 'k-hop neighbourhood with type filter and node cap (says when it truncated)',
        params: idParams,
        querystring: networkQuery,
        response: { 200: networkBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const asOf = req.query.asOf ?? todayInChina();
        const { id } = req.params;
        await req.scope.assertVisible(id);
        const { result, csr, loaded, truncated } = await subjectNetwork(gateway, {
          id,
          depth: req.query.depth,
          ...(req.query.types ? { types: req.query.types } : {}),
          asOf,
          limit: req.query.limit,
        });
        const visible = await visibility(
          req.scope,
          result.nodes.map((n) => n.id),
        );
        for (const n of result.nodes) if (visible(n.id)) req.audit.subjects.add(n.id);
        return {
          subject: refOf(loaded.meta, id),
          asOf,
          depth: req.query.depth,
          nodes: result.nodes
            .filter((n) => visible(n.id))
            .map((n) => ({ ...refOf(loaded.meta, n.id), hops: n.hops })),
          edges: result.edges
            .filter((e) => visible(e.from) && visible(e.to))
            .map((e) => {
              const src = csr.input.edges[csr.edgeRef[e.slot]!]!;
              return {
                from: e.from,
                to: e.to,
                type: e.type,
                validFrom: src.validFrom ?? null,
                validTo: src.validTo ?? null,
                ...(src.stakePct === undefined ? {} : { stakePct: src.stakePct }),
                ...(src.role === undefined ? {} : { role: src.role }),
                ...(src.amount === undefined ? {} : { amount: src.amount }),
              };
            }),
          truncated,
        };
      }),
  );

  app.get(
    '/api/v1/paths',
    {
      config: { permission: 'analytics:read' },
      schema: {
        tags,
        summary: 'Strongest linkage paths between two subjects, ranked',
        querystring: pathsQuery,
        response: { 200: pathsBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const asOf = req.query.asOf ?? todayInChina();
        const { from, to, maxHops, limit } = req.query;
        await req.scope.assertVisible(from);
        await req.scope.assertVisible(to);
        req.audit.subjects.add(from).add(to);
        const { result, loaded, truncated } = await pathsBetween(gateway, { from, to, maxHops, limit, asOf });
        const visible = await visibility(
          req.scope,
          result.paths.flatMap((p) => p.nodes),
        );
        const paths = result.paths.filter((p) => allVisible(visible, p.nodes));
        const involved = new Set<string>([from, to]);
        for (const p of paths) for (const n of p.nodes) involved.add(n);
        return {
          from,
          to,
          asOf,
          paths,
          subjects: [...involved].map((id) => refOf(loaded.meta, id)),
          truncated,
        };
      }),
  );

  app.get(
    '/api/v1/analytics/:detector',
    {
      config: { permission: 'detectors:read' },
      schema: {
        tags,
        summary: 'Whole-graph detector findings (members, evidence, size, strength), paged',
        params: detectorParams,
        querystring: detectorQuery,
        response: { 200: detectorBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const { asOf: asked, limit, cursor, ...tuning } = req.query;
        const asOf = asked ?? todayInChina();
        const run = await snapshots.detect(req.params.detector, asOf, tuning);
        const offset = cursor === undefined ? 0 : Number(cursor);
        const items = run.items.slice(offset, offset + limit);
        const next = offset + items.length;
        return {
          detector: req.params.detector,
          asOf,
          loadedAt: run.loadedAt,
          graph: { nodes: run.nodeCount, edges: run.edgeCount },
          total: run.items.length,
          items: items.map((i) => ({
            members: i.members,
            size: i.size,
            strength: i.strength,
            evidence: i.evidence,
          })),
          nextCursor: next < run.items.length ? String(next) : null,
        };
      }),
  );

  app.get(
    '/api/v1/subjects/:id/risk',
    {
      config: { permission: 'analytics:read' },
      schema: {
        tags,
        summary: 'Risk score 0–100 and class A–D with every factor’s contribution and the top exposure paths',
        params: idParams,
        querystring: riskQuery,
        response: { 200: riskBody, ...errors },
      },
    },
    async (req) =>
      answer(async () => {
        const asOf = req.query.asOf ?? todayInChina();
        const { id } = req.params;
        await req.scope.assertVisible(id);
        req.audit.subjects.add(id);
        const [{ explanation: x, loaded, truncated }, stored] = await Promise.all([
          subjectRisk(gateway, { id, asOf }),
          gateway.read<StoredScoreRow>('analytics/subject-summary', { id }),
        ]);
        const s = stored[0];
        return {
          subject: refOf(loaded.meta, id),
          asOf,
          configVersion: x.configVersion,
          score: x.score,
          riskClass: x.riskClass,
          ...(x.forcedClassReason ? { forcedClassReason: x.forcedClassReason } : {}),
          rawTotal: x.rawTotal,
          factors: await (async () => {
            const visible = await visibility(
              req.scope,
              x.factors.flatMap((f) =>
                f.factor === 'related_parties' ? f.paths.flatMap((p) => p.nodes) : [],
              ),
            );
            return x.factors.map((f) =>
              f.factor === 'related_parties'
                ? { ...f, paths: f.paths.filter((p) => allVisible(visible, p.nodes)) }
                : f,
            );
          })(),
          truncated,
          stored:
            s && typeof s.riskScore === 'number'
              ? {
                  score: s.riskScore,
                  riskClass: s.riskClass ?? '',
                  asOf: s.riskAsOf ?? null,
                  configVersion: s.riskConfigVersion ?? null,
                  scoredAt: s.riskScoredAt ?? null,
                  history: s.riskHistory ?? [],
                }
              : null,
        };
      }),
  );
};

type StoredScoreRow = {
  riskScore: number | null;
  riskClass: string | null;
  riskAsOf: string | null;
  riskConfigVersion: string | null;
  riskScoredAt: string | null;
  riskHistory: string[] | null;
};
