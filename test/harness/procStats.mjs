// @ts-check
// CPU time and memory of Chromium's processes, read from /proc (Linux). Used by the bench to
// attribute cost to the extension's renderer (analyzer frame) and the call page's renderer.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

/** @param {number} pid */
function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/**
 * Chromium processes under `rootPid`, labelled: 'extension' renderer, other 'renderer', 'gpu', 'browser'.
 * @param {number} rootPid
 */
export function chromiumProcesses(rootPid) {
  /** @type {{ pid: number, kind: string }[]} */
  const out = [];
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* gone */
    }
  }
  const stack = [rootPid];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    const args = cmdline(pid);
    if (args) {
      // Chromium rewrites its children's command lines into one space-separated string.
      const line = args.join(' ');
      const type = /--type=([a-z-]+)/.exec(line)?.[1] ?? 'browser';
      const kind = type === 'renderer' && line.includes('--extension-process') ? 'extension' : type;
      out.push({ pid, kind });
    }
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/**
 * The browser (root) process started with `--user-data-dir=<dir>`.
 * @param {string} userDataDir
 * @returns {number}
 */
export function browserPidFor(userDataDir) {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const args = cmdline(Number(d));
    if (
      args &&
      args.includes(`--user-data-dir=${userDataDir}`) &&
      !args.some((a) => a.startsWith('--type='))
    ) {
      return Number(d);
    }
  }
  throw new Error(`no Chromium process with --user-data-dir=${userDataDir}`);
}

/**
 * User + system CPU seconds of a process so far.
 * @param {number} pid
 */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size in MB (shared pages split between the processes that map them).
 * @param {number} pid
 */
export function pssMB(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
