/**
 * Keeps resident ID numbers out of the logs: a person's number may arrive in a URL (a search, a check
 * by ID number) and Fastify logs every request URL. Anything shaped like an 18-character ID number (or a
 * 15-digit first-generation one) is masked like the display form: first 6 and last 4 characters kept.
 * Digit-only USCCs have the same shape and are masked too, which costs nothing in a log.
 */
const ID_SHAPED = /(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{5})(\d{3}[\dXx])(?![0-9A-Za-z])/g;

export function maskIdNumbers(text: string): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // not URI-encoded text: mask it as it is
  }
  return decoded.replace(
    ID_SHAPED,
    (_m, head: string, middle: string, tail: string) => `${head}${'*'.repeat(middle.length)}${tail}`,
  );
}

/** pino serializer for Fastify's `req`: method, masked URL and request id, nothing else. */
export function safeRequestSerializer(req: { method?: string; url?: string; id?: string; ip?: string }) {
  return { method: req.method, url: req.url ? maskIdNumbers(req.url) : req.url, id: req.id };
}
