/** The machine a run happened on, recorded beside the figures so runs can be compared. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';

function commandVersion(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'not found';
  }
}

/** nproc, memory, CPU model, Node, Chromium and kubectl versions, and the time of the run. */
export function describeMachine(): Record<string, string | number> {
  return {
    nproc: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    chromium: commandVersion('/usr/bin/chromium', ['--version']),
    kubectl: commandVersion('kubectl', ['version', '--client']).replace('Client Version: ', ''),
    at: new Date().toISOString(),
  };
}
