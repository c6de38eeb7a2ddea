/** Subject rows: one credit subject (organisation or natural person) and its identifiers (domain.md §3). */
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { type IsoDate, isOrganisationKind, SUBJECT_KINDS, type SubjectKind } from '../vocabulary.ts';
import { ALWAYS, cleanRow, type ValidationContext } from './context.ts';
import {
  choice,
  date,
  divisionCode,
  email,
  humanise,
  identifierText,
  matchableText,
  phone,
  registrationNumber,
  residentId,
  text,
  uscc,
  version,
} from './fields.ts';

export interface SubjectInput {
  kind: 'subject';
  id?: string;
  subjectKind: SubjectKind;
  name: string;
  /** Normalised (upper-case, half-width) and checked. */
  uscc?: string;
  /** Old 15-digit registration number (注册号). */
  regNo?: string;
  /** `unverified` when an organisation is known only by its old registration number. */
  identifierStatus: 'verified' | 'unverified';
  /** Natural persons only. Still in clear at this layer: hash it with `protectResidentId` before storing. */
  idNumber?: string;
  region?: string;
  registeredAt?: IsoDate;
  address?: string;
  phone?: string;
  email?: string;
  source?: string;
  /** Epoch milliseconds when given as a timestamp; a higher version replaces a lower one. */
  version?: number;
}

/** Chinese labels seen in registry exports. */
const SUBJECT_KIND_ALIASES: Readonly<Record<string, SubjectKind>> = {
  企业: 'enterprise',
  个体工商户: 'individual_business',
  农民专业合作社: 'farmer_cooperative',
  社会组织: 'social_organisation',
  事业单位: 'public_institution',
  机关: 'government_body',
  自然人: 'natural_person',
};

/** Every field a subject row may carry; anything else is reported as unknown (a misspelt column). */
export const SUBJECT_ROW_FIELDS = [
  'kind',
  'id',
  'subjectKind',
  'name',
  'uscc',
  'regNo',
  'idNumber',
  'region',
  'registeredAt',
  'address',
  'phone',
  'email',
  'source',
  'version',
] as const;

export const createSubjectRowSchema = (ctx: ValidationContext) => {
  const today = () => ctx.today;
  const fields = {
    kind: z.literal('subject', { error: humanise }),
    id: identifierText().optional(),
    subjectKind: choice(SUBJECT_KINDS, SUBJECT_KIND_ALIASES),
    name: text(LIMITS.maxNameLength),
    uscc: uscc().optional(),
    regNo: registrationNumber().optional(),
    idNumber: residentId(today).optional(),
    region: divisionCode().optional(),
    registeredAt: date({ label: 'registeredAt', notAfter: today }).optional(),
    address: matchableText(LIMITS.maxAddressLength).optional(),
    phone: phone().optional(),
    email: email().optional(),
    source: text(LIMITS.maxSourceLength).optional(),
    version: version().optional(),
  } satisfies Record<(typeof SUBJECT_ROW_FIELDS)[number], z.ZodType>;
  const shape = z
    .strictObject(fields, { error: humanise })
    .superRefine((row, issues) => {
      if (!SUBJECT_KINDS.includes(row.subjectKind)) return;
      if (isOrganisationKind(row.subjectKind)) {
        if (row.uscc === undefined && row.regNo === undefined) {
          issues.addIssue({
            code: 'custom',
            path: ['uscc'],
            message: `is required for an organisation (${row.subjectKind}); give the old 15-digit registration number as regNo if there is no USCC`,
          });
        }
        if (row.idNumber !== undefined) {
          issues.addIssue({
            code: 'custom',
            path: ['idNumber'],
            message: `applies only to natural persons; an organisation (${row.subjectKind}) is identified by uscc`,
          });
        }
      } else {
        if (row.idNumber === undefined) {
          issues.addIssue({
            code: 'custom',
            path: ['idNumber'],
            message: 'is required for a natural person',
          });
        }
        for (const field of ['uscc', 'regNo'] as const) {
          if (row[field] !== undefined) {
            issues.addIssue({
              code: 'custom',
              path: [field],
              message: 'applies only to organisations; a natural person is identified by idNumber',
            });
          }
        }
      }
    }, ALWAYS)
    .transform(
      (row): SubjectInput => ({
        ...row,
        identifierStatus:
          isOrganisationKind(row.subjectKind) && row.uscc === undefined ? 'unverified' : 'verified',
      }),
    );
  return z.preprocess(cleanRow, shape);
};
