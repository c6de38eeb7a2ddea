/**
 * Beneficial owners (受益所有人) per the PBoC/SAMR "Measures for the Administration of Beneficial Owner
 * Information" (2024) art. 6: natural persons holding ≥ 25 % directly or indirectly (integrated ownership,
 * see ownership/integrated-ownership.ts), or controlling by other means (declared or majority actual control);
 * where there is none, the senior managers (here officers with role manager or chair, configurable).
 */
import type { OfficerRole, SubjectKind } from '../../domain/vocabulary.ts';
import { InvalidOptionsError, UnknownSubjectError } from '../errors.ts';
import { type IntegratedOwnershipOptions, integratedOwnersOf } from '../ownership/integrated-ownership.ts';
import type { CsrGraph } from '../projection/build-csr.ts';
import { NATURAL_PERSON_CODE, REL, roleOf, subjectKindOf } from '../projection/relation-codes.ts';
import { actualController } from './actual-controller.ts';
import { type EvidencePath, linkOfSlot } from './evidence.ts';

const MODULE = 'analytics/control/beneficial-owners';

export interface BeneficialOwnersOptions {
  /** Integrated stake at or above which a natural person is a beneficial owner (PBoC/SAMR 2024 art. 6: 25 %). */
  threshold: number;
  /** Officer roles named when no person meets the test (PBoC/SAMR 2024 art. 6(3): senior managers). */
  fallbackRoles: readonly OfficerRole[];
  /** Count natural-person actual controllers (declared or majority) as owners "by other means". */
  includeControllers: boolean;
  ownership: Partial<IntegratedOwnershipOptions>;
}

export const DEFAULT_BENEFICIAL_OWNERS_OPTIONS: Readonly<BeneficialOwnersOptions> = Object.freeze({
  threshold: 0.25,
  fallbackRoles: Object.freeze(['manager', 'chair'] as OfficerRole[]),
  includeControllers: true,
  ownership: Object.freeze({}),
});

export type BeneficialOwnerBasis = 'ownership' | 'control' | 'senior_manager';

export interface BeneficialOwner {
  id: string;
  kind: SubjectKind;
  name?: string;
  basis: BeneficialOwnerBasis[];
  /** Integrated stake, when the person holds any. */
  integrated: number;
  role?: OfficerRole;
  evidence: EvidencePath[];
}

export interface BeneficialOwnersResult {
  subjectId: string;
  method: 'ownership_or_control' | 'senior_manager_fallback' | 'none';
  threshold: number;
  owners: BeneficialOwner[];
  truncated: boolean;
}

/** Beneficial owners of `subjectId` as of the projection's date. */
export function beneficialOwners(
  csr: CsrGraph,
  subjectId: string,
  options: Partial<BeneficialOwnersOptions> = {},
): BeneficialOwnersResult {
  const opts = { ...DEFAULT_BENEFICIAL_OWNERS_OPTIONS, ...options };
  if (!(opts.threshold > 0 && opts.threshold <= 1)) {
    throw new InvalidOptionsError(MODULE, 'threshold', 'must be in (0, 1]');
  }
  const j = csr.indexOf.get(subjectId);
  if (j === undefined) throw new UnknownSubjectError(MODULE, subjectId);
  const owners = integratedOwnersOf(csr, subjectId, opts.ownership);
  const byId = new Map<string, BeneficialOwner>();
  for (const s of owners.stakes) {
    if (s.kind !== 'natural_person' || s.integrated < opts.threshold - 1e-12) continue;
    const o: BeneficialOwner = {
      id: s.id,
      kind: s.kind,
      basis: ['ownership'],
      integrated: s.integrated,
      evidence: s.chains.map((c) => ({
        path: c.path,
        links: c.path
          .slice(1)
          .map((to, i) => ({ from: c.path[i]!, to, type: 'SHAREHOLDER' as const, stake: c.stakes[i]! })),
        product: c.product,
      })),
    };
    if (s.name !== undefined) o.name = s.name;
    byId.set(s.id, o);
  }
  let truncated = owners.truncated;
  if (opts.includeControllers) {
    const ctl = actualController(csr, subjectId, { ownership: opts.ownership });
    truncated ||= ctl.truncated;
    if (ctl.method === 'declared' || ctl.method === 'majority_control') {
      for (const c of ctl.controllers) {
        if (c.kind !== 'natural_person') continue;
        const existing = byId.get(c.id);
        if (existing) {
          existing.basis.push('control');
          existing.evidence.push(...c.evidence);
        } else {
          const integrated = owners.stakes.find((s) => s.id === c.id)?.integrated ?? 0;
          const o: BeneficialOwner = {
            id: c.id,
            kind: c.kind,
            basis: ['control'],
            integrated,
            evidence: c.evidence,
          };
          if (c.name !== undefined) o.name = c.name;
          byId.set(c.id, o);
        }
      }
    }
  }
  if (byId.size > 0) {
    const list = [...byId.values()].sort((a, b) => b.integrated - a.integrated || (a.id < b.id ? -1 : 1));
    return { subjectId, method: 'ownership_or_control', threshold: opts.threshold, owners: list, truncated };
  }
  // Fallback: senior managers in office on the projection date.
  const roles = new Set<string>(opts.fallbackRoles);
  const fallback: BeneficialOwner[] = [];
  for (let q = csr.inOffsets[j]!; q < csr.inOffsets[j + 1]!; q++) {
    const k = csr.inSlot[q]!;
    if (csr.edgeType[k] !== REL.OFFICER) continue;
    const role = roleOf(csr.edgeRole[k]!);
    if (!role || !roles.has(role)) continue;
    const u = csr.inSources[q]!;
    if (csr.kind[u] !== NATURAL_PERSON_CODE) continue;
    const link = linkOfSlot(csr, u, k);
    const o: BeneficialOwner = {
      id: csr.ids[u]!,
      kind: subjectKindOf(csr.kind[u]!),
      basis: ['senior_manager'],
      integrated: 0,
      role,
      evidence: [{ path: [link.from, link.to], links: [link] }],
    };
    const name = csr.input.nodes[u]!.name;
    if (name !== undefined) o.name = name;
    fallback.push(o);
  }
  fallback.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    subjectId,
    method: fallback.length > 0 ? 'senior_manager_fallback' : 'none',
    threshold: opts.threshold,
    owners: fallback,
    truncated,
  };
}
