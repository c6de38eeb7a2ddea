/**
 * Integer codes for the vocabulary used inside typed arrays: relation kind, subject kind and officer role are
 * their index in the domain's lists; a relation-type filter is a bit mask over relation codes.
 */
import {
  OFFICER_ROLES,
  type OfficerRole,
  RELATION_KINDS,
  type RelationKind,
  SUBJECT_KINDS,
  type SubjectKind,
} from '../../domain/vocabulary.ts';

export const REL = Object.freeze({
  LEGAL_REP: RELATION_KINDS.indexOf('LEGAL_REP'),
  SHAREHOLDER: RELATION_KINDS.indexOf('SHAREHOLDER'),
  OFFICER: RELATION_KINDS.indexOf('OFFICER'),
  ACTUAL_CONTROLLER: RELATION_KINDS.indexOf('ACTUAL_CONTROLLER'),
  GUARANTEE: RELATION_KINDS.indexOf('GUARANTEE'),
  BRANCH: RELATION_KINDS.indexOf('BRANCH'),
});

/** Role code stored for edges without an officer role. */
export const NO_ROLE = 255;
export const NATURAL_PERSON_CODE = SUBJECT_KINDS.indexOf('natural_person');

const relationIndex = new Map<string, number>(RELATION_KINDS.map((k, i) => [k, i]));
const kindIndex = new Map<string, number>(SUBJECT_KINDS.map((k, i) => [k, i]));
const roleIndex = new Map<string, number>(OFFICER_ROLES.map((k, i) => [k, i]));

/** Relation code, or −1 when the text is not a relation kind. */
export const relationCode = (kind: string): number => relationIndex.get(kind) ?? -1;
export const relationKindOf = (code: number): RelationKind => RELATION_KINDS[code]!;
/** Subject kind code, or −1 when unknown. */
export const subjectKindCode = (kind: string): number => kindIndex.get(kind) ?? -1;
export const subjectKindOf = (code: number): SubjectKind => SUBJECT_KINDS[code]!;
/** Officer role code, or −1 when unknown. */
export const roleCode = (role: string): number => roleIndex.get(role) ?? -1;
export const roleOf = (code: number): OfficerRole | undefined =>
  code === NO_ROLE ? undefined : OFFICER_ROLES[code];

/** A mask with all relation types. */
export const ALL_RELATIONS_MASK = (1 << RELATION_KINDS.length) - 1;

/** Bit mask of the given relation kinds; undefined or empty means every kind. */
export function relationMask(types?: readonly RelationKind[]): number {
  if (!types || types.length === 0) return ALL_RELATIONS_MASK;
  let mask = 0;
  for (const t of types) mask |= 1 << relationCode(t);
  return mask;
}
