/**
 * One measurement in a child process: the parent sends a spec, the child answers with its result and exits. The
 * load generators run this way so their own CPU work never shares the event loop of the process under test.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Forks `moduleUrl` with `flag`, sends it `spec` and resolves with the one message it sends back. */
export function runInChild<S, R>(moduleUrl: string, flag: string, spec: S): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(moduleUrl), [flag], { execArgv: ['--import', 'tsx'] });
    child.once('message', (result) => resolve(result as R));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${flag} process exited with ${code}`));
    });
    child.send(spec as object);
  });
}

/** In the child started by `runInChild`: answers the spec with `work`'s result, then exits. */
export function serveChild<S, R>(flag: string, work: (spec: S) => Promise<R>): void {
  if (!process.argv.includes(flag) || !process.send) return;
  process.once('message', async (spec) => {
    const result = await work(spec as S);
    process.send!(result, () => process.exit(0));
  });
}
