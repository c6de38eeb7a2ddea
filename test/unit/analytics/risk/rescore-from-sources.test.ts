/**
 * The incremental rescore (analytics/risk/rescore-from-sources.ts) against the whole-graph pass it stands in
 * for: after new serious records on a few subjects of a generated graph, the rows it returns are the full pass's
 * rows, and every subject it leaves out is one whose score did not move. Decreases are refused with a reason.
 */
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../../analytics/projection/build-csr.ts';
import type { ProjectionInput, ProjectionRecord } from '../../../../analytics/projection/projection-input.ts';
import { rescoreFromSources, type StoredScore } from '../../../../analytics/risk/rescore-from-sources.ts';
import {
  DEFAULT_RISK_MODEL_CONFIG,
  type RiskModelConfig,
} from '../../../../analytics/risk/risk-model-config.ts';
import { type RiskScores, scoreAll } from '../../../../analytics/risk/score-all.ts';
import { generateGraph } from '../../../../bench/analytics/generate-graph.ts';

const config = DEFAULT_RISK_MODEL_CONFIG as RiskModelConfig;
const asOf = '2026-11-22';

function storedFrom(scores: RiskScores): (id: string) => StoredScore | undefined {
  const at = new Map(scores.ids.map((id, u) => [id, u]));
  return (id) => {
    const u = at.get(id);
    if (u === undefined) return undefined;
    const origin = scores.exposureOrigin[u]!;
    return {
      own: scores.own[u]!,
      exposure: scores.exposurePoints[u]!,
      structural: scores.structural[u]!,
      positive: scores.positive[u]!,
      signals: [],
      exposureVia: origin >= 0 ? scores.ids[origin]! : null,
      configVersion: scores.configVersion,
    };
  };
}

const serious = (id: string, subjectId: string): ProjectionRecord => ({
  id,
  subjectId,
  category: 'administrative_penalty',
  severity: 'serious',
  polarity: 'negative',
  status: 'active',
  actDate: '2026-10-01',
  decisionDate: '2026-10-10',
});

describe('rescoreFromSources', () => {
  const input = generateGraph({ size: 3000, seed: 5 });
  // The structural points stay as stored: both passes use the same cheap local signals here.
  const before = scoreAll(buildCsr(input, { asOf }), input.records, config, asOf);
  const clean = input.nodes
    .filter((n) => n.kind !== 'natural_person' && !input.records.some((r) => r.subjectId === n.id))
    .slice(0, 4)
    .map((n) => n.id);

  it('returns the whole-graph pass rows for the sources and every subject they reach', () => {
    const added = clean.map((id, i) => serious(`new-${i}`, id));
    const next: ProjectionInput = { ...input, records: [...input.records, ...added] };
    const csr = buildCsr(next, { asOf });
    const after = scoreAll(csr, next.records, config, asOf);
    const result = rescoreFromSources(csr, next.records, config, asOf, clean, storedFrom(before));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = new Map(result.rows.map((r) => [r.id, r]));
    for (const id of clean) expect(rows.has(id)).toBe(true);
    expect(rows.size).toBeGreaterThan(clean.length);
    expect(rows.size).toBeLessThan(csr.nodeCount / 2);
    let moved = 0;
    for (let u = 0; u < csr.nodeCount; u++) {
      const id = csr.ids[u]!;
      const row = rows.get(id);
      if (!row) {
        // Left out: its score did not move.
        expect(after.score[u], id).toBeCloseTo(before.score[u]!, 9);
        continue;
      }
      if (Math.abs(after.score[u]! - before.score[u]!) > 1e-9) moved++;
      expect(row.score, id).toBeCloseTo(after.score[u]!, 9);
      expect(row.exposure, id).toBeCloseTo(after.exposurePoints[u]!, 9);
      expect(row.own, id).toBeCloseTo(after.own[u]!, 9);
      expect(row.riskClass, id).toBe(['A', 'B', 'C', 'D'][after.riskClass[u]!]);
    }
    expect(moved).toBeGreaterThan(clean.length);
  });

  it('refuses a source whose own points went down, and a subject never scored', () => {
    const withRecord = input.records[0]!;
    const fewer: ProjectionInput = {
      ...input,
      records: input.records.filter((r) => r.subjectId !== withRecord.subjectId),
    };
    const csr = buildCsr(fewer, { asOf });
    const down = rescoreFromSources(
      csr,
      fewer.records,
      config,
      asOf,
      [withRecord.subjectId],
      storedFrom(before),
    );
    expect(down).toEqual({ ok: false, reason: expect.stringMatching(/own points of source .* went down/) });

    const full = buildCsr(input, { asOf });
    const unscored = rescoreFromSources(full, input.records, config, asOf, [clean[0]!], () => undefined);
    expect(unscored).toEqual({ ok: false, reason: expect.stringMatching(/has no stored score/) });
  });
});
