/**
 * HTML escaping for the printable report. Every piece of text in the report comes from public records or an
 * import file, so a subject's name may well be `<script>…`: all of it goes through `esc`, in element content and
 * in attribute values alike (quotes are escaped too).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
