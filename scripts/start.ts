/**
 * `npm start [-- options]`: build when the sources are newer than the last build, then serve the
 * dashboard with `next start`. Command-line flags become DAEMONSCOPE_* environment variables, which
 * server/config.ts reads inside the Next.js server.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildIsStale } from './build-freshness';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a TCP port (1-65535).`);
  }
  return port;
}

interface StartOptions {
  kubeconfig?: string;
  context?: string;
  readOnly?: boolean;
  demo: boolean;
  host: string;
  port: number;
}

const program = new Command()
  .name('npm start --')
  .description('Serve the Daemonscope dashboard.')
  .option('--kubeconfig <file>', 'kubeconfig whose contexts to show (default: $KUBECONFIG or ~/.kube/config)')
  .option('--context <name>', 'show only this kubeconfig context')
  .option('--read-only', 'remove every mutation route')
  .option('--no-demo', 'do not start the embedded demo cluster')
  .option('--host <addr>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (default: $PORT or 3000)', parsePort, parsePort(process.env.PORT ?? '3000'))
  .showHelpAfterError();

function environmentFor(options: StartOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (options.kubeconfig) env.DAEMONSCOPE_KUBECONFIG = resolve(options.kubeconfig);
  if (options.context) env.DAEMONSCOPE_CONTEXT = options.context;
  if (options.readOnly) env.DAEMONSCOPE_READ_ONLY = '1';
  if (!options.demo) env.DAEMONSCOPE_NO_DEMO = '1';
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveExit) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveExit(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<StartOptions>();
  if (options.kubeconfig && !existsSync(options.kubeconfig)) {
    console.error(`daemonscope: no kubeconfig at ${options.kubeconfig}`);
    process.exit(2);
  }
  if (!LOOPBACK_HOSTS.has(options.host)) {
    console.warn(
      `daemonscope: listening on ${options.host}, not loopback: anyone who reaches this address acts with your kubeconfig's identity.`,
    );
  }
  const env = environmentFor(options);
  const next = resolve('node_modules/next/dist/bin/next');
  if (buildIsStale(process.cwd())) {
    console.log('daemonscope: building (sources changed since the last build)…');
    const code = await run(process.execPath, [next, 'build'], env);
    if (code !== 0) process.exit(code);
  }
  console.log(`daemonscope: serving on http://${options.host}:${options.port}`);
  process.exit(await run(process.execPath, [next, 'start', '-H', options.host, '-p', String(options.port)], env));
}

main().catch((error: unknown) => {
  console.error(`daemonscope: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
