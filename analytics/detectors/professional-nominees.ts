/**
 * Professional nominees (职业法人/挂名): natural persons holding LEGAL_REP or OFFICER seats in at least
 * `threshold` distinct organisations as of the projection date — a degree count over the CSR with a stamp array.
 * members = the person then the organisations; strength = min(1, ln(orgs) / ln(saturation)).
 */
import type { OfficerRole, RelationKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError } from '../errors.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { NATURAL_PERSON_CODE, relationKindOf, relationMask, roleOf } from '../projection/relation-codes.ts';
import { type DetectorItem, sortItems } from './detector-item.ts';

export interface ProfessionalNomineesOptions {
  /** Distinct organisations at which a person becomes a nominee suspect (domain.md §9; default 10). */
  threshold: number;
  types: readonly RelationKind[];
  /** Seat count at which strength reaches 1. */
  saturation: number;
}

export const DEFAULT_PROFESSIONAL_NOMINEES_OPTIONS: Readonly<ProfessionalNomineesOptions> = Object.freeze({
  threshold: 10,
  types: Object.freeze(['LEGAL_REP', 'OFFICER'] as RelationKind[]),
  saturation: 100,
});

export interface NomineeSeat {
  organisation: string;
  type: RelationKind;
  role?: OfficerRole;
}

export interface ProfessionalNomineeEvidence {
  person: string;
  organisationCount: number;
  seats: NomineeSeat[];
}

export type ProfessionalNomineeItem = DetectorItem<ProfessionalNomineeEvidence>;

/** Persons with seats in at least `threshold` organisations. */
export function detectProfessionalNominees(
  csr: CsrGraph,
  options: Partial<ProfessionalNomineesOptions> = {},
): ProfessionalNomineeItem[] {
  const opts = { ...DEFAULT_PROFESSIONAL_NOMINEES_OPTIONS, ...options };
  if (!(opts.threshold >= 1))
    throw new InvalidOptionsError('analytics/detectors/professional-nominees', 'threshold', 'must be ≥ 1');
  const mask = relationMask(opts.types);
  const { outOffsets, outTargets, edgeType, kind } = csr;
  const stamp = new Int32Array(csr.nodeCount).fill(-1);
  const items: ProfessionalNomineeItem[] = [];
  for (let u = 0; u < csr.nodeCount; u++) {
    if (kind[u] !== NATURAL_PERSON_CODE) continue;
    const start = outOffsets[u]!;
    const end = outOffsets[u + 1]!;
    if (end - start < opts.threshold) continue;
    let distinct = 0;
    for (let k = start; k < end; k++) {
      if (((mask >> edgeType[k]!) & 1) === 0) continue;
      const v = outTargets[k]!;
      if (stamp[v] !== u) {
        stamp[v] = u;
        distinct++;
      }
    }
    if (distinct < opts.threshold) continue;
    const seats: NomineeSeat[] = [];
    const orgs: string[] = [];
    for (let k = start; k < end; k++) {
      if (((mask >> edgeType[k]!) & 1) === 0) continue;
      const v = outTargets[k]!;
      const seat: NomineeSeat = { organisation: csr.ids[v]!, type: relationKindOf(edgeType[k]!) };
      const role = roleOf(csr.edgeRole[k]!);
      if (role) seat.role = role;
      seats.push(seat);
      if (stamp[v] === u) {
        stamp[v] = -2 - u; // listed once
        orgs.push(csr.ids[v]!);
      }
    }
    orgs.sort();
    items.push({
      members: [csr.ids[u]!, ...orgs],
      evidence: { person: csr.ids[u]!, organisationCount: distinct, seats },
      size: distinct,
      strength: Math.min(1, Math.log(distinct) / Math.log(opts.saturation)),
    });
  }
  return sortItems(items);
}
