/** What every phase of a run shares: options, the figures being filled, logging and cleanups. */
import type { BenchFigures } from './figures';
import type { BenchOptions } from './options';

/** The state of one bench run. */
export interface RunContext {
  options: BenchOptions;
  figures: BenchFigures;
  /** The repository root (where package.json and .next are). */
  root: string;
  log: (line: string) => void;
  /** Logs and records a note in the JSON (why a figure is null, what looked wrong). */
  note: (text: string) => void;
  /** Run on exit, failure or Ctrl-C, before the child processes are stopped. */
  cleanups: (() => Promise<void>)[];
  /** Phases that threw. */
  failures: string[];
}

/** Runs one phase; an error becomes a note and a failure, never a crash of the whole run. */
export async function phase<T>(context: RunContext, name: string, body: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  context.log(`\n== ${name} ==`);
  try {
    const result = await body();
    context.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.failures.push(name);
    context.note(`${name} failed: ${message}`);
    return undefined;
  }
}
