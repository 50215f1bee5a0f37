/** `npm run soak -- …` flags: parsing and validation (commander), with a clear error for each bad value. */
import { Command, InvalidArgumentError } from 'commander';
import { integerIn } from '../bench/options';

/** Everything a soak run is told. */
export interface SoakOptions {
  nodes: number;
  daemonsets: number;
  seed: number;
  clients: number;
  slowClients: number;
  eventsPerSecond: number;
  minutes: number;
  warmupSeconds: number;
  sampleSeconds: number;
  slowStallSeconds: number;
  rssSlopeMbPerMin: number;
  latencyBudgetMs: number;
  simSpeed: number;
  json?: string;
  profile?: string;
  verbose: boolean;
}

function positiveIn(label: string, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
      throw new InvalidArgumentError(`${label} must be a number above 0 and at most ${max}, got "${text}".`);
    }
    return value;
  };
}

/** The command definition; `exitOverride` makes errors throw instead of exiting (tests). */
export function soakCommand(exitOverride = false): Command {
  const command = new Command()
    .name('npm run soak --')
    .description('Soak the dashboard: many stream clients (a few deliberately slow) while the simulated cluster changes at a steady event rate; checks memory, drops, convergence and delivery latency.')
    .option('--nodes <n>', 'nodes in the simulated fleet', integerIn('--nodes', 1, 100_000), 1_000)
    .option('--daemonsets <m>', 'DaemonSets in the simulated fleet', integerIn('--daemonsets', 1, 500), 20)
    .option('--seed <s>', 'seed of the scale scenario and of the order pods are flipped in', integerIn('--seed', 0, 2 ** 31 - 1), 1)
    .option('--clients <n>', 'stream clients in all, slow ones included', integerIn('--clients', 1, 5_000), 200)
    .option('--slow-clients <n>', 'of those, clients that stall reading (they should be resynced, not slow the others)', integerIn('--slow-clients', 0, 5_000), 5)
    .option('--events-per-second <n>', 'watch events per second to drive at the dashboard', integerIn('--events-per-second', 1, 100_000), 1_000)
    .option('--minutes <m>', 'how long to drive the load', positiveIn('--minutes', 24 * 60), 10)
    .option('--warmup-seconds <s>', 'memory samples before this are left out of the trend', integerIn('--warmup-seconds', 0, 86_400), 120)
    .option('--sample-seconds <s>', 'seconds between memory samples', positiveIn('--sample-seconds', 600), 5)
    .option('--slow-stall-seconds <s>', 'how long a slow client stops reading at a time (it then reads for 5 s, and stalls again)', positiveIn('--slow-stall-seconds', 3_600), 300)
    .option('--rss-slope-mb-per-min <x>', 'the RSS trend after warm-up that still counts as flat', positiveIn('--rss-slope-mb-per-min', 1_000), 2)
    .option('--latency-budget-ms <ms>', "the normal clients' delivery p99 that passes", integerIn('--latency-budget-ms', 1, 600_000), 1_000)
    .option('--sim-speed <x>', "the simulated cluster's clock speed", positiveIn('--sim-speed', 10_000), 1)
    .option('--json <file>', 'write every figure to this JSON file')
    .option('--profile <dir>', "write CPU profiles of the dashboard's processes (node --cpu-prof) to this directory")
    .option('--verbose', "print the simulator's and the dashboard's output", false)
    .allowExcessArguments(false)
    .showHelpAfterError();
  if (exitOverride) command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return command;
}

/** Parses user arguments (without `node script`); slow clients must leave at least one normal one. */
export function parseSoakOptions(args: readonly string[], exitOverride = false): SoakOptions {
  const command = soakCommand(exitOverride);
  command.parse([...args], { from: 'user' });
  const options = command.opts<SoakOptions>();
  if (options.slowClients >= options.clients) {
    const message = `--slow-clients (${options.slowClients}) must be fewer than --clients (${options.clients}): at least one normal client is needed.`;
    if (exitOverride) throw new InvalidArgumentError(message);
    command.error(`error: ${message}`);
  }
  return options;
}
