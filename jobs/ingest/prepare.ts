/**
 * Turns validated domain rows into the parameters of the ingest Cypher: stable ids and keys, the
 * persons' ID numbers replaced by their keyed hash and mask, and a content hash so that re-importing
 * an unchanged row is recognised and writes nothing. Pure apart from hashing.
 */
import { createHash } from 'node:crypto';
import {
  type ProtectedSubjectRef,
  protectSubjectInput,
  protectSubjectRef,
} from '../../domain/schemas/protect.ts';
import { RECORD_ROW_FIELDS, type RecordInput } from '../../domain/schemas/record.ts';
import { RELATION_ROW_FIELDS, type RelationInput } from '../../domain/schemas/relation.ts';
import { SUBJECT_ROW_FIELDS, type SubjectInput } from '../../domain/schemas/subject.ts';
import { isOrganisationKind } from '../../domain/vocabulary.ts';

export interface SubjectWrite {
  line: number;
  id: string;
  label: 'Person' | 'Organisation';
  rowHash: string;
  version: number | null;
  props: Record<string, unknown>;
  contacts: Array<{ kind: 'address' | 'phone' | 'email'; key: string; value: string }>;
}

export interface RelationWrite {
  line: number;
  type: RelationInput['type'];
  from: ProtectedSubjectRef;
  to: ProtectedSubjectRef;
  /** Identity of one relationship episode: the same pair, type, role and start date is the same fact. */
  keyParts: string;
  rowHash: string;
  props: Record<string, unknown>;
}

export interface RecordWrite {
  line: number;
  id: string;
  subject: ProtectedSubjectRef;
  rowHash: string;
  version: number | null;
  props: Record<string, unknown>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** JSON with sorted keys, so that field order in the source file does not change the hash. */
function canonical(value: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}

/**
 * Every imported field, with null for the absent ones: `SET n += $props` then clears a field that a
 * later version of the row no longer has, and leaves properties written by other stages alone.
 */
function withNulls(obj: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = obj[f] ?? null;
  return out;
}

// The stored properties are the import fields, less those that are not properties: the row kind, the
// references (become relationships), the version (kept apart) and the clear ID number (never stored).
const without = (fields: readonly string[], drop: readonly string[]) =>
  fields.filter((f) => !drop.includes(f));
const SUBJECT_PROPS = [
  ...without(SUBJECT_ROW_FIELDS, ['kind', 'subjectKind', 'idNumber', 'version']),
  'kind',
  'identifierStatus',
  'idHash',
  'idMasked',
];
const RELATION_PROPS = without(RELATION_ROW_FIELDS, ['kind', 'type', 'from', 'to']);
const RECORD_PROPS = without(RECORD_ROW_FIELDS, ['kind', 'subject', 'version']);

/** Contact values are compared after light normalisation: case, spaces and punctuation in phones differ between sources. */
export function contactKey(kind: 'address' | 'phone' | 'email', value: string): string {
  const norm =
    kind === 'phone'
      ? value.replace(/[^\d+]/g, '')
      : kind === 'email'
        ? value.trim().toLowerCase()
        : value.replace(/\s+/g, '').toUpperCase();
  return `${kind}:${norm}`;
}

/**
 * A subject's id: the one given, else one derived from its identifier so that the same organisation or
 * person imported twice without ids is one node.
 */
export function subjectId(input: SubjectInput, idHash: string | undefined): string {
  if (input.id) return input.id;
  if (input.uscc) return input.uscc;
  if (input.regNo) return `R${input.regNo}`;
  return `P${idHash!.slice(0, 24)}`;
}

export function prepareSubject(input: SubjectInput, line: number, secret: string): SubjectWrite {
  const protectedInput = protectSubjectInput(input, secret);
  const { version, subjectKind, ...rest } = protectedInput;
  const id = subjectId(input, protectedInput.idHash);
  const props = withNulls({ ...rest, kind: subjectKind, id }, SUBJECT_PROPS);
  const contacts = (['address', 'phone', 'email'] as const)
    .filter((k) => typeof input[k] === 'string' && input[k]!.length > 0)
    .map((k) => ({ kind: k, key: contactKey(k, input[k]!), value: input[k]! }));
  return {
    line,
    id,
    label: isOrganisationKind(subjectKind) ? 'Organisation' : 'Person',
    rowHash: digest(canonical(props)),
    version: version ?? null,
    props,
    contacts,
  };
}

export function prepareRelation(input: RelationInput, line: number, secret: string): RelationWrite {
  const from = protectSubjectRef(input.from, secret);
  const to = protectSubjectRef(input.to, secret);
  const props = withNulls(input as unknown as Record<string, unknown>, RELATION_PROPS);
  const type = input.type;
  return {
    line,
    type,
    from,
    to,
    keyParts: [type, input.role ?? '', input.validFrom ?? ''].join('|'),
    rowHash: digest(canonical({ ...props, type })),
    props,
  };
}

export function prepareRecord(input: RecordInput, line: number, secret: string): RecordWrite {
  const subject = protectSubjectRef(input.subject, secret);
  const props = withNulls(input as unknown as Record<string, unknown>, RECORD_PROPS);
  const version = input.version;
  return {
    line,
    id: input.id,
    subject,
    rowHash: digest(canonical({ ...props, subject: `${subject.by}:${subject.value}` })),
    version: version ?? null,
    props,
  };
}

/** The relationship key is final once both ends are resolved to subject ids. */
export function relationKey(r: RelationWrite, fromId: string, toId: string): string {
  return digest(`${r.keyParts}|${fromId}|${toId}`);
}
