/**
 * The ingestion edge holds the hashing secret; the domain only defines the shapes. After `protectSubjectInput`
 * no clear ID number is left in the value, so nothing downstream can store or log one by accident (PIPL,
 * domain.md §3).
 */
import { protectResidentId } from '../identifiers/resident-id.ts';
import type { SubjectRef } from '../identifiers/subject-ref.ts';
import type { SubjectInput } from './subject.ts';

export type ProtectedSubjectInput = Omit<SubjectInput, 'idNumber'> & { idHash?: string; idMasked?: string };

export const protectSubjectInput = (
  input: SubjectInput,
  secret: string | Uint8Array,
): ProtectedSubjectInput => {
  const { idNumber, ...rest } = input;
  return idNumber === undefined ? rest : { ...rest, ...protectResidentId(idNumber, secret) };
};

/** References to persons are looked up by the keyed hash, the only form of the number that is stored. */
export type ProtectedSubjectRef = { by: 'uscc' | 'id' | 'idHash'; value: string };

export const protectSubjectRef = (ref: SubjectRef, secret: string | Uint8Array): ProtectedSubjectRef =>
  ref.by === 'idNumber'
    ? { by: 'idHash', value: protectResidentId(ref.value, secret).idHash }
    : { by: ref.by, value: ref.value };
