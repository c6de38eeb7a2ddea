/**
 * Mass registration (批量注册): at least `minCount` organisations sharing a contact point or a legal
 * representative, registered within `windowDays` of each other — a sliding window over registration dates
 * sorted per group (two pointers). Legal representatives are taken from the whole relationship history, since
 * the registration is a past event. strength = min(1, count / (2 · minCount)).
 */
import { type ContactKind, type IsoDate, isOrganisationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { fromDayNumber, toDayNumber } from '../shared/dates.ts';
import { normaliseContact } from './contact-keys.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';

export type MassRegistrationKey = ContactKind | 'legal_rep';

export interface MassRegistrationOptions {
  minCount: number;
  windowDays: number;
  by: readonly MassRegistrationKey[];
}

export const DEFAULT_MASS_REGISTRATION_OPTIONS: Readonly<MassRegistrationOptions> = Object.freeze({
  minCount: 5,
  windowDays: 30,
  by: Object.freeze(['address', 'phone', 'email', 'legal_rep'] as MassRegistrationKey[]),
});

export interface MassRegistrationEvidence {
  by: MassRegistrationKey;
  /** The shared contact as first seen, or the legal representative's id. */
  key: string;
  firstRegistered: IsoDate;
  lastRegistered: IsoDate;
  windowDays: number;
}

export type MassRegistrationItem = DetectorItem<MassRegistrationEvidence>;

/** Bursts of registrations behind one contact point or one legal representative. */
export function detectMassRegistration(
  csr: CsrGraph,
  options: Partial<MassRegistrationOptions> = {},
): MassRegistrationItem[] {
  const opts = { ...DEFAULT_MASS_REGISTRATION_OPTIONS, ...options };
  const nodes = csr.input.nodes;
  const day = new Float64Array(nodes.length).fill(Number.NaN);
  for (let u = 0; u < nodes.length; u++) {
    const n = nodes[u]!;
    if (n.registeredAt && isOrganisationKind(n.kind)) day[u] = toDayNumber(n.registeredAt);
  }
  const groups = new Map<string, { by: MassRegistrationKey; key: string; members: Set<number> }>();
  const add = (by: MassRegistrationKey, norm: string, key: string, u: number) => {
    const full = `${by}\u0000${norm}`;
    const g = groups.get(full);
    if (g) g.members.add(u);
    else groups.set(full, { by, key, members: new Set([u]) });
  };
  const contactKinds = opts.by.filter((b): b is ContactKind => b !== 'legal_rep');
  for (let u = 0; u < nodes.length; u++) {
    if (Number.isNaN(day[u]!)) continue;
    const contacts = nodes[u]!.contacts;
    if (!contacts) continue;
    for (const kind of contactKinds) {
      const raw = contacts[kind];
      if (!raw) continue;
      const norm = normaliseContact(kind, raw);
      if (norm) add(kind, norm, raw, u);
    }
  }
  if (opts.by.includes('legal_rep')) {
    for (const e of csr.input.edges) {
      if (e.type !== 'LEGAL_REP') continue;
      const u = csr.indexOf.get(e.to);
      if (u === undefined || Number.isNaN(day[u]!)) continue;
      add('legal_rep', e.from, e.from, u);
    }
  }
  const items: MassRegistrationItem[] = [];
  for (const g of groups.values()) {
    if (g.members.size < opts.minCount) continue;
    const sorted = [...g.members].sort((a, b) => day[a]! - day[b]!);
    let i = 0;
    while (i < sorted.length) {
      // Largest window starting at i.
      let j = i;
      while (j + 1 < sorted.length && day[sorted[j + 1]!]! - day[sorted[i]!]! <= opts.windowDays) j++;
      const count = j - i + 1;
      if (count >= opts.minCount) {
        const members = sorted.slice(i, j + 1);
        items.push({
          members: members.map((u) => csr.ids[u]!),
          evidence: {
            by: g.by,
            key: g.key,
            firstRegistered: fromDayNumber(day[members[0]!]!),
            lastRegistered: fromDayNumber(day[members[members.length - 1]!]!),
            windowDays: opts.windowDays,
          },
          size: count,
          strength: Math.min(1, count / (2 * opts.minCount)),
        });
        i = j + 1;
      } else i++;
    }
  }
  return sortItems(items);
}
