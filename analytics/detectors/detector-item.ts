/** The common shape of every detector's findings: who is involved, why, how many, how strongly (0–1). */

export interface DetectorItem<E> {
  /** Subject ids involved, in a stable order. */
  members: string[];
  /** What the detector saw: edges, shared contacts, seats, paths. */
  evidence: E;
  size: number;
  /** 0–1; each detector documents its measure. */
  strength: number;
}

/** Largest first, then by first member id, so results are reproducible. */
export function sortItems<E>(items: DetectorItem<E>[]): DetectorItem<E>[] {
  return items.sort(
    (a, b) =>
      b.size - a.size ||
      b.strength - a.strength ||
      (a.members[0]! < b.members[0]! ? -1 : a.members[0]! > b.members[0]! ? 1 : 0),
  );
}
