// A busy computer as part of an evaluation's conditions: `--load N` keeps N CPU cores busy for the run
// (other programs on a hiring manager's laptop during a call). Each load is a child process spinning
// until its own deadline, so none outlives the run by more than `maxS` even if this process is killed
// hard; the run stops them when it ends, whatever happens.
import { spawn } from 'node:child_process';

/**
 * Starts `n` processes that each keep a core busy, for at most `maxS` seconds (default 4 h). Returns
 * `stop()`, also called on this process's exit and on SIGINT/SIGTERM.
 */
export function startCpuLoad(n, { maxS = 4 * 3600 } = {}) {
  const count = Math.max(0, Math.floor(Number(n) || 0));
  const kids = Array.from({ length: count }, () =>
    spawn(
      process.execPath,
      ['-e', `const end = Date.now() + ${Math.round(maxS * 1000)}; while (Date.now() < end) {}`],
      {
        stdio: 'ignore',
      },
    ),
  );
  const stop = () => {
    for (const k of kids) if (k.exitCode === null && k.signalCode === null) k.kill('SIGKILL');
  };
  const onSignal = (sig) => {
    stop();
    process.kill(process.pid, sig);
  };
  if (count > 0) {
    process.once('exit', stop);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { count, pids: kids.map((k) => k.pid), stop };
}

/** The `--load` option every evaluation and the bench take. */
export const LOAD_OPTION = { load: { type: 'string', default: '0' } };
