/**
 * Is a record's subject inside a guarantee circle (互保/联保) or on a guarantee chain? Reads its GUARANTEE
 * neighbourhood (bounded), runs the analytics detectors on that projection, and returns the network with the
 * cycle or chain as the evidence path, plus the watchlists watching any of its members.
 */
import { detectGuaranteeChains } from '../../analytics/detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from '../../analytics/detectors/guarantee-circles.ts';
import { kHopNeighbourhood } from '../../analytics/linkage/k-hop-neighbourhood.ts';
import { buildCsr, type CsrGraph } from '../../analytics/projection/build-csr.ts';
import type { ProjectionInput } from '../../analytics/projection/projection-input.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { GuaranteeMembership } from '../../domain/alerts/evaluate-record.ts';
import type { EvidenceNode, EvidencePath } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { loadNeighbourhood } from '../projection/load-projection.ts';
import { watchHitOf, watchRowsFor } from './watch-hits.ts';

type Network = { kind: 'circle' | 'chain'; size: number; path: EvidencePath; members: string[] };

/**
 * The guarantee network of each subject: one bounded walk from all of them; each subject's network is then found
 * on its own ball (the subjects within the rule's hops of it, as a walk from it alone would read), so a subject's
 * answer never depends on which others were asked with it. When the shared walk hits the node cap, each subject
 * is walked alone.
 */
export async function guaranteeMemberships(
  gateway: CypherGateway,
  subjectIds: readonly string[],
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue },
): Promise<Map<string, GuaranteeMembership>> {
  const out = new Map<string, GuaranteeMembership>();
  const rule = opts.catalogue.rules.guarantee_network_serious_record;
  const seeds = [...new Set(subjectIds)];
  if (!rule.enabled || seeds.length === 0) return out;
  const maxNodes = opts.catalogue.maxNeighbourhoodNodes;
  const loaded = await loadNeighbourhood(gateway, {
    seeds,
    expansions: [{ types: ['GUARANTEE'], direction: 'both', hops: rule.maxHops }],
    maxNodes,
    asOf: opts.today,
  });
  if (loaded.truncated && seeds.length > 1) {
    for (const seed of seeds)
      for (const [id, m] of await guaranteeMemberships(gateway, [seed], opts)) out.set(id, m);
    return out;
  }
  if (loaded.input.edges.length === 0) return out;
  const node = (id: string): EvidenceNode => {
    const n = loaded.meta.get(id);
    return { id, name: n?.name ?? null, kind: n?.kind ?? null };
  };
  const union = buildCsr(loaded.input, { asOf: opts.today });
  const networks = new Map<string, Network>();
  for (const seed of seeds) {
    if (!union.indexOf.has(seed)) continue;
    const input =
      seeds.length === 1 ? loaded.input : ballOf(loaded.input, union, seed, rule.maxHops, maxNodes);
    const found = networkOf(input, seed, opts.today, rule.minChainLength, node);
    if (found) networks.set(seed, found);
  }
  if (networks.size === 0) return out;
  const watchRows = await watchRowsFor(gateway, [
    ...new Set([...networks.values()].flatMap((n) => n.members)),
  ]);
  for (const [subjectId, found] of networks) {
    const members = new Set(found.members);
    const position = new Map(found.path.nodes.map((n, i) => [n.id, i]));
    const at = position.get(subjectId) ?? 0;
    const watchHits = watchRows
      .filter((w) => members.has(w.subjectId))
      .map((w) => watchHitOf(w, Math.abs((position.get(w.subjectId) ?? at) - at), found.path));
    out.set(subjectId, { kind: found.kind, size: found.size, path: found.path, watchHits });
  }
  return out;
}

/** The part of a projection within `hops` guarantee links of `seed` (valid on the CSR's day). */
function ballOf(
  input: ProjectionInput,
  csr: CsrGraph,
  seed: string,
  hops: number,
  maxNodes: number,
): ProjectionInput {
  const ball = new Set(
    kHopNeighbourhood(csr, seed, {
      types: ['GUARANTEE'],
      direction: 'both',
      maxHops: hops,
      maxNodes,
    }).nodes.map((n) => n.id),
  );
  return {
    nodes: input.nodes.filter((n) => ball.has(n.id)),
    edges: input.edges.filter((e) => ball.has(e.from) && ball.has(e.to)),
    records: input.records.filter((r) => ball.has(r.subjectId)),
  };
}

/** The circle the subject is in, else the chain it is on, with its evidence path; null when neither. */
function networkOf(
  input: ProjectionInput,
  subjectId: string,
  today: IsoDate,
  minChainLength: number,
  node: (id: string) => EvidenceNode,
): Network | null {
  if (input.edges.length === 0) return null;
  const csr = buildCsr(input, { asOf: today });
  let found: Network | null = null;
  const circle = detectGuaranteeCircles(csr).find((c) => c.members.includes(subjectId));
  if (circle) {
    const ids = circle.evidence.cycle;
    found = {
      kind: 'circle',
      size: circle.size,
      members: circle.members,
      path: {
        kind: 'guarantee_circle',
        nodes: ids.map(node),
        links: ids.slice(1).map(() => ({ type: 'GUARANTEE' as const, reversed: false })),
      },
    };
  } else {
    const chain = detectGuaranteeChains(csr, { minLength: minChainLength }).find((c) =>
      c.members.includes(subjectId),
    );
    if (chain && chain.evidence.links.length > 0) {
      const links = chain.evidence.links;
      found = {
        kind: 'chain',
        size: chain.size,
        members: chain.members,
        path: {
          kind: 'guarantee_chain',
          nodes: [node(links[0]!.from), ...links.map((l) => node(l.to))],
          links: links.map((l) => ({ type: 'GUARANTEE' as const, reversed: false, amount: l.amount })),
        },
      };
    }
  }
  return found;
}
