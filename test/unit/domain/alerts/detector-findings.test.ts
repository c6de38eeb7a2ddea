import { describe, expect, it } from 'vitest';
import {
  diffFindings,
  type FindingThresholds,
  findingKey,
  fingerprintFindings,
  growthBand,
  type RawFinding,
  type StoredFinding,
} from '../../../../domain/alerts/detector-findings.ts';
import { evaluateFindingChange, findingThresholds } from '../../../../domain/alerts/evaluate-findings.ts';
import type { SubjectInfo, WatchHit } from '../../../../domain/alerts/types.ts';
import { ALERT_RULE_CATALOGUE, parseAlertRuleCatalogue } from '../../../../domain/catalogues/alert-rules.ts';

const t: FindingThresholds = {
  circularMinMembers: 2,
  nomineeMinOrganisations: 10,
  shellMinSize: 3,
  shellGrowthSteps: [10, 20],
};
const orgs = (n: number, prefix = 'o') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const loop = (members: string[]): RawFinding => ({
  detector: 'circular_shareholding',
  members,
  size: members.length,
  strength: 0.25,
  cycle: [...members, members[0]!],
  cycleStakes: members.map(() => 50),
});
const nominee = (person: string, seats: number): RawFinding => ({
  detector: 'professional_nominee',
  members: [person, ...orgs(seats)],
  size: seats,
  strength: 0.5,
});
const shell = (members: string[]): RawFinding => ({
  detector: 'shell_cluster',
  members,
  size: members.length,
  strength: 1 / 3,
});
const stored = (raw: RawFinding[]): StoredFinding[] => fingerprintFindings(raw, t);

