import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDaemonSet, makeNode } from '../simulator/api/test-builders';
import { callEveryRoute, daemonSetAction, daemonSetDetail, deletePod, mutationRequest, nodeDetail, ORIGIN, session, startHarness, stream, type Harness } from './route-harness';

let harness: Harness;
const wrap = <P>(value: P) => ({ params: Promise.resolve(value) });
const SCRIPT = '<script>alert(1)</script>';
const HUGE = 'a'.repeat(10_000);

beforeAll(async () => {
  harness = await startHarness();
  harness.sim.store.create('nodes', makeNode('html-node', { labels: { app: 'agent' } }));
  const ds = makeDaemonSet('html-ds');
  // Annotation values are free text to the API server, so a hostile change-cause is possible.
  ds.metadata.annotations = { 'kubernetes.io/change-cause': SCRIPT };
  harness.sim.store.create('daemonsets', ds);
  // The hub learns of both through its watches.
  for (let i = 0; i < 100; i++) {
    const response = await daemonSetDetail(new Request(`${ORIGIN}/x`), wrap({ cluster: 'demo', ns: 'kube-system', name: 'html-ds' }));
    if (response.status === 200 && (await response.text()).includes('alert(1)')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => harness?.close());

const valid = { cluster: 'demo', ns: 'kube-system', name: 'agent', action: 'restart' };

/** The response as a Kubernetes Status, checking it is JSON and short (no stack, no echo of 10 KB). */
async function status(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text.length).toBeLessThan(1000);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  const body = JSON.parse(text) as { kind: string; code: number; reason: string; message: string };
  expect(body).toMatchObject({ kind: 'Status', code: response.status });
  expect(body.reason).toMatch(/^[A-Z]\w+$/);
  expect(body.message).not.toBe('');
  return body;
}

describe('path parameters every /api/c route refuses with a 4xx Status', () => {
  it.each([
    ['traversal, encoded', { ns: '..%2F..%2Fetc', name: '..%2Fpasswd' }, 422],
    ['traversal, decoded', { ns: '../../etc', name: '../passwd' }, 422],
    ['encoded slash in a name', { name: 'a%2Fb' }, 422],
    ['double-encoded slash', { name: 'a%252Fb' }, 422],
    ['dot-dot as a name', { name: '..' }, 422],
    ['10 KB name', { name: HUGE }, 422],
    ['10 KB namespace', { ns: HUGE }, 422],
    ['upper case', { name: 'Agent' }, 422],
    ['leading dash', { name: '-agent' }, 422],
    ['empty name', { name: '' }, 422],
    ['html name', { name: SCRIPT }, 422],
    ['malformed escape', { name: '%E0%A4%A' }, 422],
    ['lone percent', { ns: '%' }, 422],
    ['NUL byte', { name: 'a\u0000b' }, 422],
    ['unknown cluster', { cluster: 'nope' }, 404],
    ['10 KB cluster', { cluster: HUGE }, 404],
    ['malformed cluster escape', { cluster: '%E0%A4%A' }, 404],
    ['traversal cluster', { cluster: '..%2F..%2Fdemo' }, 404],
  ])('%s', async (_label, override, expected) => {
    const p = { ...valid, ...override };
    const calls = callEveryRoute(p, () => mutationRequest(harness.token, '{}'));
    // Each route is judged on the parameters it has: the list and stream have only the cluster, node only a name.
    const uses: Record<string, string[]> = { nodes: ['cluster'], stream: ['cluster'], cost: ['cluster'], node: ['cluster', 'name'] };
    // can-i without a name is a fair question about the whole namespace.
    const exempt = 'name' in override && override.name === '' ? ['can-i'] : [];
    const relevant = calls.filter(([route]) => !exempt.includes(route) && Object.keys(override).some((key) => (uses[route] ?? ['cluster', 'ns', 'name']).includes(key)));
    for (const [route, pending] of relevant) {
      const response = await pending;
      const body = await status(response);
      expect({ route, code: response.status }).toEqual({ route, code: expected });
      if (Object.values(override).includes(HUGE)) expect(body.message).toContain('(10000 characters)');
    }
    for (const [, pending] of calls.filter(([route]) => !relevant.some(([r]) => r === route))) await (await pending).body?.cancel();
  });

  it.each([['../x'], ['a/b/c'], [`kube-system/${HUGE}`], ['kube-system/%zz'], [`${SCRIPT}/x`], ['/']])('stream ?daemonset=%s is a 422', async (value) => {
    const response = await stream(new Request(`${ORIGIN}/api/c/demo/stream?daemonset=${encodeURIComponent(value)}`), wrap({ cluster: 'demo' }));
    expect(response.status).toBe(422);
    await status(response);
  });

  it('an unknown or 10 KB action is a short 404', async () => {
    for (const action of ['explode', HUGE, SCRIPT]) {
      const response = await daemonSetAction(mutationRequest(harness.token, '{}'), wrap({ ...valid, action }));
      expect(response.status).toBe(404);
      expect((await status(response)).message.length).toBeLessThan(200);
    }
  });
});

describe('mutation bodies refused with a 4xx Status before any cluster call', () => {
  const json = { 'content-type': 'application/json' };
  it.each([
    ['malformed JSON', '{', json, 400],
    ['truncated JSON', '{"dryRun": tru', json, 400],
    ['an array', '[]', json, 422],
    ['null', 'null', json, 422],
    ['a string', '"rollback"', json, 422],
    ['unknown field', '{"force":true}', json, 422],
    ['negative revision', '{"toRevision":-1}', json, 422],
    ['revision as text', '{"toRevision":"1"}', json, 422],
    ['fractional revision', '{"toRevision":1.5}', json, 422],
    ['empty resourceVersion', '{"resourceVersion":""}', json, 422],
    ['prototype pollution', '{"__proto__":{"dryRun":false}}', json, 422],
    ['text/html', '{"dryRun":true}', { 'content-type': 'text/html' }, 415],
    ['a form', 'dryRun=true', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['multipart', '{"dryRun":true}', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
    ['text/plain that is not JSON', 'dryRun=true', { 'content-type': 'text/plain' }, 400],
    ['1 MB body', `{"resourceVersion":"${'9'.repeat(1_000_000)}"}`, json, 413],
    ['declared 1 GB', '{}', { ...json, 'content-length': String(2 ** 30) }, 413],
  ])('%s', async (_label, body, headers, expected) => {
    for (const call of [
      () => daemonSetAction(mutationRequest(harness.token, body, headers), wrap(valid)),
      () => deletePod(mutationRequest(harness.token, body, headers), wrap(valid)),
    ]) {
      const response = await call();
      expect(response.status).toBe(expected);
      await status(response);
    }
  });

  it('a body that is not UTF-8 is a 400', async () => {
    const response = await deletePod(mutationRequest(harness.token, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), wrap(valid));
    expect(response.status).toBe(400);
    expect((await status(response)).message).toMatch(/UTF-8/);
  });
});

describe('cookies and tokens', () => {
  it('a malformed cookie escape gets a fresh session token, not a 500', async () => {
    const response = await session(new Request(`${ORIGIN}/api/session`, { headers: { cookie: 'daemonscope-csrf=%E0%A4%A' } }), wrap({}));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { csrfToken: string }).csrfToken).toMatch(/^[\w-]{32,}$/);
  });

  it('a mutation whose cookie escape is malformed (and so matches no token) is a 403', async () => {
    const request = mutationRequest(harness.token, '{}', { cookie: 'daemonscope-csrf=%E0%A4%A' });
    const response = await deletePod(request, wrap(valid));
    expect(response.status).toBe(403);
    await status(response);
  });
});

describe('HTML in labels and annotations comes back as JSON data', () => {
  it('DaemonSet detail keeps the change-cause verbatim as a JSON string', async () => {
    const response = await daemonSetDetail(new Request(`${ORIGIN}/x`), wrap({ cluster: 'demo', ns: 'kube-system', name: 'html-ds' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).not.toMatch(/^\s*</);
    expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(SCRIPT));
  });

  it('a name carrying HTML is echoed only inside a JSON Status', async () => {
    const response = await nodeDetail(new Request(`${ORIGIN}/x`), wrap({ cluster: 'demo', name: SCRIPT }));
    expect((await status(response)).message).toContain(SCRIPT);
  });
});
