import { describe, expect, it } from 'vitest';
import type { ProjectionInput } from '../../../analytics/projection/projection-input.ts';
import { withoutSubjects } from '../../../jobs/projection/load-projection.ts';

describe('withoutSubjects', () => {
  const input: ProjectionInput = {
    nodes: [
      { id: 'A', kind: 'enterprise' },
      { id: 'X', kind: 'enterprise' },
      { id: 'P', kind: 'natural_person' },
    ],
    edges: [
      { type: 'LEGAL_REP', from: 'P', to: 'A', validFrom: null, validTo: null },
      { type: 'SHAREHOLDER', from: 'X', to: 'A', validFrom: null, validTo: null, stakePct: 40 },
      { type: 'OFFICER', from: 'P', to: 'X', validFrom: null, validTo: null, role: 'director' },
    ],
    records: [
      {
        id: 'R1',
        subjectId: 'X',
        category: 'administrative_penalty',
        severity: 'serious',
        polarity: 'negative',
        status: 'active',
        actDate: '2024-01-01',
        decisionDate: '2024-01-02',
      },
    ],
  };

  it('leaves out the subjects, every relationship touching them and their records', () => {
    const out = withoutSubjects(input, ['X']);
    expect(out.nodes.map((n) => n.id)).toEqual(['A', 'P']);
    expect(out.edges.map((e) => `${e.from}-${e.to}`)).toEqual(['P-A']);
    expect(out.records).toEqual([]);
  });

  it('returns the projection itself when nothing is dropped', () => {
    expect(withoutSubjects(input, [])).toBe(input);
  });
});