describe('finding fingerprints', () => {
  it('keys are stable under member order; a nominee is keyed by the person', () => {
    expect(findingKey('circular_shareholding', ['b', 'a'])).toBe(
      findingKey('circular_shareholding', ['a', 'b']),
    );
    expect(findingKey('circular_shareholding', ['a', 'b'])).not.toBe(findingKey('shell_cluster', ['a', 'b']));
    expect(findingKey('professional_nominee', ['p1', 'x', 'y'])).toBe('pn:p1');
  });

  it('drops findings below the rules’ thresholds and duplicates', () => {
    const out = fingerprintFindings(
      [loop(['a', 'b']), loop(['b', 'a']), nominee('p1', 9), nominee('p2', 10), shell(['s1', 's2'])],
      t,
    );
    expect(out.map((f) => f.detector).sort()).toEqual(['circular_shareholding', 'professional_nominee']);
    expect(out.find((f) => f.detector === 'professional_nominee')!.members[0]).toBe('p2');
  });

  it('growth bands count the steps passed', () => {
    expect([3, 9, 10, 19, 20, 500].map((s) => growthBand(s, [10, 20]))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('diffFindings', () => {
  it('everything is new against an empty store; nothing is new against itself', () => {
    const raw = [loop(['a', 'b', 'c']), nominee('p1', 12), shell(['s1', 's2', 's3'])];
    const current = fingerprintFindings(raw, t);
    expect(diffFindings(current, [], t).map((c) => c.reason)).toEqual(['new', 'new', 'new']);
    expect(diffFindings(current, stored(raw), t)).toEqual([]);
  });

  it('a loop with changed membership is a new loop', () => {
    const prev = stored([loop(['a', 'b'])]);
    const changes = diffFindings(fingerprintFindings([loop(['a', 'b', 'c'])], t), prev, t);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ reason: 'new', finding: { members: ['a', 'b', 'c'] } });
  });

  it('a nominee raises once, when first reaching the threshold; more seats raise nothing', () => {
    expect(diffFindings(fingerprintFindings([nominee('p1', 9)], t), [], t)).toEqual([]);
    const crossed = diffFindings(fingerprintFindings([nominee('p1', 10)], t), [], t);
    expect(crossed.map((c) => c.finding.key)).toEqual(['pn:p1']);
    const prev = stored([nominee('p1', 10)]);
    expect(diffFindings(fingerprintFindings([nominee('p1', 30)], t), prev, t)).toEqual([]);
  });

  it('a shell cluster growing by a member is the same cluster until it passes a growth step', () => {
    const prev = stored([shell(orgs(5, 's'))]);
    expect(diffFindings(fingerprintFindings([shell(orgs(6, 's'))], t), prev, t)).toEqual([]);
    expect(diffFindings(fingerprintFindings([shell(orgs(9, 's'))], t), prev, t)).toEqual([]);
    const grown = diffFindings(fingerprintFindings([shell(orgs(10, 's'))], t), prev, t);
    expect(grown).toHaveLength(1);
    expect(grown[0]).toMatchObject({ reason: 'grown', previousSize: 5, finding: { size: 10 } });
    // Already past 10: growing to 15 is not another step.
    const prev10 = stored([shell(orgs(10, 's'))]);
    expect(diffFindings(fingerprintFindings([shell(orgs(15, 's'))], t), prev10, t)).toEqual([]);
  });

  it('a shell cluster sharing no member with a stored one is new; two merging clusters compare to the larger', () => {
    const prev = stored([shell(orgs(4, 'x')), shell(orgs(8, 'y'))]);
    const fresh = diffFindings(fingerprintFindings([shell(orgs(3, 'z'))], t), prev, t);
    expect(fresh.map((c) => c.reason)).toEqual(['new']);
    const merged = diffFindings(fingerprintFindings([shell([...orgs(4, 'x'), ...orgs(8, 'y')])], t), prev, t);
    expect(merged).toMatchObject([{ reason: 'grown', previousSize: 8 }]);
  });
});

describe('evaluateFindingChange', () => {
  const subjects = new Map<string, SubjectInfo>(
    ['a', 'b', 'c'].map((id) => [id, { id, name: `公司${id}`, kind: 'enterprise' }]),
  );
  const watched: SubjectInfo = { id: 'w', name: '借款人', kind: 'enterprise' };
  const hit = (watchlistId: string, hops: number): WatchHit => ({
    watchlistId,
    org: 'BANK-A',
    ownerAccount: 'acc',
    depth: 2,
    watched,
    hops,
    path: {
      kind: 'watch',
      nodes: [watched, subjects.get('a')!],
      links: [{ type: 'SHAREHOLDER', reversed: false }],
    },
  });
  const [change] = diffFindings(fingerprintFindings([loop(['a', 'b', 'c'])], t), [], t);

  it('raises one general alert with the members and the loop as evidence, and one per watchlist', () => {
    const out = evaluateFindingChange(ALERT_RULE_CATALOGUE, change!, subjects, [
      hit('WL-1', 1),
      hit('WL-1', 2),
    ]);
    expect(out).toHaveLength(2);
    const general = out.find((c) => c.org === null)!;
    expect(general).toMatchObject({
      rule: 'new_circular_shareholding',
      severity: 'high',
      subjectIds: ['a', 'b', 'c'],
    });
    expect(general.dedupKey).toBe(`general|finding:${change!.finding.key}`);
    expect(general.messageZh).toContain('公司a等3家主体相互持股');
    expect(general.messageEn).toContain('stake product round the loop 25%');
    expect(general.evidence[0]!.kind).toBe('circular_shareholding');
    expect(general.evidence[0]!.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'a']);
    expect(general.evidence[0]!.links[0]).toMatchObject({ type: 'SHAREHOLDER', stakePct: 50 });
    const bank = out.find((c) => c.watchlistId === 'WL-1')!;
    expect(bank.subjectIds).toEqual(['a', 'b', 'c', 'w']);
    expect(bank.evidence.map((p) => p.kind)).toEqual(['watch', 'circular_shareholding']);
    expect(bank.params.subjects).toEqual({ subjectName: 'a', watchedName: 'w' });
  });

  it('nominee and grown shell messages; a disabled rule raises nothing', () => {
    const [n] = diffFindings(fingerprintFindings([nominee('a', 11)], t), [], t);
    const [nom] = evaluateFindingChange(ALERT_RULE_CATALOGUE, n!, subjects, []);
    expect(nom!.messageEn).toContain('公司a holds legal-representative or officer seats in 11 organisations');
    expect(nom!.messageZh).toContain('阈值10家');
    const [g] = diffFindings(
      fingerprintFindings([shell(orgs(10, 's'))], t),
      stored([shell(orgs(5, 's'))]),
      t,
    );
    const [sh] = evaluateFindingChange(ALERT_RULE_CATALOGUE, g!, subjects, []);
    expect(sh!.messageZh).toContain('疑似空壳企业群由5家扩大到10家');
    expect(sh!.evidence[0]!.links).toEqual([]);
    const off = structuredClone(ALERT_RULE_CATALOGUE);
    off.rules.new_circular_shareholding.enabled = false;
    expect(evaluateFindingChange(off, change!, subjects, [hit('WL-1', 0)])).toEqual([]);
  });

  it('the catalogue with the new rules validates, thresholds map to the diff', () => {
    expect(parseAlertRuleCatalogue(structuredClone(ALERT_RULE_CATALOGUE)).ok).toBe(true);
    const bad = structuredClone(ALERT_RULE_CATALOGUE) as unknown as {
      rules: { new_shell_cluster: { growthSteps: number[]; template: { en: string } } };
    };
    bad.rules.new_shell_cluster.growthSteps = [20, 10];
    bad.rules.new_shell_cluster.template.en = '{clusterName}';
    const res = parseAlertRuleCatalogue(bad);
    expect(res.ok).toBe(false);
    expect(findingThresholds(ALERT_RULE_CATALOGUE)).toEqual({
      circularMinMembers: 2,
      nomineeMinOrganisations: 10,
      shellMinSize: 5,
      shellGrowthSteps: [10, 20, 50, 100],
    });
  });
});
