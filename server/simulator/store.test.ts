import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createStore, StoreError, type SimStore } from './store';
import { type KObject, type StoreEvent } from './store-types';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function manualClock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

function makeStore(historySize?: number): SimStore {
  return createStore({ clock: manualClock(), ...(historySize ? { historySize } : {}) });
}

function makeDs(name: string, overrides: { image?: string; selector?: unknown; labels?: Record<string, string>; strategy?: unknown; restartPolicy?: string } = {}): KObject {
  const labels = overrides.labels ?? { app: name };
  return {
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: 'selector' in overrides ? overrides.selector : { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: overrides.image ?? 'agent:1' }], ...(overrides.restartPolicy ? { restartPolicy: overrides.restartPolicy } : {}) },
      },
      ...(overrides.strategy ? { updateStrategy: overrides.strategy } : {}),
    },
  };
}

function makePod(name: string, extra: { nodeName?: string; grace?: number; owner?: string; phase?: string } = {}): KObject {
  return {
    metadata: { name, namespace: 'kube-system', ...(extra.owner ? { ownerReferences: [{ kind: 'DaemonSet', name: 'x', uid: extra.owner, controller: true }] } : {}) },
    spec: {
      containers: [{ name: 'main', image: 'agent:1' }],
      ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
      ...(extra.grace !== undefined ? { terminationGracePeriodSeconds: extra.grace } : {}),
    },
    ...(extra.phase ? { status: { phase: extra.phase } } : {}),
  };
}

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('createStore: create', () => {
  it('starts with the default and kube-system namespaces', () => {
    const store = makeStore();
    expect(store.list('namespaces').items.map((ns) => ns.metadata.name)).toEqual(['default', 'kube-system']);
    expect(store.get('namespaces', undefined, 'default')?.status).toEqual({ phase: 'Active' });
  });

  it('assigns uid, resourceVersion, creationTimestamp, generation and the upstream defaults', () => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('agent'));
    expect(ds.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ds.metadata.resourceVersion).toBe(store.currentResourceVersion());
    expect(ds.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(ds.metadata.generation).toBe(1);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    expect(ds.apiVersion).toBe('apps/v1');
    expect(ds.kind).toBe('DaemonSet');
    expect(ds.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      template: { spec: { restartPolicy: 'Always' } },
    });
    expect(ds.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it.each([
    ['missing namespace', (s: SimStore) => s.create('pods', { ...makePod('p'), metadata: { name: 'p', namespace: 'nope' } }), 404, 'namespaces "nope" not found'],
    ['duplicate', (s: SimStore) => { s.create('daemonsets', makeDs('a')); s.create('daemonsets', makeDs('a')); }, 409, 'daemonsets.apps "a" already exists'],
    ['no selector', (s: SimStore) => s.create('daemonsets', makeDs('a', { selector: undefined })), 422, 'DaemonSet.apps "a" is invalid: spec.selector: Required value'],
    ['selector does not match labels', (s: SimStore) => s.create('daemonsets', makeDs('a', { labels: { app: 'b' } })), 422, '`selector` does not match template `labels`'],
    ['both surge and unavailable', (s: SimStore) => s.create('daemonsets', makeDs('a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } })), 422, 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
    ['both zero', (s: SimStore) => s.create('daemonsets', makeDs('a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } })), 422, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ['unknown strategy type', (s: SimStore) => s.create('daemonsets', makeDs('a', { strategy: { type: 'Recreate' } })), 422, 'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ['percent over 100', (s: SimStore) => s.create('daemonsets', makeDs('a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } } })), 422, 'must not be greater than 100%'],
    ['restartPolicy Never', (s: SimStore) => s.create('daemonsets', makeDs('a', { restartPolicy: 'Never' })), 422, 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['bad name', (s: SimStore) => s.create('daemonsets', makeDs('Bad_Name', { labels: { app: 'x' }, selector: { matchLabels: { app: 'x' } } })), 422, 'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain'],
    ['no metadata', (s: SimStore) => s.create('nodes', {} as KObject), 400, "Object 'metadata' is missing"],
  ])('rejects %s', (_name, act, code, message) => {
    const error = storeError(() => act(makeStore()));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('reports every field cause of an Invalid error', () => {
    const error = storeError(() => makeStore().create('daemonsets', makeDs('a', { selector: undefined, restartPolicy: 'Never' })));
    expect(error.details?.causes?.map((cause) => [cause.field, cause.reason])).toEqual([
      ['spec.selector', 'FieldValueRequired'],
      ['spec.template.spec.restartPolicy', 'FieldValueNotSupported'],
    ]);
    expect(error.message).toMatch(/^DaemonSet\.apps "a" is invalid: \[spec\.selector: Required value, /);
  });

  it('dry run validates and changes nothing', () => {
    const store = makeStore();
    const rv = store.currentResourceVersion();
    expect(store.create('daemonsets', makeDs('a'), { dryRun: true }).metadata.name).toBe('a');
    expect(store.get('daemonsets', 'kube-system', 'a')).toBeUndefined();
    expect(store.currentResourceVersion()).toBe(rv);
  });

  it('hands out deep copies', () => {
    const store = makeStore();
    const created = store.create('daemonsets', makeDs('a'));
    (created.metadata.labels ??= {}).mutated = 'yes';
    const got = store.get('daemonsets', 'kube-system', 'a');
    if (!got) throw new Error('missing');
    got.metadata.name = 'changed';
    expect(store.get('daemonsets', 'kube-system', 'a')?.metadata.labels).toBeUndefined();
    expect(store.list('daemonsets').items[0]?.metadata.name).toBe('a');
  });
});

describe('createStore: memory', () => {
  it('shares identical subtrees between stored pods, while copies handed out stay independent', () => {
    const store = makeStore();
    store.create('pods', makePod('a', { nodeName: 'n1', owner: 'u1' }));
    store.create('pods', makePod('b', { nodeName: 'n2', owner: 'u1' }));
    const [a, b] = [...store.scan('pods', 'kube-system')];
    const containers = (pod: KObject | undefined): unknown => (pod?.spec as { containers?: unknown } | undefined)?.containers;
    expect(containers(a)).toBe(containers(b));
    expect(a?.metadata.ownerReferences).toBe(b?.metadata.ownerReferences);
    const copy = store.get('pods', 'kube-system', 'a');
    const first = (copy?.spec as { containers: { image: string }[] }).containers[0];
    if (first) first.image = 'changed';
    expect((containers(b) as { image: string }[])[0]?.image).toBe('agent:1');
  });
});

describe('createStore: update (daemonset strategy)', () => {
  type Case = { name: string; change: (ds: KObject) => void; generation: number; templateGeneration: string };
  const setImage = (image: string) => (ds: KObject) => {
    const template = (ds.spec as { template: { spec: { containers: { image: string }[] } } }).template;
    const first = template.spec.containers[0];
    if (first) first.image = image;
  };
  const cases: Case[] = [
    { name: 'template change bumps both', change: setImage('agent:2'), generation: 2, templateGeneration: '2' },
    { name: 'spec change outside template bumps generation only', change: (ds) => void ((ds.spec as Record<string, unknown>).minReadySeconds = 5), generation: 2, templateGeneration: '1' },
    { name: 'label change bumps nothing', change: (ds) => void (ds.metadata.labels = { team: 'x' }), generation: 1, templateGeneration: '1' },
  ];
  it.each(cases)('$name', ({ change, generation, templateGeneration }) => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('a'));
    change(ds);
    const updated = store.update('daemonsets', ds);
    expect(updated.metadata.generation).toBe(generation);
    expect(updated.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe(templateGeneration);
  });

  it('answers a stale resourceVersion with the upstream Conflict', () => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('a'));
    store.update('daemonsets', { ...ds, metadata: { ...ds.metadata, labels: { v: '1' } } });
    const error = storeError(() => store.update('daemonsets', { ...ds, metadata: { ...ds.metadata, labels: { v: '2' } } }));
    expect(error.code).toBe(409);
    expect(error.reason).toBe('Conflict');
    expect(error.message).toBe('Operation cannot be fulfilled on daemonsets.apps "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('keeps the selector immutable', () => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('a'));
    const next = { ...ds, spec: { ...(ds.spec as object), selector: { matchLabels: { app: 'a', extra: 'x' } } } };
    const error = storeError(() => store.update('daemonsets', next));
    expect(error.details?.causes?.some((cause) => cause.field === 'spec.selector' && cause.message.endsWith('field is immutable'))).toBe(true);
  });

  it('changes only status through the status subresource, and never status through the main resource', () => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('a'));
    const viaStatus = store.update('daemonsets', { ...ds, metadata: { ...ds.metadata, labels: { ignored: 'yes' } }, status: { desiredNumberScheduled: 3 } }, { subresource: 'status' });
    expect(viaStatus.status).toEqual({ desiredNumberScheduled: 3 });
    expect(viaStatus.metadata.labels).toBeUndefined();
    expect(viaStatus.metadata.generation).toBe(1);
    const viaMain = store.update('daemonsets', { ...viaStatus, status: { desiredNumberScheduled: 99 } });
    expect(viaMain.status).toEqual({ desiredNumberScheduled: 3 });
  });

  it('commits nothing for a write that changes nothing', () => {
    const store = makeStore();
    const ds = store.create('daemonsets', makeDs('a'));
    const events: StoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    const same = store.update('daemonsets', ds);
    expect(same.metadata.resourceVersion).toBe(ds.metadata.resourceVersion);
    expect(events).toEqual([]);
  });

  it('answers NotFound for an update of a missing object', () => {
    expect(storeError(() => makeStore().update('nodes', { metadata: { name: 'n1' } })).message).toBe('nodes "n1" not found');
  });
});

describe('createStore: delete', () => {
  it.each([
    { name: 'default grace 30 s', pod: makePod('p', { nodeName: 'n1' }), requested: undefined, grace: 30 },
    { name: "the pod's own terminationGracePeriodSeconds", pod: makePod('p', { nodeName: 'n1', grace: 5 }), requested: undefined, grace: 5 },
    { name: 'the request overrides', pod: makePod('p', { nodeName: 'n1', grace: 5 }), requested: 2, grace: 2 },
  ])('marks a scheduled pod terminating: $name', ({ pod, requested, grace }) => {
    const store = makeStore();
    store.create('pods', pod);
    const marked = store.delete('pods', 'kube-system', 'p', requested === undefined ? {} : { gracePeriodSeconds: requested });
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(grace);
    expect(marked.metadata.deletionTimestamp).toBe(new Date(T0 + grace * 1000).toISOString().replace('.000', ''));
    expect(store.get('pods', 'kube-system', 'p')?.metadata.deletionTimestamp).toBe(marked.metadata.deletionTimestamp);
  });

  it.each([
    { name: 'grace 0', pod: makePod('p', { nodeName: 'n1' }), requested: 0 },
    { name: 'an unscheduled pod', pod: makePod('p'), requested: undefined },
    { name: 'a terminal pod', pod: makePod('p', { nodeName: 'n1', phase: 'Succeeded' }), requested: undefined },
  ])('removes at once: $name', ({ pod, requested }) => {
    const store = makeStore();
    store.create('pods', pod);
    const events: StoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    store.delete('pods', 'kube-system', 'p', requested === undefined ? {} : { gracePeriodSeconds: requested });
    expect(store.get('pods', 'kube-system', 'p')).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['DELETED']);
  });

  it('checks preconditions', () => {
    const store = makeStore();
    store.create('nodes', { metadata: { name: 'n1' } });
    const error = storeError(() => store.delete('nodes', undefined, 'n1', { preconditions: { uid: 'other' } }));
    expect(error.code).toBe(409);
    expect(error.message).toMatch(/^Operation cannot be fulfilled on nodes "n1": Precondition failed: UID in precondition: other/);
  });

  it('garbage-collects the pods and revisions of a deleted DaemonSet, or orphans them', () => {
    for (const policy of ['Background', 'Orphan'] as const) {
      const store = makeStore();
      const ds = store.create('daemonsets', makeDs('x'));
      const uid = ds.metadata.uid ?? '';
      store.create('pods', makePod('x-1', { nodeName: 'n1', owner: uid }));
      store.create('pods', makePod('x-2', { owner: uid }));
      store.create('pods', makePod('other', { nodeName: 'n1' }));
      store.create('controllerrevisions', { metadata: { name: 'x-abc', namespace: 'kube-system', ownerReferences: [{ uid, controller: true }] }, revision: 1, data: {} });
      store.delete('daemonsets', 'kube-system', 'x', { propagationPolicy: policy });
      const pods = store.list('pods').items;
      if (policy === 'Orphan') {
        expect(pods.map((pod) => [pod.metadata.name, pod.metadata.ownerReferences ?? []])).toEqual([['other', []], ['x-1', []], ['x-2', []]]);
        expect(store.count('controllerrevisions')).toBe(1);
      } else {
        // x-1 is scheduled, so it terminates gracefully; x-2 never was, so it goes at once.
        expect(pods.map((pod) => [pod.metadata.name, pod.metadata.deletionTimestamp !== undefined])).toEqual([['other', false], ['x-1', true]]);
        expect(store.count('controllerrevisions')).toBe(0);
      }
    }
  });
});

describe('createStore: history and watch resume', () => {
  it('replays events after a resourceVersion in order, without gaps or duplicates', () => {
    const store = makeStore();
    const from = store.currentResourceVersion();
    const seen: string[] = [];
    store.subscribe((event) => seen.push(`${event.type}:${event.object.metadata.name}@${event.resourceVersion}`));
    store.create('nodes', { metadata: { name: 'n1' } });
    store.create('nodes', { metadata: { name: 'n2' } });
    store.update('nodes', { metadata: { name: 'n1', labels: { a: 'b' } } });
    store.delete('nodes', undefined, 'n2');
    const replay = store.eventsSince('nodes', from).map((event) => `${event.type}:${event.object.metadata.name}@${event.resourceVersion}`);
    expect(replay).toEqual(seen);
    const versions = replay.map((entry) => Number(entry.split('@')[1]));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(store.eventsSince('nodes', String(versions[1]))).toHaveLength(2);
  });

  it('answers Gone for a resourceVersion older than the window, and after compaction', () => {
    const store = makeStore(2);
    const from = store.currentResourceVersion();
    for (const name of ['n1', 'n2', 'n3']) store.create('nodes', { metadata: { name } });
    const error = storeError(() => store.eventsSince('nodes', from));
    expect(error.code).toBe(410);
    expect(error.message).toMatch(/^too old resource version: /);
    const recent = store.currentResourceVersion();
    expect(store.eventsSince('nodes', recent)).toEqual([]);
    store.compactHistory();
    store.create('nodes', { metadata: { name: 'n4' } });
    expect(storeError(() => store.eventsSince('nodes', String(Number(recent) - 1))).code).toBe(410);
    expect(store.eventsSince('nodes', recent).map((event) => event.object.metadata.name)).toEqual(['n4']);
  });

  it('rejects a malformed resourceVersion', () => {
    expect(storeError(() => makeStore().eventsSince('nodes', 'abc')).code).toBe(400);
  });

  it('answers 504 "Too large resource version" for one it has not reached (upstream ResourceVersionTooLarge)', () => {
    const store = makeStore();
    const error = storeError(() => store.eventsSince('nodes', String(Number(store.currentResourceVersion()) + 5)));
    expect([error.code, error.reason, error.details?.causes?.[0]?.reason, error.details?.retryAfterSeconds]).toEqual([504, 'Timeout', 'ResourceVersionTooLarge', 1]);
    expect(error.message).toMatch(/^Timeout: Too large resource version: \d+, current: \d+$/);
  });
});

describe('createStore copyOf: an API server restart over the same store', () => {
  it('keeps every object, uid and resourceVersion, forgets the history, and goes on from the same resourceVersion', () => {
    const old = makeStore();
    const from = old.currentResourceVersion();
    old.create('nodes', { metadata: { name: 'n1' } });
    old.create('daemonsets', makeDs('agent'));
    const copy = createStore({ clock: manualClock(), copyOf: old });
    const names = (store: SimStore) => ['namespaces', 'nodes', 'daemonsets'].flatMap((kind) => store.list(kind as 'nodes').items.map((o) => `${o.metadata.name} ${o.metadata.uid} ${o.metadata.resourceVersion}`));
    expect(names(copy)).toEqual(names(old));
    expect(copy.currentResourceVersion()).toBe(old.currentResourceVersion());
    // A watch that missed events cannot resume; one that saw everything can.
    expect(storeError(() => copy.eventsSince('nodes', from)).code).toBe(410);
    expect(copy.eventsSince('nodes', copy.currentResourceVersion())).toEqual([]);
    const created = copy.create('nodes', { metadata: { name: 'n2' } });
    expect(Number(created.metadata.resourceVersion)).toBe(Number(old.currentResourceVersion()) + 1);
    expect(old.get('nodes', undefined, 'n2')).toBeUndefined();
  });
});

describe('createStore: bad input is expected input', () => {
  it('answers arbitrary JSON with a StoreError or an object, never a crash', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const shaped = fc.record({
      metadata: fc.oneof(json, fc.record({ name: fc.oneof(fc.constant('x'), json), namespace: fc.oneof(fc.constant('kube-system'), json), labels: json, annotations: json }, { requiredKeys: [] })),
      spec: fc.oneof(json, fc.record({ selector: json, template: fc.oneof(json, fc.record({ metadata: json, spec: fc.oneof(json, fc.record({ containers: json, restartPolicy: json })) })), updateStrategy: json }, { requiredKeys: [] })),
      status: json,
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.constantFrom('daemonsets', 'pods', 'nodes', 'controllerrevisions') as fc.Arbitrary<'daemonsets' | 'pods' | 'nodes' | 'controllerrevisions'>, shaped, (kind, input) => {
      const store = makeStore();
      try {
        const created = store.create(kind, input as KObject);
        expect(typeof created.metadata.name).toBe('string');
      } catch (error) {
        expect(error).toBeInstanceOf(StoreError);
      }
    }), { numRuns: 400 });
  });
});
