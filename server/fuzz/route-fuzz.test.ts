import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMalformedEscape, proxy } from '@/proxy';
import { callEveryRoute, mutationRequest, ORIGIN, startHarness, type Harness, type RouteParams } from './route-harness';

/* Property tests over every /api/c route handler: whatever the path parameters, query and body, the
   answer is below 500 and, when an error, a Kubernetes Status in JSON. Seed: scripts/vitest-setup.ts. */

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

const hostile = fc.constantFrom('..', '..%2F..%2Fetc', '%2e%2e%2f', 'a%2Fb', '%E0%A4%A', '%', '%00', '<script>', 'kube-system', 'demo', 'restart', 'rollback', '', ' ', 'a'.repeat(300));
const segment = fc.oneof(
  hostile,
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.webSegment(),
  fc.array(fc.constantFrom('%', '2F', 'E0', 'zz', '.', '/', 'a', '-', 'A'), { maxLength: 10 }).map((parts) => parts.join('')),
);
const params: fc.Arbitrary<RouteParams> = fc.record({
  cluster: fc.oneof(fc.constant('demo'), segment),
  ns: fc.oneof(fc.constant('kube-system'), segment),
  name: segment,
  action: fc.oneof(fc.constantFrom('restart', 'pause', 'resume', 'rollback'), segment),
});
const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 60 }),
  fc.record({ toRevision: fc.anything(), resourceVersion: fc.anything(), dryRun: fc.anything() }, { requiredKeys: [] }).map((value) => JSON.stringify(value) ?? ''),
  fc.constantFrom('', '{', 'null', '[]', '{"__proto__":{}}'),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/merge-patch+json', '');
const query = fc.oneof(fc.constant(''), segment.map((value) => `?daemonset=${value}`), fc.tuple(segment, segment).map(([a, b]) => `?daemonset=${encodeURIComponent(a)}/${encodeURIComponent(b)}`));

async function judge(route: string, response: Response): Promise<void> {
  expect({ route, status: response.status, below500: response.status < 500 }).toMatchObject({ below500: true });
  if (response.status < 400) {
    await response.body?.cancel();
    return;
  }
  const status = (await response.json()) as { kind?: string; code?: number; message?: string };
  expect(status).toMatchObject({ kind: 'Status', code: response.status });
  expect((status.message ?? '').length).toBeLessThan(400);
}

describe('route handlers under arbitrary input', () => {
  it('answer below 500 with a Status for every error', async () => {
    await fc.assert(
      fc.asyncProperty(params, body, contentType, query, async (p, text, type, search) => {
        // The `empty` cluster holds no DaemonSet or pod, so a request that passes validation meets a 404.
        const post = () => mutationRequest(harness.token, text, { 'content-type': type });
        for (const [route, pending] of callEveryRoute(p, post, search)) await judge(route, await pending);
      }),
      { numRuns: 150 },
    );
  });
});

describe('proxy: malformed percent-encoding', () => {
  it.each([
    ['/api/c/demo/nodes/%E0%A4%A', true],
    ['/c/%zz', true],
    ['/api/c/demo/nodes/%', true],
    ['/api/c/demo/nodes/a%2Fb', false],
    ['/c/demo/daemonsets/kube-system/node-agent', false],
    ['/api/c/demo/nodes/%C3%A9', false],
  ])('%s malformed: %s', (path, malformed) => {
    expect(hasMalformedEscape(path)).toBe(malformed);
  });

  it('refuses a malformed path with a 400 Status and lets a well-formed one through', async () => {
    const refused = proxy(new Request(`${ORIGIN}/api/c/demo/nodes/%E0%A4%A`));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
    expect(proxy(new Request(`${ORIGIN}/api/c/demo/nodes/a%2Fb`)).headers.get('x-middleware-next')).toBe('1');
  });

  it('agrees with decodeURIComponent on arbitrary paths', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('%', 'E0', 'A4', 'C3', 'zz', '2F', 'a', '/'), { maxLength: 12 }), (parts) => {
        const path = `/${parts.join('')}`;
        let throws = false;
        try {
          decodeURIComponent(path);
        } catch {
          throws = true;
        }
        expect(hasMalformedEscape(path)).toBe(throws);
      }),
    );
  });
});
