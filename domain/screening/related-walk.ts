/**
 * Breadth-first walks from many screened subjects at once (issue 7, related-party hits within k hops). The I/O
 * side reads, per hop, the relationships of every frontier subject of every walk in one query; this module
 * keeps each walk's visited set and the relationship it was reached by, so that the shortest path to any
 * reached subject can be given back. Subjects the caller may not see are never entered, so no path runs
 * through them (the screened subject itself is always the start).
 */
import type { RelationKind } from '../vocabulary.ts';
import type { PathLink } from './types.ts';

/** One relationship of a frontier subject, as read: `id` is the frontier subject, `other` the one beyond. */
export type Adjacent = {
  id: string;
  other: string;
  type: RelationKind;
  /** The relationship points from `id` to `other`. */
  out: boolean;
  role?: string | null;
  stakePct?: number | null;
};

interface Reached {
  hop: number;
  parent: string | null;
  link: PathLink | null;
}

export class RelatedWalks {
  private readonly walks = new Map<string, { reached: Map<string, Reached>; frontier: string[] }>();
  private readonly truncatedSeeds = new Set<string>();
  private hop = 0;

  constructor(
    seeds: readonly string[],
    private readonly maxHops: number,
    private readonly maxReach: number,
  ) {
    for (const s of seeds) {
      if (!this.walks.has(s))
        this.walks.set(s, { reached: new Map([[s, { hop: 0, parent: null, link: null }]]), frontier: [s] });
    }
  }

  /** Distinct subjects to read relationships for in the next hop; empty when every walk is done. */
  frontier(): string[] {
    if (this.hop >= this.maxHops) return [];
    const ids = new Set<string>();
    for (const w of this.walks.values()) for (const id of w.frontier) ids.add(id);
    return [...ids];
  }

  /**
   * Advances every walk by one hop over `adjacent` (the relationships of the frontier). `visible` is the set of
   * subjects the caller may see, or null when it sees every subject. Returns the distinct subjects some walk
   * entered in this hop.
   */
  advance(adjacent: readonly Adjacent[], visible: ReadonlySet<string> | null): string[] {
    this.hop++;
    const entered = new Set<string>();
    const byId = new Map<string, Adjacent[]>();
    for (const a of adjacent) {
      const list = byId.get(a.id);
      if (list) list.push(a);
      else byId.set(a.id, [a]);
    }
    for (const [seed, w] of this.walks) {
      const next: string[] = [];
      for (const id of w.frontier) {
        for (const a of byId.get(id) ?? []) {
          if (w.reached.has(a.other)) continue;
          if (visible !== null && !visible.has(a.other)) continue;
          if (w.reached.size >= this.maxReach) {
            this.truncatedSeeds.add(seed);
            break;
          }
          const link: PathLink = a.out
            ? { from: a.id, to: a.other, type: a.type }
            : { from: a.other, to: a.id, type: a.type };
          if (a.role != null) link.role = a.role;
          if (a.stakePct != null) link.stakePct = a.stakePct;
          w.reached.set(a.other, { hop: this.hop, parent: id, link });
          next.push(a.other);
          entered.add(a.other);
        }
      }
      w.frontier = next;
    }
    return [...entered];
  }

  /** Every subject reached by any walk (the seeds included). */
  allReached(): Set<string> {
    const out = new Set<string>();
    for (const w of this.walks.values()) for (const id of w.reached.keys()) out.add(id);
    return out;
  }

  /** Subjects reached from `seed` (not the seed), nearest first, with their distance. */
  reachedFrom(seed: string): Array<{ id: string; hop: number }> {
    const w = this.walks.get(seed);
    if (!w) return [];
    return [...w.reached]
      .filter(([id]) => id !== seed)
      .map(([id, r]) => ({ id, hop: r.hop }))
      .sort((a, b) => a.hop - b.hop || a.id.localeCompare(b.id));
  }

  /** The shortest path found from `seed` to `target`: node ids and the relationships, in walk order. */
  pathTo(seed: string, target: string): { nodes: string[]; links: PathLink[] } | null {
    const w = this.walks.get(seed);
    if (!w?.reached.has(target)) return null;
    const nodes: string[] = [];
    const links: PathLink[] = [];
    let at: string | null = target;
    while (at !== null) {
      const r: Reached = w.reached.get(at)!;
      nodes.push(at);
      if (r.link) links.push(r.link);
      at = r.parent;
    }
    return { nodes: nodes.reverse(), links: links.reverse() };
  }

  truncated(seed: string): boolean {
    return this.truncatedSeeds.has(seed);
  }
}
