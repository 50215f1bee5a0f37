/* Test-only harness: the app/api handlers are the unit under test, so this folder imports them, as
   server/routes.test.ts does. */
/* eslint-disable no-restricted-imports */
import 'server-only';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GET as canI } from '@/app/api/c/[cluster]/can-i/route';
import { GET as cost } from '@/app/api/c/[cluster]/cost/route';
import { POST as daemonSetAction } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/[action]/route';
import { GET as daemonSetDetail } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/route';
import { GET as nodeDetail } from '@/app/api/c/[cluster]/nodes/[name]/route';
import { GET as nodeList } from '@/app/api/c/[cluster]/nodes/route';
import { POST as deletePod } from '@/app/api/c/[cluster]/pods/[ns]/[name]/delete/route';
import { GET as stream } from '@/app/api/c/[cluster]/stream/route';
import { GET as session } from '@/app/api/session/route';
import { demoEntry } from '../clusters/demo';
import { setRegistry } from '../clusters/global-registry';
import { ClusterRegistry } from '../clusters/registry';
import { parseConfig, setConfig } from '../config';
import { startSimulatedCluster, type SimulatedCluster } from '../simulator/cluster';

/** The origin the fake browser requests come from. */
export const ORIGIN = 'http://127.0.0.1:3000';

/** A running dashboard backend over a simulated cluster, with a session's CSRF token. */
export interface Harness {
  sim: SimulatedCluster;
  token: string;
  close(): Promise<void>;
}

/** Starts an `empty` simulated cluster as `demo`, wires the registry and takes a CSRF token. */
export async function startHarness(): Promise<Harness> {
  const sim = await startSimulatedCluster({ scenario: 'empty', speed: 20 });
  const dir = await mkdtemp(join(tmpdir(), 'fuzz-'));
  const config = { ...parseConfig({}, { cwd: dir, home: dir, fileExists: () => false }), demoUrl: sim.url };
  setConfig(config);
  const registry = new ClusterRegistry([demoEntry(config)], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  const response = await session(new Request(`${ORIGIN}/api/session`), { params: Promise.resolve({}) });
  const token = ((await response.json()) as { csrfToken: string }).csrfToken;
  for (let i = 0; i < 200 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    sim,
    token,
    close: async () => {
      await registry.close();
      setRegistry(undefined);
      await sim.close();
    },
  };
}

/** Path parameters of the `/api/c/{cluster}/…` routes. */
export interface RouteParams {
  cluster: string;
  ns: string;
  name: string;
  action: string;
}

/** A POST as the dashboard page sends it (same origin, cookie and header token), with any body. */
export function mutationRequest(token: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/c/x`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie: `daemonscope-csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json', ...headers },
    body,
  });
}

const wrap = <P>(value: P) => ({ params: Promise.resolve(value) });

/** Every `/api/c/{cluster}/…` handler, called with the given parameters; name → response. */
export function callEveryRoute(p: RouteParams, post: () => Request, query = ''): Array<[string, Promise<Response>]> {
  const get = () => new Request(`${ORIGIN}/api/c/x${query}`);
  return [
    ['nodes', nodeList(get(), wrap({ cluster: p.cluster }))],
    ['node', nodeDetail(get(), wrap({ cluster: p.cluster, name: p.name }))],
    ['daemonset', daemonSetDetail(get(), wrap({ cluster: p.cluster, ns: p.ns, name: p.name }))],
    ['action', daemonSetAction(post(), wrap(p))],
    ['delete pod', deletePod(post(), wrap({ cluster: p.cluster, ns: p.ns, name: p.name }))],
    ['stream', stream(get(), wrap({ cluster: p.cluster }))],
    ['cost', cost(get(), wrap({ cluster: p.cluster }))],
    ['can-i', canI(new Request(`${ORIGIN}/api/c/x/can-i?ns=${encodeURIComponent(p.ns)}&name=${encodeURIComponent(p.name)}`), wrap({ cluster: p.cluster }))],
  ];
}

export { canI, cost, daemonSetAction, daemonSetDetail, deletePod, nodeDetail, nodeList, session, stream };
