import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  can,
  isPortfolioScoped,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
} from '../../../domain/access/roles.ts';

describe('role permissions', () => {
  it('gives admins everything and keeps audit, accounts and imports away from banks and analysts', () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can('admin', p)).toBe(true);
    for (const role of ['bank', 'analyst'] as const) {
      for (const p of ['audit:read', 'accounts:manage', 'imports:write', 'punishment:decide'] as const) {
        expect(can(role, p), `${role} ${p}`).toBe(false);
      }
    }
    expect(can('bank', 'detectors:read')).toBe(false);
    expect(can('analyst', 'subjects:lookup-person-id')).toBe(false);
    expect(can('credit_office', 'punishment:decide')).toBe(true);
    expect(ROLES.filter(isPortfolioScoped)).toEqual(['bank']);
  });

  it('names only known permissions', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toHaveProperty(p);
  });

  it('is the table the README shows', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const block = readme.split('<!-- permissions:start -->')[1]?.split('<!-- permissions:end -->')[0] ?? '';
    const rows = block
      .trim()
      .split('\n')
      .slice(2)
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const header = block
      .trim()
      .split('\n')[0]
      ?.split('|')
      .slice(2, 2 + ROLES.length)
      .map((c) => c.trim());
    expect(header).toEqual([...ROLES]);
    const shown = Object.fromEntries(
      rows.map((r) => [r[0]?.replaceAll('`', ''), r.slice(1, 1 + ROLES.length)]),
    );
    const expected = Object.fromEntries(
      (Object.keys(PERMISSIONS) as Permission[]).map((p) => [
        p,
        ROLES.map((role) => (can(role, p) ? '✓' : '')),
      ]),
    );
    expect(shown).toEqual(expected);
  });
});
