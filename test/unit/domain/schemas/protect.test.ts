import { describe, expect, it } from 'vitest';
import { hashResidentId } from '../../../../domain/identifiers/resident-id.ts';
import { protectSubjectInput, protectSubjectRef } from '../../../../domain/schemas/protect.ts';
import type { SubjectInput } from '../../../../domain/schemas/subject.ts';
import { PERSON, TENCENT } from './helpers.ts';

const SECRET = 'ingest-secret-0123456789';

describe('protecting ID numbers at the ingestion edge', () => {
  const person: SubjectInput = {
    kind: 'subject',
    subjectKind: 'natural_person',
    name: '张三',
    idNumber: PERSON,
    identifierStatus: 'verified',
  };

  it('replaces a person’s number by its hash and masked form', () => {
    const stored = protectSubjectInput(person, SECRET);
    expect(stored).toEqual({
      kind: 'subject',
      subjectKind: 'natural_person',
      name: '张三',
      identifierStatus: 'verified',
      idHash: hashResidentId(PERSON, SECRET),
      idMasked: '110105********002X',
    });
    expect(JSON.stringify(stored)).not.toContain(PERSON.slice(6, 14));
  });

  it('leaves organisations unchanged', () => {
    const org: SubjectInput = {
      kind: 'subject',
      subjectKind: 'enterprise',
      name: 'x',
      uscc: TENCENT,
      identifierStatus: 'verified',
    };
    expect(protectSubjectInput(org, SECRET)).toEqual(org);
  });

  it('turns references by ID number into references by hash', () => {
    expect(protectSubjectRef({ by: 'idNumber', value: PERSON }, SECRET)).toEqual({
      by: 'idHash',
      value: hashResidentId(PERSON, SECRET),
    });
    expect(protectSubjectRef({ by: 'uscc', value: TENCENT }, SECRET)).toEqual({ by: 'uscc', value: TENCENT });
  });
});
