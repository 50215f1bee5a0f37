/**
 * `npm run bench -- [--nodes N] [--daemonsets M] [--json FILE] [--churn-seconds S] …`: Daemonscope's
 * performance figures at fleet scale (DESIGN.md "Performance budgets"), printed as a table and
 * written as CONTRACT.md's JSON. Everything it starts, it stops — on success, failure and Ctrl-C.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBenchOptions } from './bench/options';
import { stopAllOnSignals } from './bench/processes';
import { createContext, runBench, runCleanups } from './bench/run';
import { formatTable, tableRows } from './bench/table';

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  const context = createContext(options, process.cwd(), (line) => console.log(line));
  stopAllOnSignals([() => runCleanups(context)]);
  console.log(`bench: ${options.nodes} nodes × ${options.daemonsets} DaemonSets (seed ${options.seed}), churn ${options.churnSeconds} s`);
  const figures = await runBench(context);
  console.log(`\n${formatTable(tableRows(figures))}`);
  if (options.json) {
    writeFileSync(resolve(options.json), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`\nbench: figures written to ${options.json}`);
  }
  if (context.failures.length > 0) console.log(`bench: phases that failed: ${context.failures.join(', ')} (their figures are null)`);
  return context.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
