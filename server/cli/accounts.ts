/**
 * `npm run accounts -- create --username NAME --role ROLE [--org CODE]`: creates an account from the command line,
 * which is how the first admin of a production installation (no demo accounts) comes to exist. The password is
 * read from ACCOUNT_PASSWORD or generated and printed once. `npm run accounts -- list` lists accounts.
 * Exit codes: 0 done, 1 could not run, 2 usage.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isPortfolioScoped, ROLES, type Role } from '../../domain/access/roles.ts';
import { servicesUp } from '../../infra/local-services.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createServices } from '../services.ts';

const USAGE = `usage: npm run accounts -- create --username NAME --role ${ROLES.join('|')} [--org CODE]
       npm run accounts -- list`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create' && command !== 'list') {
    console.error(USAGE);
    return 2;
  }
  const role = values.role as Role | undefined;
  if (command === 'create') {
    const problems = [
      !values.username && '--username is required',
      (!role || !ROLES.includes(role)) && `--role must be one of ${ROLES.join(', ')}`,
      role && isPortfolioScoped(role) && !values.org && `--org is required for role ${role}`,
    ].filter(Boolean);
    if (problems.length > 0) {
      console.error(`${problems.join('\n')}\n${USAGE}`);
      return 2;
    }
  }
  const cfg = loadConfig();
  await servicesUp(cfg, (m) => console.error(m));
  const services = await createServices(cfg, createLogger(cfg));
  try {
    await services.gateway.applySchema();
    if (command === 'list') {
      for (const a of await services.access.accounts.list(null, 10_000)) {
        console.log(`${a.username}\t${a.role}\t${a.org ?? '-'}\t${a.disabled ? 'disabled' : 'active'}`);
      }
      return 0;
    }
    const given = process.env.ACCOUNT_PASSWORD;
    if (given !== undefined && given.length < 10) {
      console.error('ACCOUNT_PASSWORD must be at least 10 characters');
      return 2;
    }
    const password = given ?? randomBytes(12).toString('base64url');
    const account = await services.access.accounts.create({
      username: values.username as string,
      password,
      role: role as Role,
      org: values.org ?? null,
    });
    console.log(`created ${account.username} (${account.role}${account.org ? `, ${account.org}` : ''})`);
    if (given === undefined) console.log(`password: ${password}   (shown once; change it after signing in)`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await services.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
