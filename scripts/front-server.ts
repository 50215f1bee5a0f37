/**
 * Proxy mode's front server: serves the built dashboard in this process and overwrites the
 * `x-daemonscope-peer` header on every request with the socket's peer address. Route handlers see no
 * socket, and `next start` keeps a client's own X-Forwarded-For, so this is the one peer address the
 * proxy trust check (server/auth/peer-trust.ts) can believe. Run by scripts/start.ts, never directly.
 */
import { createServer } from 'node:http';
import next from 'next';

const PEER_HEADER = 'x-daemonscope-peer';

async function main(): Promise<void> {
  const [hostname = '127.0.0.1', portText = '3000'] = process.argv.slice(2);
  const port = Number(portText);
  // Tells server/config.ts, in this same process, that the peer header is ours.
  process.env.DAEMONSCOPE_PEER_STAMPED = '1';
  const app = next({ dev: false, hostname, port, dir: process.cwd() });
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
