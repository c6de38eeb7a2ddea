import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES, type AlertStatus } from '../../../../domain/alerts/types.ts';
import {
  ALERT_TRANSITIONS,
  applyChange,
  checkTransition,
  isClosed,
} from '../../../../domain/alerts/workflow.ts';

const by = { actor: 'acc-1', at: '2026-01-01T00:00:00Z' };

describe('alert workflow', () => {
  it('follows open → acknowledged → investigating → confirmed', () => {
    let state = { status: 'open' as AlertStatus, assignee: null as string | null };
    for (const next of ['acknowledged', 'investigating', 'confirmed'] as const) {
      const r = applyChange(state, { status: next }, by);
      expect(r.ok).toBe(true);
      if (r.ok) state = { status: r.status, assignee: r.assignee };
    }
    expect(state.status).toBe('confirmed');
  });

  it('refuses confirming without an investigation, naming the allowed moves', () => {
    const r = checkTransition('open', 'confirmed');
    expect(r).toMatchObject({ ok: false, code: 'ALERT_TRANSITION_INVALID' });
    if (!r.ok) expect(r.allowed).toEqual(['acknowledged', 'investigating', 'dismissed']);
  });

  it('closed alerts accept no transition and no reassignment', () => {
    for (const closed of ['confirmed', 'dismissed'] as const) {
      expect(isClosed(closed)).toBe(true);
      for (const to of ALERT_STATUSES)
        if (to !== closed)
          expect(checkTransition(closed, to)).toMatchObject({ ok: false, code: 'ALERT_CLOSED' });
      expect(applyChange({ status: closed, assignee: null }, { assignee: 'x' }, by)).toMatchObject({
        ok: false,
        code: 'ALERT_CLOSED',
      });
    }
  });

  it('every open status can be dismissed; no status moves back to open', () => {
    for (const s of ALERT_STATUSES) {
      if (!isClosed(s)) expect(ALERT_TRANSITIONS[s]).toContain('dismissed');
      expect(ALERT_TRANSITIONS[s]).not.toContain('open');
    }
  });

  it('records one history entry per change, with the note on the last', () => {
    const r = applyChange(
      { status: 'open', assignee: null },
      { status: 'investigating', assignee: 'analyst-2', note: 'looking at the holder' },
      by,
    );
    expect(r.ok && r.entries).toEqual([
      { ...by, action: 'status', from: 'open', to: 'investigating' },
      { ...by, action: 'assign', from: null, to: 'analyst-2', note: 'looking at the holder' },
    ]);
    // Nothing changes: nothing is recorded.
    expect(applyChange({ status: 'open', assignee: 'a' }, { status: 'open', assignee: 'a' }, by)).toEqual({
      ok: true,
      status: 'open',
      assignee: 'a',
      entries: [],
    });
  });
});
