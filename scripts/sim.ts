/**
 * `npm run sim -- --port P [--scenario demo|scale|empty] [--nodes N] [--daemonsets M] [--seed S]
 * [--speed X] [--host 127.0.0.1] [--fault-… (see --help and README "Faults")]`: the simulated
 * Kubernetes cluster alone, until killed, optionally misbehaving on a schedule.
 *
 * The simulator's modules are marked `server-only`, which resolves to an empty module only under the
 * `react-server` export condition; so this script re-runs itself with that condition when it lacks it.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { parseDurationMs } from '../lib/duration';
import type { FaultPlan } from '../server/simulator/fault-schedule';

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
  faults: FaultPlan;
}

/** The `--fault-*` flags as commander parses them. */
interface FaultFlags {
  faultLatency?: number;
  faultDropWatchesEvery?: number;
  faultExpireWatchesEvery?: number;
  faultFailEvery?: number;
  faultFailStatus?: 429 | 500 | 503 | 504;
  faultFailCount?: number;
  faultRetryAfter?: number;
  faultFlapNode?: string;
  faultFlapEvery?: number;
}

const FAIL_STATUSES = [429, 500, 503, 504] as const;

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

function duration(name: string, minMs: number, maxMs: number): (value: string) => number {
  return (value) => {
    const ms = parseDurationMs(value);
    if (ms === undefined || ms < minMs || ms > maxMs) {
      throw new InvalidArgumentError(`${name} must be a duration from ${minMs} ms to ${maxMs / 1000} s such as 200ms, 30s or 2m, got "${value}".`);
    }
    return ms;
  };
}

function failStatus(value: string): (typeof FAIL_STATUSES)[number] {
  const found = FAIL_STATUSES.find((status) => String(status) === value.trim());
  if (found === undefined) throw new InvalidArgumentError(`fault-fail-status must be one of ${FAIL_STATUSES.join(', ')}, got "${value}".`);
  return found;
}

/** The fault plan of the flags; flags that refine another (`--fault-fail-status` without `--fault-fail-every`) are refused. */
function faultPlan(flags: FaultFlags): FaultPlan {
  const needs = (flag: string, present: unknown, needed: string, neededPresent: unknown) => {
    if (present !== undefined && neededPresent === undefined) throw new InvalidArgumentError(`${flag} needs ${needed}.`);
  };
  needs('--fault-fail-status', flags.faultFailStatus, '--fault-fail-every', flags.faultFailEvery);
  needs('--fault-fail-count', flags.faultFailCount, '--fault-fail-every', flags.faultFailEvery);
  needs('--fault-retry-after', flags.faultRetryAfter, '--fault-fail-every', flags.faultFailEvery);
  needs('--fault-flap-every', flags.faultFlapEvery, '--fault-flap-node', flags.faultFlapNode);
  const plan: FaultPlan = {};
  if (flags.faultLatency !== undefined) plan.latencyMs = flags.faultLatency;
  if (flags.faultDropWatchesEvery !== undefined) plan.dropWatchesEveryMs = flags.faultDropWatchesEvery;
  if (flags.faultExpireWatchesEvery !== undefined) plan.expireWatchesEveryMs = flags.faultExpireWatchesEvery;
  if (flags.faultFailEvery !== undefined) {
    plan.fail = {
      everyMs: flags.faultFailEvery,
      status: flags.faultFailStatus ?? 503,
      count: flags.faultFailCount ?? 3,
      ...(flags.faultRetryAfter === undefined ? {} : { retryAfterSeconds: flags.faultRetryAfter }),
    };
  }
  if (flags.faultFlapNode !== undefined) plan.flapNode = { name: flags.faultFlapNode, everyMs: flags.faultFlapEvery ?? 10_000 };
  return plan;
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
    .option('--fault-latency <duration>', 'delay every request, e.g. 200ms', duration('fault-latency', 0, 60_000))
    .option('--fault-drop-watches-every <duration>', 'destroy every open watch connection this often, e.g. 30s', duration('fault-drop-watches-every', 100, 86_400_000))
    .option('--fault-expire-watches-every <duration>', 'forget watch history and send 410 Gone to every watch this often', duration('fault-expire-watches-every', 100, 86_400_000))
    .option('--fault-fail-every <duration>', 'this often, fail the next requests (see --fault-fail-status/-count)', duration('fault-fail-every', 100, 86_400_000))
    .option('--fault-fail-status <code>', `status of the failed requests: ${FAIL_STATUSES.join(' | ')} (default 503)`, failStatus)
    .option('--fault-fail-count <n>', 'requests failed each time (default 3)', integer('fault-fail-count', 1, 10_000))
    .option('--fault-retry-after <seconds>', 'Retry-After of the failed requests (default 1 for 429 and 503)', integer('fault-retry-after', 0, 3_600))
    .option('--fault-flap-node <name>', 'flip this node between Ready and NotReady (see --fault-flap-every)')
    .option('--fault-flap-every <duration>', 'how often the node flips (default 10s)', duration('fault-flap-every', 100, 86_400_000))
    .showHelpAfterError()
    .exitOverride((error) => process.exit(error.exitCode));
  program.parse([...argv], { from: 'user' });
  const options = program.opts<Omit<SimOptions, 'faults'> & FaultFlags>();
  try {
    return { ...options, faults: faultPlan(options) };
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    return program.error(`error: ${error.message}`);
  }
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
  const { startFaultSchedule } = await import('../server/simulator/fault-schedule');
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
  let schedule;
  try {
    schedule = startFaultSchedule(cluster.faults, options.faults, (line) => console.log(line));
  } catch (error) {
    await cluster.close();
    throw error;
  }
  for (const line of schedule.description) console.log(`Fault: ${line}`);
  const shutdown = (): void => {
    schedule.stop();
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
