/**
 * A subject's standing as the profile and the credit report show it: the lists it is on and the joint-punishment
 * measures in force against it (or suspended under objection), each with its reason chains. One shape and one
 * visibility rule for both: a reason's steps name persons and companies on the way, so they are shown only when
 * the caller may see every one of them.
 */
import { z } from 'zod';
import type { SubjectFacts } from '../jobs/screening/screen.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const listEntryBody = z.object({
  recordId: z.string(),
  category: z.string(),
  list: z.enum(['blacklist', 'redlist']),
  label: bilingual,
  authority: z.string().nullable(),
  decisionDate: z.string().nullable(),
  publicationTo: z.string().nullable(),
});

export const measureInForceBody = z.object({
  code: z.string(),
  name: bilingual,
  department: bilingual,
  legalBasis: z.string(),
  status: z.enum(['in_force', 'suspended']),
  reasons: z.array(z.object({ basis: z.string(), status: z.string(), steps: z.array(bilingual) })),
});

export type SubjectStanding = {
  lists: Array<z.infer<typeof listEntryBody>>;
  measures: Array<z.infer<typeof measureInForceBody>>;
};

/** Every subject the measures' reason chains pass through (for one visibility look-up). */
export function standingMentions(facts: SubjectFacts | undefined): string[] {
  const ids = new Set<string>();
  for (const m of facts?.check.punishments ?? [])
    for (const r of m.reasons) for (const s of r.path) ids.add(s.from).add(s.to);
  return [...ids];
}

export function standingView(
  facts: SubjectFacts | undefined,
  visible: (id: string) => boolean,
): SubjectStanding {
  return {
    lists: facts?.lists ?? [],
    measures: (facts?.check.punishments ?? []).map((m) => ({
      code: m.measure.code,
      name: m.measure.name,
      department: m.measure.department,
      legalBasis: m.measure.legalBasis,
      status: m.status,
      reasons: m.reasons.map((r) => ({
        basis: r.basis,
        status: r.status,
        steps: r.path.every((s) => visible(s.from) && visible(s.to)) ? r.steps : [],
      })),
    })),
  };
}
