/** `npm run services:up | services:down | services:status` */
import { ConfigError, loadConfig } from '../server/config.ts';
import { servicesDown, servicesStatus, servicesUp } from './local-services.ts';
import { ServiceError } from './services.ts';

const log = (m: string) => console.log(`[services] ${m}`);

async function main(command: string | undefined): Promise<number> {
  const cfg = loadConfig();
  switch (command) {
    case 'up':
      await servicesUp(cfg, log);
      return 0;
    case 'down':
      await servicesDown(cfg, log);
      return 0;
    case 'status': {
      const all = await servicesStatus(cfg);
      for (const s of all) {
        console.log(
          `${s.name.padEnd(6)} ${s.running ? 'running' : 'stopped'}  port ${s.port}  ${s.pid ? `pid ${s.pid}` : 'no pid of ours'}`,
        );
      }
      return all.every((s) => s.running) ? 0 : 3;
    }
    default:
      console.error('usage: services-cli up|down|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ServiceError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
