/** `npm run bench -- …` flags: parsing and validation (commander), with clear errors for bad values. */
import { Command, InvalidArgumentError } from 'commander';

/** The phases a run can skip. */
export const PHASES = ['model', 'server', 'browser', 'fanout', 'question', 'churn'] as const;

/** One of {@link PHASES}. */
export type Phase = (typeof PHASES)[number];

/** Everything a bench run is told. */
export interface BenchOptions {
  nodes: number;
  daemonsets: number;
  seed: number;
  json?: string;
  churnSeconds: number;
  simSpeed: number;
  maxUnavailable: string;
  probes: number;
  rebuilds: number;
  skip: Phase[];
  verbose: boolean;
}

/** A commander parser for a whole number within [min, max], with a message naming the flag. */
export function integerIn(label: string, min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`${label} must be a whole number from ${min} to ${max}, got "${text}".`);
    }
    return value;
  };
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`must be a positive number, got "${text}".`);
  return value;
}

function intOrPercent(text: string): string {
  if (!/^(\d+|\d+%)$/.test(text) || /^0+%?$/.test(text)) throw new InvalidArgumentError(`must be a positive count or percentage like 20%, got "${text}".`);
  return text;
}

function phaseList(text: string): Phase[] {
  const phases = text.split(',').map((phase) => phase.trim()).filter((phase) => phase !== '');
  const unknown = phases.filter((phase) => !(PHASES as readonly string[]).includes(phase));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown phase ${unknown.join(', ')}; phases are ${PHASES.join(', ')}.`);
  return phases as Phase[];
}

/** The command definition; `exitOverride` makes errors throw instead of exiting (tests). */
export function benchCommand(exitOverride = false): Command {
  const command = new Command()
    .name('npm run bench --')
    .description('Measure Daemonscope at fleet scale: server, browser, fan-out, and kubectl for comparison.')
    .option('--nodes <n>', 'nodes in the simulated fleet', integerIn('--nodes', 1, 200_000), 5_000)
    .option('--daemonsets <m>', 'DaemonSets in the simulated fleet', integerIn('--daemonsets', 1, 500), 50)
    .option('--seed <s>', 'seed of the scale scenario and fixture', integerIn('--seed', 0, 2 ** 31 - 1), 1)
    .option('--json <file>', 'write every figure to this JSON file')
    .option('--churn-seconds <s>', 'seconds of rolling updates before the second RSS reading (the issue asks for 600)', integerIn('--churn-seconds', 0, 86_400), 60)
    .option('--sim-speed <x>', "the simulated cluster's clock speed", positiveNumber, 1)
    .option('--max-unavailable <n>', 'maxUnavailable of the churn rollouts', intOrPercent, '20%')
    .option('--probes <n>', 'cell changes timed for event → pixel (two samples each)', integerIn('--probes', 1, 1_000), 15)
    .option('--rebuilds <n>', 'timed full FleetModel rebuilds (after three warm-up ones)', integerIn('--rebuilds', 1, 100), 9)
    .option('--skip <phases>', `comma-separated phases to skip: ${PHASES.join(', ')}`, phaseList, [])
    .option('--verbose', "print the simulator's and the dashboard's output", false)
    .allowExcessArguments(false)
    .showHelpAfterError();
  if (exitOverride) command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return command;
}

/** Parses user arguments (without `node script`). */
export function parseBenchOptions(args: readonly string[], exitOverride = false): BenchOptions {
  const command = benchCommand(exitOverride);
  command.parse([...args], { from: 'user' });
  return command.opts<BenchOptions>();
}
