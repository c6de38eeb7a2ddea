import { describe, expect, it } from 'vitest';
import { evaluateRecord } from '../../../../domain/alerts/evaluate-record.ts';
import { evaluateScoreChange, parseScoreHistoryEntry } from '../../../../domain/alerts/evaluate-scores.ts';
import { ALERT_RULE_CATALOGUE, type AlertRuleCatalogue } from '../../../../domain/catalogues/alert-rules.ts';
import { borrower, fresh, hitFor, holder, li, recordContext } from './fixtures.ts';

const cat = ALERT_RULE_CATALOGUE;

describe('evaluateRecord', () => {
  it('a serious record on a watched borrower’s shareholder: one watchlist alert with the path, one general per key person', () => {
    const alerts = evaluateRecord(cat, recordContext());
    const forBank = alerts.filter((a) => a.watchlistId === 'WL-1');
    expect(forBank).toHaveLength(1);
    expect(forBank[0]).toMatchObject({
      rule: 'serious_record_nearby',
      severity: 'high',
      org: 'BANK-A',
      subjectIds: [holder.id, borrower.id],
    });
    expect(forBank[0]!.evidence[0]!.nodes.map((n) => n.id)).toEqual([borrower.id, holder.id]);
    expect(forBank[0]!.messageZh).toBe(
      '控股公司（距关注主体借款公司 1 跳）新增严重失信记录：行政处罚（PEN-1，行为日2025-01-10）',
    );
    const general = alerts.filter((a) => a.org === null);
    expect(general.map((a) => a.rule)).toEqual(['key_person_bound']);
    expect(general[0]!.messageEn).toBe(
      '李某, legal representative of 控股公司, is now bound by joint punishment for administrative penalty (PEN-1)',
    );
  });

  it('is deterministic: evaluating the same context again gives the same ids', () => {
    expect(evaluateRecord(cat, recordContext()).map((a) => a.id)).toEqual(
      evaluateRecord(cat, recordContext()).map((a) => a.id),
    );
  });

  it('raises nothing for a general record, a record not active, or a watchlist whose depth is too small', () => {
    const ctx = recordContext();
    expect(
      evaluateRecord(cat, { ...ctx, record: { ...ctx.record, severity: 'general' } }).filter(
        (a) => a.watchlistId,
      ),
    ).toEqual([]);
    expect(evaluateRecord(cat, { ...ctx, record: { ...ctx.record, status: 'under_objection' } })).toEqual([]);
    const shallow = recordContext({ watchHits: new Map([[holder.id, hitFor(holder.id, 'WL-1', 0)]]) });
    expect(evaluateRecord(cat, shallow).filter((a) => a.watchlistId)).toEqual([]);
  });

  it('a bound person’s new seat (改头换面) alerts the general inbox and watchlists near the new company', () => {
    const ctx = recordContext({
      newSeats: [
        {
          person: li,
          org: fresh,
          type: 'LEGAL_REP',
          role: null,
          stakePct: null,
          validFrom: '2025-03-01',
          validTo: null,
          recordId: 'PEN-1',
          recordSubject: holder,
        },
      ],
      watchHits: new Map([
        [holder.id, hitFor(holder.id)],
        [fresh.id, hitFor(fresh.id, 'WL-2', 3)],
      ]),
    });
    const seats = evaluateRecord(cat, ctx).filter((a) => a.rule === 'bound_person_new_seat');
    expect(seats.map((a) => a.watchlistId ?? 'general').sort()).toEqual(['WL-2', 'general']);
    const seat = seats.find((a) => a.watchlistId === 'WL-2')!;
    expect(seat.severity).toBe('critical');
    expect(seat.messageZh).toBe(
      '受惩戒人员李某（因控股公司的PEN-1）自2025-03-01起任新设公司的法定代表人（改头换面）',
    );
    // Evidence: the seat, how the person is bound, and how the watched borrower reaches the new company.
    expect(seat.evidence.map((p) => p.kind)).toEqual(['seat', 'binding', 'watch']);
  });

  it('merges rules sharing a cause for one watchlist: the more severe gives the message', () => {
    const custom: AlertRuleCatalogue = structuredClone(cat);
    custom.rules.guarantee_network_serious_record.severity = 'critical';
    const ctx = recordContext({
      guarantee: {
        kind: 'circle',
        size: 3,
        path: {
          kind: 'guarantee_circle',
          nodes: [holder, borrower],
          links: [{ type: 'GUARANTEE', reversed: false }],
        },
        watchHits: [],
      },
    });
    const forBank = evaluateRecord(custom, ctx).filter((a) => a.watchlistId === 'WL-1');
    expect(forBank).toHaveLength(1);
    expect(forBank[0]!.rule).toBe('guarantee_network_serious_record');
    expect(forBank[0]!.evidence.map((p) => p.kind)).toEqual(['guarantee_circle', 'watch']);
  });

  it('a disabled rule raises nothing', () => {
    const custom: AlertRuleCatalogue = structuredClone(cat);
    custom.rules.serious_record_nearby.enabled = false;
    custom.rules.key_person_bound.enabled = false;
    expect(evaluateRecord(custom, recordContext())).toEqual([]);
  });
});

describe('evaluateScoreChange', () => {
  const watched = hitFor(borrower.id);
  const change = (
    fromScore: number,
    fromClass: 'A' | 'B' | 'C' | 'D',
    toScore: number,
    toClass: 'A' | 'B' | 'C' | 'D',
  ) => ({
    subject: borrower,
    before: { score: fromScore, riskClass: fromClass, asOf: '2026-01-01' },
    after: { score: toScore, riskClass: toClass, asOf: '2026-01-02' },
    watchHits: watched,
  });

  it('a class crossing towards D alerts the watchlist; one merged alert when the score also jumped', () => {
    const crossed = evaluateScoreChange(cat, change(20, 'A', 45, 'B'));
    expect(crossed).toHaveLength(1);
    expect(crossed[0]).toMatchObject({ rule: 'score_class_crossed', watchlistId: 'WL-1' });
    expect(crossed[0]!.messageEn).toBe('借款公司 moved from risk class A to B (score 20.0 → 45.0)');
  });

  it('a jump without a crossing uses the jump rule; a small rise or an improvement raises nothing', () => {
    expect(evaluateScoreChange(cat, change(41, 'B', 58, 'B')).map((a) => a.rule)).toEqual(['score_jump']);
    expect(evaluateScoreChange(cat, change(41, 'B', 50, 'B'))).toEqual([]);
    expect(evaluateScoreChange(cat, change(70, 'C', 30, 'B'))).toEqual([]);
  });

  it('parses stored history entries and refuses anything else', () => {
    expect(parseScoreHistoryEntry('2026-01-01|42.5|B|rm-1')).toEqual({
      asOf: '2026-01-01',
      score: 42.5,
      riskClass: 'B',
    });
    expect(parseScoreHistoryEntry('||')).toBeNull();
    expect(parseScoreHistoryEntry('2026-01-01|x|B|v')).toBeNull();
  });
});
