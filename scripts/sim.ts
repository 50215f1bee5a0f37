/**
 * `npm run sim -- --port P [--scenario demo|scale|empty] [--nodes N] [--daemonsets M] [--seed S]
 * [--speed X] [--host 127.0.0.1]`: the simulated Kubernetes cluster alone, until killed.
 *
 * The simulator's modules are marked `server-only`, which resolves to an empty module only under the
 * `react-server` export condition; so this script re-runs itself with that condition when it lacks it.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';

// SCENARIOS of server/simulator/scenarios/scenario.ts, which cannot load before the re-exec below.
const SCENARIO_NAMES = ['demo', 'scale', 'empty'] as const;
type Scenario = (typeof SCENARIO_NAMES)[number];

/** Parsed command line. */
interface SimOptions {
  port: number;
  scenario: Scenario;
  nodes?: number;
  daemonsets?: number;
  seed?: number;
  speed: number;
  host: string;
}

function integer(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}

function speed(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0 || parsed > 10_000) {
    throw new InvalidArgumentError(`speed must be a number above 0 (at most 10000), got "${value}".`);
  }
  return parsed;
}

function scenario(value: string): Scenario {
  const found = SCENARIO_NAMES.find((name) => name === value);
  if (found === undefined) throw new InvalidArgumentError(`scenario must be one of ${SCENARIO_NAMES.join(', ')}, got "${value}".`);
  return found;
}

function parseOptions(argv: readonly string[]): SimOptions {
  const program = new Command()
    .name('npm run sim --')
    .description('Serve a simulated Kubernetes cluster (DaemonSets, nodes, pods) over HTTP on loopback.')
    .requiredOption('--port <port>', 'TCP port to listen on (0 picks a free one)', integer('port', 0, 65_535))
    .option('--scenario <name>', `what to seed: ${SCENARIO_NAMES.join(' | ')}`, scenario, 'demo')
    .option('--nodes <n>', 'nodes of the scale scenario (default 1000)', integer('nodes', 0, 100_000))
    .option('--daemonsets <m>', 'DaemonSets of the scale scenario (default 20)', integer('daemonsets', 0, 1_000))
    .option('--seed <s>', 'seed of the scale scenario (default 1)', integer('seed', 0, 4_294_967_295))
    .option('--speed <x>', 'clock speed: 10 runs the cluster ten times faster', speed, 1)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .showHelpAfterError()
    .exitOverride((error) => process.exit(error.exitCode));
  program.parse([...argv], { from: 'user' });
  return program.opts<SimOptions>();
}

/** Whether modules marked `server-only` load here (the `react-server` condition is active). */
function hasServerCondition(): boolean {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return /--conditions?[= ]react-server|-C[= ]?react-server/.test(flags);
}

/** Runs this script again under the `react-server` condition, passing signals and the exit code through. */
function reexec(): void {
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, ['--conditions=react-server', ...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function serve(options: SimOptions): Promise<void> {
  const { startSimulatedCluster } = await import('../server/simulator/cluster');
  const started = Date.now();
  const cluster = await startSimulatedCluster({
    scenario: options.scenario,
    nodes: options.nodes,
    daemonSets: options.daemonsets,
    seed: options.seed,
    speed: options.speed,
    port: options.port,
    host: options.host,
  });
  const counts = ['nodes', 'daemonsets', 'pods'].map((kind) => `${cluster.store.count(kind as 'nodes')} ${kind}`).join(', ');
  console.log(`Simulated cluster "${options.scenario}" (${counts}, speed ${options.speed}x) serving at ${cluster.url} (started in ${Date.now() - started} ms)`);
  console.log(`Try: kubectl --server ${cluster.url} get daemonsets -A`);
  const shutdown = (): void => {
    void cluster.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!hasServerCondition()) return reexec();
  serve(options).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`npm run sim: ${message}`);
    process.exit(1);
  });
}

main();
