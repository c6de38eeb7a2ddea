import { describe, expect, it } from 'vitest';
import { arrowsOf, loadQuery, loadShapedQuery, QueryShapeError } from '../../../cypher/query-loader.ts';

describe('queries with a literal shape', () => {
  const name = 'analytics/walk-from-subject';

  it('writes the hop bound and the arrow ends into the text, and nothing else changes', () => {
    const text = loadShapedQuery(name, { maxHops: 32, ...arrowsOf('in') });
    expect(text).toContain('(s)<-[r WHERE');
    expect(text).toMatch(/\]-\{1,32\}\(t:Subject\)/);
    expect(text).not.toContain('{{');
    expect(text).toBe(
      loadQuery(name).replaceAll('{{maxHops}}', '32').replaceAll('{{lt}}', '<').replaceAll('{{gt}}', ''),
    );
    expect(loadShapedQuery(name, { maxHops: 3, ...arrowsOf('out') })).toMatch(
      /\(s\)-\[r WHERE[\s\S]*\]->\{1,3\}/,
    );
    expect(loadShapedQuery(name, { maxHops: 3, ...arrowsOf('both') })).toMatch(
      /\(s\)-\[r WHERE[\s\S]*\]-\{1,3\}/,
    );
  });

  it('refuses anything but a non-negative integer or an arrow end, and a missing placeholder', () => {
    const bad = [-1, 1.5, Number.NaN, '3}) DETACH DELETE (s', '>>'] as const;
    for (const v of bad)
      expect(() => loadShapedQuery(name, { maxHops: v as never, lt: '', gt: '' }), String(v)).toThrow(
        QueryShapeError,
      );
    expect(() => loadShapedQuery(name, { maxHops: 3 })).toThrow(/needs placeholder lt/);
  });
});
