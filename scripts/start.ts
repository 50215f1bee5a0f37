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

const AUTH_MODES = ['local', 'token', 'proxy'] as const;
type AuthMode = (typeof AUTH_MODES)[number];

function parseAuthMode(value: string): AuthMode {
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (mode === undefined) throw new InvalidArgumentError(`"${value}" is not one of ${AUTH_MODES.join(', ')}.`);
  return mode;
}

interface StartOptions {
  kubeconfig?: string;
  context?: string;
  readOnly?: boolean;
  demo: boolean;
  host: string;
  port: number;
  authMode: AuthMode;
  proxyTrusted?: string;
}

const program = new Command()
  .name('npm start --')
  .description('Serve the Daemonscope dashboard.')
  .option('--kubeconfig <file>', 'kubeconfig whose contexts to show (default: $KUBECONFIG or ~/.kube/config)')
  .option('--context <name>', 'show only this kubeconfig context')
  .option('--read-only', 'remove every mutation route')
  .option('--no-demo', 'do not start the embedded demo cluster')
  .option('--host <addr>', 'address to listen on (local mode: loopback only)', '127.0.0.1')
  .option('--auth-mode <mode>', 'local (kubeconfig identity, loopback only), token (each user signs in with a bearer token) or proxy (user from an authenticating proxy)', parseAuthMode, 'local')
  .option('--proxy-trusted <list>', 'proxy mode: comma-separated addresses or CIDR blocks of the authenticating proxy')
  .option('--port <port>', 'port to listen on (default: $PORT or 3000)', parsePort, parsePort(process.env.PORT ?? '3000'))
  .showHelpAfterError();

function environmentFor(options: StartOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (options.kubeconfig) env.DAEMONSCOPE_KUBECONFIG = resolve(options.kubeconfig);
  if (options.context) env.DAEMONSCOPE_CONTEXT = options.context;
  if (options.readOnly) env.DAEMONSCOPE_READ_ONLY = '1';
  if (!options.demo) env.DAEMONSCOPE_NO_DEMO = '1';
  env.DAEMONSCOPE_AUTH_MODE = options.authMode;
  if (options.proxyTrusted) env.DAEMONSCOPE_PROXY_TRUSTED = options.proxyTrusted;
  // Only the front server may say the peer header is stamped; never inherit it from the caller.
  delete env.DAEMONSCOPE_PEER_STAMPED;
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
  if (options.authMode === 'local' && !LOOPBACK_HOSTS.has(options.host)) {
    console.error(
      `daemonscope: refusing --host ${options.host} in local mode: anyone who reached it would act with your kubeconfig's identity. ` +
        'Listen on 127.0.0.1, or use --auth-mode token or --auth-mode proxy so each user acts as themselves.',
    );
    process.exit(2);
  }
  if (options.authMode === 'proxy' && !(options.proxyTrusted ?? process.env.DAEMONSCOPE_PROXY_TRUSTED)) {
    console.error('daemonscope: --auth-mode proxy needs --proxy-trusted (or DAEMONSCOPE_PROXY_TRUSTED): the addresses of the authenticating proxy.');
    process.exit(2);
  }
  const env = environmentFor(options);
  const next = resolve('node_modules/next/dist/bin/next');
  if (buildIsStale(process.cwd())) {
    console.log('daemonscope: building (sources changed since the last build)…');
    const code = await run(process.execPath, [next, 'build'], env);
    if (code !== 0) process.exit(code);
  }
  if (options.authMode === 'proxy') {
    // The front server stamps each request with its socket's peer address, which `next start` cannot.
    const front = resolve('scripts/front-server.ts');
    process.exit(await run(process.execPath, ['--import', 'tsx', front, options.host, String(options.port)], { ...env, NODE_ENV: 'production' }));
  }
  console.log(`daemonscope: serving on http://${options.host}:${options.port}`);
  process.exit(await run(process.execPath, [next, 'start', '-H', options.host, '-p', String(options.port)], env));
}

main().catch((error: unknown) => {
  console.error(`daemonscope: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
