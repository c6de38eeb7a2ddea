/**
 * One-subject graph questions answered on a bounded neighbourhood read from Neo4j: ownership, control,
 * network, strongest paths and the risk explanation. Each loads just the part of the graph the question can
 * reach (walk limits chosen per question), builds the CSR as of the asked date and calls the pure algorithm.
 */
import { actualController } from '../../analytics/control/actual-controller.ts';
import { beneficialOwners } from '../../analytics/control/beneficial-owners.ts';
import { kHopNeighbourhood } from '../../analytics/linkage/k-hop-neighbourhood.ts';
import { strongestPaths } from '../../analytics/linkage/strongest-paths.ts';
import { integratedOwnership } from '../../analytics/ownership/integrated-ownership.ts';
import { buildCsr } from '../../analytics/projection/build-csr.ts';
import { explainSubject } from '../../analytics/risk/explain-subject.ts';
import { DEFAULT_RISK_MODEL_CONFIG, type RiskModelConfig } from '../../analytics/risk/risk-model-config.ts';
import type { SubjectLoops } from '../../analytics/risk/structural-signals.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { IsoDate, RelationKind } from '../../domain/vocabulary.ts';
import { type LoadedNeighbourhood, loadNeighbourhood, type NeighbourhoodOptions } from './load-projection.ts';

/** Walk limits per question: deep enough for real ownership chains, capped so one request stays bounded. */
export const SUBJECT_ANALYTICS_LIMITS = Object.freeze({
  ownershipHops: 32,
  ownershipMaxNodes: 5000,
  pathsMaxNodes: 20_000,
  riskMaxNodes: 20_000,
  /** Loops through the subject (circular shareholding, guarantee circles) are looked for up to this length. */
  riskLoopHops: 6,
});

export class SubjectNotFoundError extends Error {
  readonly code = 'SUBJECT_NOT_FOUND';
  constructor(readonly subjectIds: string[]) {
    super(`No subject with id ${subjectIds.map((s) => `"${s}"`).join(', ')}; check the id.`);
  }
}

async function load(gateway: CypherGateway, options: NeighbourhoodOptions): Promise<LoadedNeighbourhood> {
  const loaded = await loadNeighbourhood(gateway, options);
  if (loaded.missingSeeds.length > 0) throw new SubjectNotFoundError(loaded.missingSeeds);
  return loaded;
}

export interface OwnershipQuery {
  id: string;
  direction: 'up' | 'down';
  /** Integrated stakes below this fraction are left out. */
  minStake: number;
  asOf: IsoDate;
}

export async function subjectOwnership(gateway: CypherGateway, q: OwnershipQuery) {
  const L = SUBJECT_ANALYTICS_LIMITS;
  const loaded = await load(gateway, {
    seeds: [q.id],
    expansions: [
      { types: ['SHAREHOLDER'], direction: q.direction === 'up' ? 'in' : 'out', hops: L.ownershipHops },
    ],
    maxNodes: L.ownershipMaxNodes,
    asOf: q.asOf,
  });
  const csr = buildCsr(loaded.input, { asOf: q.asOf });
  const result = integratedOwnership(csr, q.id, q.direction, {
    maxDepth: L.ownershipHops,
    maxNodes: L.ownershipMaxNodes,
    minStake: Math.max(q.minStake, 1e-9),
  });
  return { result, loaded, truncated: result.truncated || loaded.truncated };
}

export async function subjectControllers(
  gateway: CypherGateway,
  q: { id: string; asOf: IsoDate /** Beneficial-owner threshold, 0–1. */; threshold?: number },
) {
  const L = SUBJECT_ANALYTICS_LIMITS;
  const loaded = await load(gateway, {
    seeds: [q.id],
    expansions: [
      { types: ['SHAREHOLDER'], direction: 'in', hops: L.ownershipHops },
      { direction: 'in', hops: 1 },
    ],
    maxNodes: L.ownershipMaxNodes,
    asOf: q.asOf,
  });
  const csr = buildCsr(loaded.input, { asOf: q.asOf });
  const ownership = { maxDepth: L.ownershipHops, maxNodes: L.ownershipMaxNodes };
  const controller = actualController(csr, q.id, { ownership });
  const owners = beneficialOwners(csr, q.id, {
    ownership,
    ...(q.threshold === undefined ? {} : { threshold: q.threshold }),
  });
  return {
    controller,
    owners,
    loaded,
    truncated: controller.truncated || owners.truncated || loaded.truncated,
  };
}

export interface NetworkQuery {
  id: string;
  depth: number;
  types?: readonly RelationKind[];
  asOf: IsoDate;
  limit: number;
}

export async function subjectNetwork(gateway: CypherGateway, q: NetworkQuery) {
  const loaded = await load(gateway, {
    seeds: [q.id],
    expansions: [{ ...(q.types ? { types: q.types } : {}), direction: 'both', hops: q.depth }],
    maxNodes: q.limit,
    asOf: q.asOf,
  });
  const csr = buildCsr(loaded.input, { asOf: q.asOf });
  const result = kHopNeighbourhood(csr, q.id, {
    maxHops: q.depth,
    maxNodes: q.limit,
    direction: 'both',
    ...(q.types ? { types: q.types } : {}),
  });
  return { result, csr, loaded, truncated: result.truncated || loaded.truncated };
}

export interface PathsQuery {
  from: string;
  to: string;
  maxHops: number;
  limit: number;
  asOf: IsoDate;
}

export async function pathsBetween(gateway: CypherGateway, q: PathsQuery) {
  // Every node of a path of ≤ maxHops lies within ⌈maxHops/2⌉ of one of its ends.
  const loaded = await load(gateway, {
    seeds: [q.from, q.to],
    expansions: [{ direction: 'both', hops: Math.ceil(q.maxHops / 2) }],
    maxNodes: SUBJECT_ANALYTICS_LIMITS.pathsMaxNodes,
    asOf: q.asOf,
  });
  const csr = buildCsr(loaded.input, { asOf: q.asOf });
  const result = strongestPaths(csr, q.from, q.to, { maxHops: q.maxHops, limit: q.limit });
  return { result, loaded, truncated: result.truncated || loaded.truncated };
}

export async function subjectRisk(
  gateway: CypherGateway,
  q: { id: string; asOf: IsoDate; config?: RiskModelConfig },
) {
  const config = q.config ?? (DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig);
  const L = SUBJECT_ANALYTICS_LIMITS;
  // Whole history: a record binds whoever held a seat on its act date, even if they have left since.
  const [loaded, loops] = await Promise.all([
    load(gateway, {
      seeds: [q.id],
      expansions: [{ direction: 'both', hops: config.exposure.maxHops.value }],
      maxNodes: L.riskMaxNodes,
      asOf: null,
    }),
    gateway.read<SubjectLoops & Record<string, unknown>>(
      'analytics/loops-through-subject',
      { id: q.id, asOf: q.asOf },
      { maxHops: L.riskLoopHops },
    ),
  ]);
  const csr = buildCsr(loaded.input, { asOf: q.asOf });
  const explanation = explainSubject(csr, loaded.input.records, config, q.asOf, q.id, {
    ...(loops[0] ? { loops: loops[0] } : {}),
  });
  return { explanation, loaded, truncated: loaded.truncated };
}
