/**
 * Demo accounts for `npm start` on a workstation (DEMO_ACCOUNTS, on unless NODE_ENV=production): one per role,
 * with random passwords kept in <DATA_DIR>/demo-accounts.json (owner-only) so the same ones print at every
 * start. Never in production: there the first admin is created with `npm run accounts -- create`.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../../domain/access/roles.ts';
import type { Services } from '../services.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  org: string | null;
}

const DEMO_ORG = 'DEMO-BANK';

export async function ensureDemoAccounts(services: Services): Promise<DemoAccount[]> {
  const file = path.join(services.cfg.paths.data, 'demo-accounts.json');
  const saved: DemoAccount[] = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  const out: DemoAccount[] = [];
  for (const role of ROLES) {
    const username = `demo-${role.replace('_', '-')}`;
    const known = saved.find((a) => a.username === username);
    const demo: DemoAccount = {
      username,
      password: known?.password ?? randomBytes(9).toString('base64url'),
      role,
      org: role === 'bank' ? DEMO_ORG : null,
    };
    const existing = (await services.access.accounts.list(null, 1000)).find((a) => a.username === username);
    if (!existing) await services.access.accounts.create(demo);
    else if (!known) await services.access.accounts.update(existing.id, { password: demo.password });
    out.push(demo);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  return out;
}

export function describeDemoAccounts(accounts: DemoAccount[]): string {
  const rows = accounts.map((a) => `    ${a.role.padEnd(14)} ${a.username.padEnd(20)} ${a.password}`);
  return `  Demo accounts (DEMO_ACCOUNTS=false turns them off; passwords in ${'<DATA_DIR>'}/demo-accounts.json):\n${rows.join('\n')}`;
}
