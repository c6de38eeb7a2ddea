/**
 * Is the record's subject inside a guarantee circle (互保/联保) or on a guarantee chain? Reads its GUARANTEE
 * neighbourhood (bounded), runs the analytics detectors on that projection, and returns the network with the
 * cycle or chain as the evidence path, plus the watchlists watching any of its members.
 */
import { detectGuaranteeChains } from '../../analytics/detectors/guarantee-chains.ts';
import { detectGuaranteeCircles } from '../../analytics/detectors/guarantee-circles.ts';
import { buildCsr } from '../../analytics/projection/build-csr.ts';
import type { CypherGateway } from '../../cypher/gateway.ts';
import type { GuaranteeMembership } from '../../domain/alerts/evaluate-record.ts';
import type { EvidenceNode, EvidencePath, WatchHit } from '../../domain/alerts/types.ts';
import type { AlertRuleCatalogue } from '../../domain/catalogues/alert-rules.ts';
import type { IsoDate } from '../../domain/vocabulary.ts';
import { loadNeighbourhood } from '../projection/load-projection.ts';
import { watchedSubject, watchRowsFor } from './watch-hits.ts';

export async function guaranteeMembership(
  gateway: CypherGateway,
  subjectId: string,
  opts: { today: IsoDate; catalogue: AlertRuleCatalogue },
): Promise<GuaranteeMembership | null> {
  const rule = opts.catalogue.rules.guarantee_network_serious_record;
  if (!rule.enabled) return null;
  const loaded = await loadNeighbourhood(gateway, {
    seeds: [subjectId],
    expansions: [{ types: ['GUARANTEE'], direction: 'both', hops: rule.maxHops }],
    maxNodes: opts.catalogue.maxNeighbourhoodNodes,
    asOf: opts.today,
  });
  if (loaded.input.edges.length === 0) return null;
  const node = (id: string): EvidenceNode => {
    const n = loaded.meta.get(id);
    return { id, name: n?.name ?? null, kind: n?.kind ?? null };
  };
  const csr = buildCsr(loaded.input, { asOf: opts.today });
  let found: { kind: 'circle' | 'chain'; size: number; path: EvidencePath; members: string[] } | null = null;
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
    const chain = detectGuaranteeChains(csr, { minLength: rule.minChainLength }).find((c) =>
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
  if (!found) return null;
  const position = new Map(found.path.nodes.map((n, i) => [n.id, i]));
  const at = position.get(subjectId) ?? 0;
  const watchHits: WatchHit[] = (await watchRowsFor(gateway, found.members)).map((w) => ({
    watchlistId: w.watchlistId,
    org: w.org ?? null,
    ownerAccount: w.ownerAccount,
    depth: w.depth,
    watched: watchedSubject(w),
    hops: Math.abs((position.get(w.subjectId) ?? at) - at),
    path: found.path,
  }));
  return { kind: found.kind, size: found.size, path: found.path, watchHits };
}
