import { describe, expect, it } from 'vitest';
import { computeResidentIdCheckChar } from '../../../../domain/identifiers/resident-id.ts';
import { accept, PERSON, reasonFor, reject, TENCENT } from './helpers.ts';

const org = {
  kind: 'subject',
  subjectKind: 'enterprise',
  name: '深圳市腾讯计算机系统有限公司',
  uscc: TENCENT,
};

describe('subject rows', () => {
  it('normalises an organisation row', () => {
    expect(
      accept({
        ...org,
        uscc: ' 91440300708461136t ',
        name: '  深圳市腾讯计算机系统有限公司 ',
        region: '４４０３００',
        registeredAt: '2000/2/24',
        address: '深圳市南山区 科技中一路  腾讯大厦',
        phone: '0755-8601 3388',
        email: ' Contact@Example.COM ',
        version: '3',
      }),
    ).toEqual({
      kind: 'subject',
      subjectKind: 'enterprise',
      name: '深圳市腾讯计算机系统有限公司',
      uscc: TENCENT,
      identifierStatus: 'verified',
      region: '440300',
      registeredAt: '2000-02-24',
      address: '深圳市南山区 科技中一路 腾讯大厦',
      phone: '075586013388',
      email: 'contact@example.com',
      version: 3,
    });
  });

  it('reports a bad check character with the expected one', () => {
    expect(reasonFor(reject({ ...org, uscc: '91440300708461136X' }), 'uscc')).toContain(
      'check character is wrong: expected T, got X',
    );
  });

  it('requires a USCC for organisations unless a registration number is given, which marks it unverified', () => {
    const { uscc: _, ...noCode } = org;
    expect(reasonFor(reject(noCode), 'uscc')).toContain('is required for an organisation');
    expect(accept({ ...noCode, regNo: '440301103448669' })).toMatchObject({
      regNo: '440301103448669',
      identifierStatus: 'unverified',
    });
    expect(reasonFor(reject({ ...noCode, regNo: '4403011034' }), 'regNo')).toContain('15 digits');
  });

  it('requires an ID number for natural persons and keeps it (normalised) for hashing at the edge', () => {
    expect(
      reasonFor(reject({ kind: 'subject', subjectKind: 'natural_person', name: '张三' }), 'idNumber'),
    ).toBe('is required for a natural person');
    expect(
      accept({
        kind: 'subject',
        subjectKind: 'natural_person',
        name: '张三',
        idNumber: '11010519491231002x',
      }),
    ).toMatchObject({ idNumber: PERSON, identifierStatus: 'verified' });
  });

  it('rejects identifiers on the wrong kind of subject', () => {
    expect(reasonFor(reject({ ...org, idNumber: PERSON }), 'idNumber')).toContain('only to natural persons');
    const person = { kind: 'subject', subjectKind: 'natural_person', name: '张三', idNumber: PERSON };
    expect(reasonFor(reject({ ...person, uscc: TENCENT }), 'uscc')).toContain('only to organisations');
  });

  it('rejects a person born in the future relative to the injected today', () => {
    const body = '44052420261102001';
    const idNumber = body + computeResidentIdCheckChar(body);
    const errors = reject({ kind: 'subject', subjectKind: 'natural_person', name: '张三', idNumber });
    expect(reasonFor(errors, 'idNumber')).toBe(
      'birth date 2026-11-02 (digits 7–14) must be between 1900-01-01 and today (2026-11-01)',
    );
  });

  it('treats empty CSV cells as absent', () => {
    expect(accept({ ...org, id: '', region: '', phone: '  ', email: null, version: '' })).not.toHaveProperty(
      'region',
    );
  });

  it('reports every bad field at once, with the value that was wrong', () => {
    const errors = reject({
      ...org,
      subjectKind: 'company',
      name: 'x'.repeat(201),
      region: '4403',
      registeredAt: '2030-01-01',
      email: 'not-an-email',
      version: 'yesterday',
      colour: 'red',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['colour', 'email', 'name', 'region', 'registeredAt', 'subjectKind', 'version'].sort(),
    );
    expect(reasonFor(errors, 'subjectKind')).toContain('got "company"');
    expect(reasonFor(errors, 'name')).toBe('must be at most 200 characters, got 201');
    expect(reasonFor(errors, 'registeredAt')).toContain('in the future');
    expect(reasonFor(errors, 'colour')).toContain('unknown field');
  });

  it('accepts Chinese subject-kind labels', () => {
    expect(accept({ ...org, subjectKind: '个体工商户' })).toMatchObject({
      subjectKind: 'individual_business',
    });
  });

  it('turns a timestamp version into epoch milliseconds, China time when no offset is given', () => {
    expect(accept({ ...org, version: '2024-05-01T10:00:00' })).toMatchObject({
      version: Date.parse('2024-05-01T02:00:00Z'),
    });
    expect(accept({ ...org, version: '2024-05-01T10:00:00Z' })).toMatchObject({
      version: Date.parse('2024-05-01T10:00:00Z'),
    });
    expect(accept({ ...org, version: 7 })).toMatchObject({ version: 7 });
  });
});
