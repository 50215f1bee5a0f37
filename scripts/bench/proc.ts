/**
 * Memory of a process tree from /proc (Linux): VmRSS of every process in a process group, which is
 * how the bench sees `next start` together with the next-server child it forks.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/PID/stat the bench needs. */
export interface StatFields {
  pid: number;
  comm: string;
  ppid: number;
  pgrp: number;
  /** utime + stime in clock ticks (fields 14 and 15), when the line has them. */
  cpuTicks?: number;
}

/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux for every architecture the bench runs on). */
const TICKS_PER_SECOND = 100;

/** Parses /proc/PID/stat; `comm` may hold spaces and parentheses, so fields are read after the last ')'. */
export function parseStat(text: string): StatFields | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  const pgrp = Number(rest[2]);
  if (![pid, ppid, pgrp].every(Number.isInteger)) return undefined;
  const cpuTicks = Number(rest[11]) + Number(rest[12]);
  return { pid, comm: text.slice(open + 1, close), ppid, pgrp, ...(Number.isFinite(cpuTicks) ? { cpuTicks } : {}) };
}

/** VmRSS of /proc/PID/status in kB; undefined for kernel threads and zombies, which have none. */
export function parseVmRssKb(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** One process's resident memory. */
export interface ProcessRss {
  pid: number;
  comm: string;
  rssMB: number;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process exited between readdir and read
  }
}

/**
 * CPU seconds (user + system) used so far by the live processes of a process group. On a machine
 * shared with other work, wall-clock figures stretch with the load; CPU seconds much less so.
 */
export function processGroupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = parseStat(readOrUndefined(`/proc/${entry}/stat`) ?? '');
    if (stat?.pgrp === pgid) ticks += stat.cpuTicks ?? 0;
  }
  return ticks / TICKS_PER_SECOND;
}

/** Every live process whose process group is `pgid`, with its RSS in MB (1 MB = 2^20 bytes). */
export function processGroupRss(pgid: number): ProcessRss[] {
  const result: ProcessRss[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = parseStat(readOrUndefined(`/proc/${entry}/stat`) ?? '');
    if (stat?.pgrp !== pgid) continue;
    const kb = parseVmRssKb(readOrUndefined(`/proc/${entry}/status`) ?? '');
    if (kb !== undefined) result.push({ pid: stat.pid, comm: stat.comm, rssMB: kb / 1024 });
  }
  return result;
}

/** Total RSS (MB) of a process group, or null when none of its processes is alive. */
export function totalRssMB(processes: readonly ProcessRss[]): number | null {
  return processes.length === 0 ? null : processes.reduce((sum, process) => sum + process.rssMB, 0);
}
