/**
 * Child processes the bench starts, each in its own process group (detached), so stopping one stops
 * everything it forked (`next start` forks next-server; killing only its pid would orphan it). Every
 * group is registered, and stopped on normal exit, on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A started command and its output, line by line. */
export interface Managed {
  name: string;
  /** The pid of the group leader, which is also the process group id. */
  pgid: number;
  child: ChildProcess;
  /** Resolves with the first output line matching `pattern`; rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** The last lines of output (for error messages). */
  tail(): string;
  /** SIGTERM to the group, SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const running = new Set<Managed>();
const TAIL_LINES = 40;

/** Starts `command args` in a new process group; output is kept and, if `echo`, printed with a prefix. */
export function startManaged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, echo: boolean): Managed {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pgid = child.pid;
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let exited: string | undefined;
  const onData = (buffer: Buffer) => {
    for (const line of buffer.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      if (echo) console.log(`  [${name}] ${line}`);
      for (const listener of listeners) listener(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
  });
  const managed: Managed = {
    name,
    pgid,
    child,
    tail: () => lines.join('\n'),
    waitForLine: (pattern, timeoutMs) => waitForLine(managed, pattern, timeoutMs, lines, listeners, exit, () => exited),
    stop: async () => {
      running.delete(managed);
      if (exited !== undefined) {
        killGroup(pgid, 'SIGKILL'); // a child it forked may outlive it
        return;
      }
      killGroup(pgid, 'SIGTERM');
      const grace = setTimeout(() => killGroup(pgid, 'SIGKILL'), 5_000);
      await exit;
      clearTimeout(grace);
      killGroup(pgid, 'SIGKILL');
    },
  };
  running.add(managed);
  return managed;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

function waitForLine(
  managed: Managed,
  pattern: RegExp,
  timeoutMs: number,
  seen: readonly string[],
  listeners: Set<(line: string) => void>,
  exit: Promise<void>,
  exited: () => string | undefined,
): Promise<string> {
  const already = seen.find((line) => pattern.test(line));
  if (already !== undefined) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      listeners.delete(listener);
    };
    const listener = (line: string) => {
      if (!pattern.test(line)) return;
      done();
      resolve(line);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${managed.name}: no line matching ${pattern} within ${timeoutMs} ms; last output:\n${managed.tail()}`));
    }, timeoutMs);
    listeners.add(listener);
    void exit.then(() => {
      done();
      reject(new Error(`${managed.name} ${exited() ?? 'exited'} before printing ${pattern}; last output:\n${managed.tail()}`));
    });
  });
}

/** Stops every group still running (in reverse start order: the dashboard before its cluster). */
export async function stopAll(): Promise<void> {
  for (const managed of [...running].reverse()) await managed.stop();
}

/** Stops everything on Ctrl-C / SIGTERM, then exits with 130 / 143. */
export function stopAllOnSignals(cleanups: (() => Promise<void>)[]): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`\nbench: ${signal}, stopping what it started…`);
    void Promise.allSettled(cleanups.map((cleanup) => cleanup()))
      .then(() => stopAll())
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  // Last resort if the process exits some other way: synchronous kills only.
  process.on('exit', () => {
    for (const managed of running) killGroup(managed.pgid, 'SIGKILL');
  });
}
