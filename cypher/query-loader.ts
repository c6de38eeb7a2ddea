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
