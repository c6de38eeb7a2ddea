/**
 * Shell clusters (空壳公司 clusters): organisations tied together by a shared address, phone or e-mail, found by
 * union–find over normalised contact keys (Tarjan, "Efficiency of a good but not linear set union algorithm",
 * J. ACM 1975). Contacts shared by more than `maxContactGroup` organisations (a registered-agent address, a
 * business-centre switchboard) are reported as hubs but do not join clusters.
 * strength = distinct contact kinds shared inside the cluster / kinds considered.
 */
import { type ContactKind, isOrganisationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { normaliseContact } from './contact-keys.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';

export interface ShellClustersOptions {
  kinds: readonly ContactKind[];
  minClusterSize: number;
  maxContactGroup: number;
  /** Shared contacts listed per cluster. */
  maxEvidenceContacts: number;
}

export const DEFAULT_SHELL_CLUSTERS_OPTIONS: Readonly<ShellClustersOptions> = Object.freeze({
  kinds: Object.freeze(['address', 'phone', 'email'] as ContactKind[]),
  minClusterSize: 2,
  maxContactGroup: 1000,
  maxEvidenceContacts: 50,
});

export interface SharedContact {
  kind: ContactKind;
  /** The contact as first seen. */
  value: string;
  members: string[];
}

export interface ShellClusterEvidence {
  sharedContacts: SharedContact[];
  sharedContactCount: number;
  /** Over-shared contacts touching the cluster that were not used to join it. */
  hubContacts: Array<{ kind: ContactKind; value: string; organisations: number }>;
}

export type ShellClusterItem = DetectorItem<ShellClusterEvidence>;

/** Groups of organisations sharing contact points, as of any date (contacts carry no dates). */
export function detectShellClusters(
  csr: CsrGraph,
  options: Partial<ShellClustersOptions> = {},
): ShellClusterItem[] {
  const opts = { ...DEFAULT_SHELL_CLUSTERS_OPTIONS, ...options };
  const nodes = csr.input.nodes;
  const groups = new Map<string, { kind: ContactKind; value: string; members: number[] }>();
  for (let u = 0; u < nodes.length; u++) {
    const node = nodes[u]!;
    if (!node.contacts || !isOrganisationKind(node.kind)) continue;
    for (const kind of opts.kinds) {
      const raw = node.contacts[kind];
      if (!raw) continue;
      const key = normaliseContact(kind, raw);
      if (key.length === 0) continue;
      const full = `${kind}\u0000${key}`;
      const g = groups.get(full);
      if (g) g.members.push(u);
      else groups.set(full, { kind, value: raw, members: [u] });
    }
  }
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    let y = x;
    while (y !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const shared: Array<{ kind: ContactKind; value: string; members: number[]; hub: boolean }> = [];
  for (const g of groups.values()) {
    if (g.members.length < 2) continue;
    const hub = g.members.length > opts.maxContactGroup;
    shared.push({ ...g, hub });
    if (hub) continue;
    for (const u of g.members) if (!parent.has(u)) parent.set(u, u);
    const root = find(g.members[0]!);
    for (let i = 1; i < g.members.length; i++) {
      const r = find(g.members[i]!);
      if (r !== root) parent.set(r, root);
    }
  }
  const clusters = new Map<number, number[]>();
  for (const u of parent.keys()) {
    const r = find(u);
    const list = clusters.get(r);
    if (list) list.push(u);
    else clusters.set(r, [u]);
  }
  const evidenceByRoot = new Map<number, ShellClusterEvidence & { kindsSeen: Set<ContactKind> }>();
  for (const s of shared) {
    const roots = new Set<number>();
    for (const u of s.members) if (parent.has(u)) roots.add(find(u));
    for (const r of roots) {
      let ev = evidenceByRoot.get(r);
      if (!ev) {
        ev = { sharedContacts: [], sharedContactCount: 0, hubContacts: [], kindsSeen: new Set() };
        evidenceByRoot.set(r, ev);
      }
      if (s.hub) {
        ev.hubContacts.push({ kind: s.kind, value: s.value, organisations: s.members.length });
        continue;
      }
      ev.sharedContactCount++;
      ev.kindsSeen.add(s.kind);
      if (ev.sharedContacts.length < opts.maxEvidenceContacts) {
        ev.sharedContacts.push({
          kind: s.kind,
          value: s.value,
          members: s.members.map((u) => csr.ids[u]!).sort(),
        });
      }
    }
  }
  const items: ShellClusterItem[] = [];
  for (const [root, members] of clusters) {
    if (members.length < opts.minClusterSize) continue;
    const ev = evidenceByRoot.get(root)!;
    const { kindsSeen, ...evidence } = ev;
    items.push({
      members: members.map((u) => csr.ids[u]!).sort(),
      evidence,
      size: members.length,
      strength: kindsSeen.size / opts.kinds.length,
    });
  }
  return sortItems(items);
}
