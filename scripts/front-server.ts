/**
 * Proxy mode's front server: serves the built dashboard in this process and overwrites the
 * `x-daemonscope-peer` header on every request with the socket's peer address. Route handlers see no
 * socket, and `next start` keeps a client's own X-Forwarded-For, so this is the one peer address the
 * proxy trust check (server/auth/peer-trust.ts) can believe.
 *
 * Run by scripts/start.ts (`--auth-mode proxy`), and in the container image, bundled as
 * front-server.mjs beside the standalone server.js (`--standalone`), where the Next.js configuration
 * comes from the build's required-server-files.json as it does for server.js.
 */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import next from 'next';

const PEER_HEADER = 'x-daemonscope-peer';

interface FrontOptions {
  standalone: boolean;
}

/** The configuration `next build` froze into a standalone output (what its server.js passes on). */
function standaloneConfig(dir: string): Record<string, unknown> {
  const files = JSON.parse(readFileSync(join(dir, '.next', 'required-server-files.json'), 'utf8')) as { config: Record<string, unknown> };
  // server.js sets this before loading Next.js; the render workers read the configuration from it.
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(files.config);
  return files.config;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('front-server')
    .argument('[host]', 'address to listen on', '127.0.0.1')
    .argument('[port]', 'port to listen on', '3000')
    .option('--standalone', 'serve a standalone build (the container image) from the working directory', false)
    .parse();
  const [hostname = '127.0.0.1', portText = '3000'] = program.args;
  const { standalone } = program.opts<FrontOptions>();
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`"${portText}" is not a TCP port (1-65535)`);
  const dir = process.cwd();
  // Tells server/config.ts, in this same process, that the peer header is ours.
  process.env.DAEMONSCOPE_PEER_STAMPED = '1';
  const app = next({ dev: false, hostname, port, dir, ...(standalone ? { conf: standaloneConfig(dir) } : {}) });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
    handle(req, res).catch((error: unknown) => {
      console.error('[daemonscope] request failed:', error instanceof Error ? error.message : String(error));
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(port, hostname, () => console.log(`daemonscope: proxy mode, serving on http://${hostname}:${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(`daemonscope: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
