/** Evidence paths shared by the control analyses: a chain of relationships from one subject to another. */
import type { IsoDate, OfficerRole, RelationKind } from '../../domain/vocabulary.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { REL, relationKindOf, roleOf } from '../projection/relation-codes.ts';

export interface EvidenceLink {
  from: string;
  to: string;
  type: RelationKind;
  stake?: number;
  role?: OfficerRole;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
}

export interface EvidencePath {
  /** Subject ids, first = the controlling or owning side, last = the subject asked about. */
  path: string[];
  links: EvidenceLink[];
  /** Product of stakes along the path, where it is an ownership chain. */
  product?: number;
}

/** The evidence link for CSR out-slot `k` from `u`. */
export function linkOfSlot(csr: CsrGraph, u: number, k: number): EvidenceLink {
  const e = csr.input.edges[csr.edgeRef[k]!]!;
  const link: EvidenceLink = {
    from: csr.ids[u]!,
    to: csr.ids[csr.outTargets[k]!]!,
    type: relationKindOf(csr.edgeType[k]!),
  };
  const v = csr.edgeValue[k]!;
  if (csr.edgeType[k] === REL.SHAREHOLDER && !Number.isNaN(v)) link.stake = v;
  const role = roleOf(csr.edgeRole[k]!);
  if (role) link.role = role;
  if (e.validFrom !== undefined) link.validFrom = e.validFrom;
  if (e.validTo !== undefined) link.validTo = e.validTo;
  return link;
}
