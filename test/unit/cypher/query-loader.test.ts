import { describe, expect, it } from 'vitest';
import { compact, loadQuery } from '../../../cypher/query-loader.ts';

describe('query text sent to Neo4j', () => {
  it('drops whole-line comments, blank lines and indentation, and keeps every statement line as written', () => {
    const text = [
      '// What it does.',
      '// Params: ids.',
      'UNWIND $ids AS id',
      '',
      'CALL (id) {',
      '  // why this seek',
      "  MATCH (s:Subject {id: id}) WHERE s.note <> '// not a comment'",
      '  RETURN s',
      '}',
      'RETURN s.id AS id // trailing comments stay: Cypher reads them',
    ].join('\n');
    expect(compact(text)).toBe(
      [
        'UNWIND $ids AS id',
        'CALL (id) {',
        "MATCH (s:Subject {id: id}) WHERE s.note <> '// not a comment'",
        'RETURN s',
        '}',
        'RETURN s.id AS id // trailing comments stay: Cypher reads them',
      ].join('\n'),
    );
  });

  it('loads files compacted', () => {
    const text = loadQuery('punishment/check-context');
    expect(text).not.toMatch(/^\s*\/\//m);
    expect(text).not.toMatch(/^\s/m);
    expect(text).toContain('RETURN s.id AS id');
  });

  it('writes an included part in place of its line, compacted, in every query that includes it', () => {
    const part = loadQuery('parts/adverse-facts');
    for (const name of ['screening/expand', 'screening/reached-facts']) {
      const text = loadQuery(name);
      expect(text).not.toContain('{{include');
      expect(text).toContain(part);
    }
  });
});
