import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type SimStore } from '../store';
import { ANONYMOUS_ADMIN, serveReview, type SimAuth } from '../auth/sim-auth';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from './discovery';
import { FaultInjector, type Faults } from './faults';
import { nodeLease } from './node-lease';
import { openApiV3 } from './openapi';
import { negotiate, parseJsonBody, readBody, sendError, sendJson } from './http-io';
import { selectPage, writeList } from './list';
import { parseListQuery } from './list-query';
import {
  handleCreate, handleDelete, handleEviction, handleGet, handlePatch, handleUpdate, type ObjectRequest,
} from './object-handlers';
import { markUnready, parseUnreadyBody } from './readiness-probe';
import { parseResourcePath } from './routes';
import { StoreError } from './status-error';
import { serveWatch } from './watch';
import { WatchRegistry } from './watch-registry';

/** Options of `startApiServer`. */
export interface ApiServerOptions {
  store: SimStore;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How often watches that asked for bookmarks get one; default 5 s (client-node gives up after 30 s of silence). */
  bookmarkIntervalMs?: number;
  /** Serves `GET /_sim/clock` (the dashboard follows simulated time) and `POST /_sim/clock {advanceMs}` (tests move time). */
  clock?: SimulationClock;
  /** Bearer tokens, impersonation and RBAC; without it every request acts as cluster-admin. */
  auth?: SimAuth;
}

/** The simulated clock as the control endpoint sees it. */
export interface SimulationClock {
  now(): number;
  readonly speed: number;
  readonly manual: boolean;
  /** Moves simulated time forward and lets the controllers catch up. */
  advance(ms: number): void;
}

/** A running simulated API server. */
export interface ApiServer {
  url: string;
  port: number;
  faults: Faults;
  close(): Promise<void>;
}

const NOT_FOUND = new StoreError('NotFound', 'the server could not find the requested resource', {});
const METHOD_NOT_ALLOWED = (): StoreError => new StoreError('MethodNotAllowed', 'the server does not allow this method on the requested resource');

