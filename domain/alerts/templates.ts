/**
 * Alert messages: a rule's zh and en templates with `{name}` placeholders filled from the alert's parameters.
 * Parameters are kept with the alert, so a message can be rendered again for a reader who may not see every
 * subject it names (a bank outside its portfolio scope): those names are replaced, not leaked.
 */
import type { MessageParams } from './types.ts';

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Fills placeholders; an unknown one is left as written (catalogue loading rejects those beforehand). */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export const REDACTED_NAME = { zh: '（授权范围外主体）', en: '(a subject outside your scope)' } as const;

/** The parameters with every name of a subject not in `visible` replaced by the redaction label. */
export function redactParams(
  params: MessageParams,
  visible: ReadonlySet<string>,
  lang: 'zh' | 'en',
): Record<string, string> {
  const out = { ...params.values };
  for (const [param, subjectId] of Object.entries(params.subjects))
    if (!visible.has(subjectId)) out[param] = REDACTED_NAME[lang];
  return out;
}

/** A subject's display name: its name, else its id (persons without a name are rare but possible). */
export const displayName = (s: { id: string; name: string | null }): string => s.name ?? s.id;
