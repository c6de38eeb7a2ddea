/**
 * Loads Cypher statements from `.cypher` files by name ("area/name" → cypher/queries/area/name.cypher),
 * once, and caches them. Keeping queries in files keeps them reviewable and parameterised: no code
 * builds Cypher from strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CYPHER_DIR = path.dirname(fileURLToPath(import.meta.url));
const QUERIES_DIR = path.join(CYPHER_DIR, 'queries');
const cache = new Map<string, string>();

export class QueryNotFoundError extends Error {
  readonly code = 'CYPHER_QUERY_NOT_FOUND';
}

export function loadQuery(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(name)) throw new QueryNotFoundError(`bad query name "${name}"`);
  const file = path.join(QUERIES_DIR, `${name}.cypher`);
  if (!fs.existsSync(file))
    throw new QueryNotFoundError(`no Cypher file ${path.relative(process.cwd(), file)}`);
  const text = fs.readFileSync(file, 'utf8');
  cache.set(name, text);
  return text;
}

export class QueryBoundsError extends Error {
  readonly code = 'CYPHER_QUERY_BOUNDS';
}

/**
 * A query whose text holds `{{name}}` placeholders where Cypher takes no parameter — the bounds of a quantified
 * path pattern such as `{1,{{maxHops}}}` — with each replaced by a non-negative integer. Only integers are
 * written into the text, so no value can change the query's meaning; every value proper stays a parameter.
 */
export function loadQueryWithBounds(name: string, bounds: Readonly<Record<string, number>>): string {
  const key = `${name}?${Object.entries(bounds)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  for (const [k, v] of Object.entries(bounds))
    if (!Number.isSafeInteger(v) || v < 0)
      throw new QueryBoundsError(`bound ${k} of query "${name}" must be a non-negative integer, got ${v}`);
  const text = loadQuery(name).replace(/\{\{([a-zA-Z]+)\}\}/g, (_, k: string) => {
    const v = bounds[k];
    if (v === undefined) throw new QueryBoundsError(`query "${name}" needs bound ${k}`);
    return String(v);
  });
  cache.set(key, text);
  return text;
}

/** Splits a multi-statement file (schema) on semicolons at line ends, dropping `//` comment lines. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function loadSchemaStatements(): string[] {
  return splitStatements(fs.readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8'));
}