/** Serves the store as a Kubernetes API over HTTP on loopback (kubectl and client-node speak to it). */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const watches = new WatchRegistry();
  const faults = new FaultInjector(options.store, watches);
  const router = new ApiRouter(options.store, faults, watches, options.bookmarkIntervalMs ?? 5_000, options.clock, options.auth);
  const server = createServer((req, res) => {
    router.handle(req, res).catch((error: unknown) => sendError(res, error));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  router.address = `${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    faults,
    close: () => new Promise<void>((resolve) => {
      watches.each((watch) => watch.end());
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Dispatches one HTTP request: fault injection first, then non-resource paths, then the REST resources. */
class ApiRouter {
  /** `host:port`, reported by `/api` as the server address. */
  address = '';

  constructor(
    private readonly store: SimStore,
    private readonly faults: FaultInjector,
    private readonly watches: WatchRegistry,
    private readonly bookmarkIntervalMs: number,
    private readonly clock: SimulationClock | undefined,
    private readonly auth: SimAuth | undefined,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/_sim/faults') {
      if (req.method !== 'POST') throw METHOD_NOT_ALLOWED();
      sendJson(res, 200, { ok: true, ...this.faults.control(parseJsonBody(await readBody(req))) });
      return;
    }
    if (path === '/_sim/unready') {
      if (req.method !== 'POST') throw METHOD_NOT_ALLOWED();
      sendJson(res, 200, markUnready(this.store, parseUnreadyBody(parseJsonBody(await readBody(req)))));
      return;
    }
    if (path === '/_sim/clock' && this.clock) {
      await serveClock(this.clock, req, res);
      return;
    }
    if (path === '/_sim/watches') {
      if (req.method !== 'GET') throw METHOD_NOT_ALLOWED();
      const byResource = this.watches.countByResource();
      sendJson(res, 200, { open: this.watches.size, byResource });
      return;
    }
    const decision = this.faults.decide(path);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (decision.failure) {
      sendError(res, decision.failure, decision.headers);
      return;
    }
    const caller = this.auth ? this.auth.check(req, path, url.searchParams) : { user: ANONYMOUS_ADMIN };
    if ('code' in caller) {
      sendJson(res, caller.code, caller.status);
      return;
    }
    if (await serveReview(this.auth, path, req, res, caller.user)) return;
    if (this.serveNonResource(path, req, res)) return;
    const route = parseResourcePath(path);
    if (!route) throw NOT_FOUND;
    const request: ObjectRequest = { store: this.store, route, params: url.searchParams, req, res };
    const method = req.method ?? 'GET';
    if (route.subresource === 'eviction') {
      if (method !== 'POST') throw METHOD_NOT_ALLOWED();
      await handleEviction(request);
    } else if (route.name === undefined) {
      await this.serveCollection(request, method);
    } else {
      await serveNamed(request, method);
    }
  }

  private async serveCollection(request: ObjectRequest, method: string): Promise<void> {
    const { kind } = request.route.info;
    if (method === 'POST') return handleCreate(request);
    if (method !== 'GET') throw METHOD_NOT_ALLOWED();
    const query = parseListQuery(kind, request.params, request.route.namespace);
    const representation = negotiate(request.req.headers.accept);
    const watch = request.params.get('watch');
    if (watch !== 'true' && watch !== '1') {
      await writeList(request.res, this.store, kind, selectPage(this.store, kind, query), representation, query, this.store.clock.now());
      return;
    }
    const timeoutText = request.params.get('timeoutSeconds');
    serveWatch(request.req, request.res, {
      store: this.store, kind, query, representation, registry: this.watches, bookmarkIntervalMs: this.bookmarkIntervalMs,
      timeoutSeconds: timeoutText ? Math.max(1, Number(timeoutText) || 1800) : 1800,
      allowBookmarks: request.params.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: request.params.get('sendInitialEvents') === 'true',
    });
  }

  private serveNonResource(path: string, req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const [, top, group, version, ...rest] = path.split('/');
    if (path === '/version') sendJson(res, 200, VERSION_INFO);
    else if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    } else if (path === '/api') sendJson(res, 200, apiVersions(this.address));
    else if (path === '/apis') sendJson(res, 200, apiGroupList());
    else if (top === 'openapi' && group === 'v3') sendFound(res, openApiV3(path));
    else if (group === 'coordination.k8s.io') sendFound(res, nodeLease(this.store, path));
    else if (top === 'api' && group === 'v1' && version === undefined) sendFound(res, apiResourceList('', 'v1'));
    else if (top === 'apis' && group && version === undefined) sendFound(res, apiGroup(group));
    else if (top === 'apis' && group && version && rest.length === 0) sendFound(res, apiResourceList(group, version));
    else return false;
    return true;
  }
}

async function serveNamed(request: ObjectRequest, method: string): Promise<void> {
  switch (method) {
    case 'GET': return handleGet(request);
    case 'PUT': return handleUpdate(request);
    case 'PATCH': return handlePatch(request);
    case 'DELETE':
      if (request.route.subresource) throw METHOD_NOT_ALLOWED();
      return handleDelete(request);
    default: throw METHOD_NOT_ALLOWED();
  }
}

/** Simulated time, read by the dashboard and moved forward by tests (`{ advanceMs }`, at most a day a call). */
async function serveClock(clock: SimulationClock, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'POST') {
    const body = parseJsonBody(await readBody(req));
    const advanceMs = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).advanceMs : undefined;
    if (typeof advanceMs !== 'number' || !(advanceMs >= 0 && advanceMs <= 86_400_000)) {
      throw new StoreError('BadRequest', 'advanceMs must be a number of milliseconds from 0 to 86400000');
    }
    clock.advance(advanceMs);
  } else if (req.method !== 'GET') {
    throw METHOD_NOT_ALLOWED();
  }
  sendJson(res, 200, { now: clock.now(), speed: clock.speed, manual: clock.manual });
}

/** A document, or the generic 404 when there is none. */
function sendFound(res: ServerResponse, body: unknown): void {
  if (body === undefined) sendError(res, NOT_FOUND);
  else sendJson(res, 200, body);
}
