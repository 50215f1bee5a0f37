/**
 * `npm run soak -- [--clients 200] [--events-per-second 1000] [--minutes 10] [--json FILE] …`: the
 * issue's load soak against the production server and a simulated cluster in their own processes.
 * Prints the figures and the checks; exits 1 when a check fails. Everything it starts, it stops — on
 * success, failure and Ctrl-C.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeMachine } from './bench/machine';
import { stopAll, stopAllOnSignals } from './bench/processes';
import { soakPassed } from './soak/checks';
import { parseSoakOptions } from './soak/options';
import { startProcessStack } from './soak/process-stack';
import { soakReport } from './soak/report';
import { runSoak } from './soak/run';

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2));
  const log = (line: string) => console.log(line);
  stopAllOnSignals([]);
  console.log(`soak: ${options.nodes} nodes × ${options.daemonsets} DaemonSets, ${options.clients} clients (${options.slowClients} slow), ${options.eventsPerSecond} watch events/s for ${options.minutes} min`);
  const machine = describeMachine();
  const stack = await startProcessStack(process.cwd(), options, log);
  try {
    const figures = await runSoak(stack, options, log);
    figures.machine = machine;
    console.log(`\n${soakReport(figures)}`);
    for (const note of figures.notes) console.log(`note: ${note}`);
    for (const problem of [...(figures.clients?.problems ?? []), ...(figures.final?.differences ?? [])]) console.log(`problem: ${problem}`);
    if (options.json) {
      writeFileSync(resolve(options.json), `${JSON.stringify(figures, null, 2)}\n`);
      console.log(`\nsoak: figures written to ${options.json}`);
    }
    const passed = soakPassed(figures.checks);
    console.log(`soak: ${passed ? 'passed' : 'FAILED'}`);
    return passed ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  },
);
