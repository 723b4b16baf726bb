/**
 * The CPU time a server spends on what the bench asks of it, read from Linux's /proc: the process tree under the
 * server's own process (a primary and its workers) and every PostgreSQL process (the database is the bench's own).
 * Null where /proc cannot be read.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ticks per process, of the processes counted. */
export type CpuReading = ReadonlyMap<number, number>;

const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  } catch {
    return 10;
  }
})();

interface Process {
  readonly ppid: number;
  readonly ticks: number;
  readonly name: string;
}

function processes(): Map<number, Process> | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const found = new Map<number, Process>();
  for (const entry of entries) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      // After the name: state, ppid, ... utime (the 12th) and stime (the 13th).
      const fields = stat.slice(close + 2).split(' ');
      found.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), name: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // Ended while listed.
    }
  }
  return found;
}

/** What the server under `root` and PostgreSQL have spent so far. */
export function cpuReading(root: number | undefined): CpuReading | null {
  const all = processes();
  if (!all || root === undefined) return null;
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(pid);
    else children.set(p.ppid, [pid]);
  }
  const counted = new Map<number, number>();
  const visit = (pid: number) => {
    const p = all.get(pid);
    if (!p || counted.has(pid)) return;
    counted.set(pid, p.ticks);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  for (const [pid, p] of all) if (p.name === 'postgres') counted.set(pid, p.ticks);
  return counted;
}

/** Milliseconds of CPU between two readings (a process started in between counts from zero). */
export function cpuMsBetween(before: CpuReading, after: CpuReading): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * TICK_MS;
}
