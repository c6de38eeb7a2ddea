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
  const text = withIncludes(compact(fs.readFileSync(file, 'utf8')), [name]);
  cache.set(name, text);
  return text;
}

const INCLUDE = /^\{\{include ([a-z0-9-]+(?:\/[a-z0-9-]+)*)\}\}$/;

/**
 * Replaces each line `{{include parts/name}}` with that file's compacted text, so that a fragment two queries
 * need (say the same sub-queries over a subject) is written once. Only file names can be included: no value
 * reaches the text.
 */
function withIncludes(text: string, chain: readonly string[]): string {
  return text
    .split('\n')
    .map((line) => {
      const part = INCLUDE.exec(line)?.[1];
      if (part === undefined) return line;
      if (chain.includes(part))
        throw new QueryNotFoundError(`query "${chain[0]}" includes itself through "${part}"`);
      const file = path.join(QUERIES_DIR, `${part}.cypher`);
      if (!fs.existsSync(file))
        throw new QueryNotFoundError(`query "${chain.at(-1)}" includes a missing part "${part}"`);
      return withIncludes(compact(fs.readFileSync(file, 'utf8')), [...chain, part]);
    })
    .join('\n');
}

/**
 * The text sent to Neo4j: whole-line `//` comments and indentation dropped. Every run ships the query text over
 * Bolt and Neo4j parses it (and keys its plan cache by it), so the files' documentation costs nothing at run time.
 */
export function compact(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('//'))
    .join('\n');
}

export class QueryShapeError extends Error {
  readonly code = 'CYPHER_QUERY_SHAPE';
}

/**
 * What Cypher takes only as literal text, never as a parameter: a quantifier's bound (`{1,{{maxHops}}}`), written
 * as a non-negative integer, and a relationship's direction (`{{lt}}-[r]-{{gt}}`), written as `<`, `>` or
 * nothing. Only these can reach the text, so no value can change a query's meaning; values stay parameters.
 */
export type QueryShape = Readonly<Record<string, number | '<' | '>' | ''>>;

/** Arrow ends of a relationship walked from its start node ('out'), its end node ('in') or either ('both'). */
export function arrowsOf(direction: 'out' | 'in' | 'both'): { lt: '<' | ''; gt: '>' | '' } {
  return { lt: direction === 'in' ? '<' : '', gt: direction === 'out' ? '>' : '' };
}

/** A query whose `{{name}}` placeholders are filled from `shape` (see QueryShape). */
export function loadShapedQuery(name: string, shape: QueryShape): string {
  const key = `${name}?${JSON.stringify(shape)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  for (const [k, v] of Object.entries(shape))
    if (!(typeof v === 'number' ? Number.isSafeInteger(v) && v >= 0 : ['<', '>', ''].includes(v)))
      throw new QueryShapeError(
        `placeholder ${k} of query "${name}" takes a non-negative integer, "<", ">" or "", got ${JSON.stringify(v)}`,
      );
  const text = loadQuery(name).replace(/\{\{([a-zA-Z]+)\}\}/g, (_, k: string) => {
    const v = shape[k];
    if (v === undefined) throw new QueryShapeError(`query "${name}" needs placeholder ${k}`);
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
