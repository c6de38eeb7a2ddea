/**
 * A small fixture world for joint punishment. Company A commits a serious violation on 2023-03-15 (decided
 * 2023-04-20). Around A:
 *   li    legal representative 2018-01-01 → 2023-06-01 (held the seat on the act date)
 *   wang  legal representative from 2023-06-01 (appointed after the act)
 *   zhao  director 2015-01-01 → 2022-12-31 (left before the act)
 *   sun   manager since 2020-01-01
 *   qian  person shareholder, 30 %
 *   zhou  person shareholder, 3 % (below the 5 % default)
 *   H     organisation shareholder, 60 %
 *   chen  actual controller since 2019-01-01
 *   wu    named on the record as directly responsible
 * Later li becomes legal representative of company B (from 2024-01-01).
 */
import type { CreditRecordFacts, DatedRelation } from '../../../../domain/punishment/types.ts';

export const A = 'org-A';
export const B = 'org-B';

export const relations: DatedRelation[] = [
  {
    type: 'LEGAL_REP',
    fromId: 'p-li',
    toId: A,
    fromKind: 'natural_person',
    validFrom: '2018-01-01',
    validTo: '2023-06-01',
  },
  { type: 'LEGAL_REP', fromId: 'p-wang', toId: A, fromKind: 'natural_person', validFrom: '2023-06-01' },
  {
    type: 'OFFICER',
    fromId: 'p-zhao',
    toId: A,
    fromKind: 'natural_person',
    role: 'director',
    validFrom: '2015-01-01',
    validTo: '2022-12-31',
  },
  {
    type: 'OFFICER',
    fromId: 'p-sun',
    toId: A,
    fromKind: 'natural_person',
    role: 'manager',
    validFrom: '2020-01-01',
  },
  {
    type: 'SHAREHOLDER',
    fromId: 'p-qian',
    toId: A,
    fromKind: 'natural_person',
    stakePct: 30,
    validFrom: '2018-01-01',
  },
  {
    type: 'SHAREHOLDER',
    fromId: 'p-zhou',
    toId: A,
    fromKind: 'natural_person',
    stakePct: 3,
    validFrom: '2018-01-01',
  },
  {
    type: 'SHAREHOLDER',
    fromId: 'org-H',
    toId: A,
    fromKind: 'enterprise',
    stakePct: 60,
    validFrom: '2018-01-01',
  },
  {
    type: 'ACTUAL_CONTROLLER',
    fromId: 'p-chen',
    toId: A,
    fromKind: 'natural_person',
    validFrom: '2019-01-01',
  },
  { type: 'LEGAL_REP', fromId: 'p-li', toId: B, fromKind: 'natural_person', validFrom: '2024-01-01' },
];

export const penalty: CreditRecordFacts = {
  id: 'rec-1',
  subjectId: A,
  category: 'administrative_penalty',
  severity: 'serious',
  actDate: '2023-03-15',
  decisionDate: '2023-04-20',
  status: 'active',
  publicationTo: '2026-04-20',
  directlyResponsible: ['p-wu'],
};

export const courtOrder: CreditRecordFacts = {
  id: 'rec-court',
  subjectId: A,
  category: 'high_consumption_restriction',
  severity: 'serious',
  actDate: '2023-03-15',
  decisionDate: '2023-05-01',
  status: 'active',
  publicationTo: null,
};
