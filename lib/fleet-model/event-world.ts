/**
 * Test support for the FleetModel's properties: a small random "cluster" of nodes, DaemonSets, pods
 * and revisions, changed by commands that each yield the watch event the API server would send.
 * Test-only (it imports fast-check, a dev dependency): nothing outside the tests imports it.
 */
import fc from 'fast-check';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../k8s-types';
import { makeDaemonPod, makeDaemonSet, makeNode, makeRevision, taint } from './builders';
import type { FleetEvent, FleetObjects } from './types';

/** When every generated world starts. */
export const START = Date.parse('2026-01-01T01:00:00Z');
const NODES = 4;
const DAEMONSETS = 3;

/** The objects the "cluster" holds, by key, and the event that produced each change. */
export interface World {
  nodes: Map<string, Node>;
  daemonSets: Map<string, DaemonSet>;
  pods: Map<string, Pod>;
  revisions: Map<string, ControllerRevision>;
}

/** One change a test makes to the world. */
export type Command =
  | { op: 'node'; node: number; labels: number; taints: number }
  | { op: 'deleteNode'; node: number }
  | {
      op: 'daemonSet';
      ds: number;
      selector: number;
      tolerateAll: boolean;
      image: number;
      minReadySeconds: number;
      status: number;
    }
  | { op: 'deleteDaemonSet'; ds: number }
  | {
      op: 'pod';
      ds: number;
      node: number;
      variant: number;
      hash: number;
      readyAgo: number;
      phase: number;
      deleting: boolean;
      waiting: boolean;
    }
  | { op: 'deletePod'; ds: number; node: number; variant: number }
  | { op: 'revision'; ds: number; hash: number; revision: number }
  | { op: 'deleteRevision'; ds: number; hash: number }
  | { op: 'advance'; seconds: number };

const idx = (max: number) => fc.integer({ min: 0, max: max - 1 });
/** A random command. */
export const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('node' as const), node: idx(NODES), labels: idx(3), taints: idx(4) }),
  fc.record({ op: fc.constant('deleteNode' as const), node: idx(NODES) }),
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('daemonSet' as const),
      ds: idx(DAEMONSETS),
      selector: idx(3),
      tolerateAll: fc.boolean(),
      image: idx(2),
      minReadySeconds: fc.constantFrom(0, 30),
      status: idx(3),
    }),
  },
  fc.record({ op: fc.constant('deleteDaemonSet' as const), ds: idx(DAEMONSETS) }),
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('pod' as const),
      ds: idx(DAEMONSETS),
      node: idx(NODES + 1),
      variant: idx(2),
      hash: idx(3),
      readyAgo: fc.constantFrom(-1, 0, 10, 100),
      phase: idx(4),
      deleting: fc.boolean(),
      waiting: fc.boolean(),
    }),
  },
  fc.record({
    op: fc.constant('deletePod' as const),
    ds: idx(DAEMONSETS),
    node: idx(NODES + 1),
    variant: idx(2),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('revision' as const),
      ds: idx(DAEMONSETS),
      hash: idx(3),
      revision: fc.integer({ min: 1, max: 3 }),
    }),
  },
  fc.record({ op: fc.constant('deleteRevision' as const), ds: idx(DAEMONSETS), hash: idx(3) }),
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.constantFrom(5, 20, 40) }),
  },
);

/** Every node and DaemonSet exists at first (a minReadySeconds one among them), so events have cells to change. */
export const BASELINE: Command[] = [
  ...Array.from({ length: NODES }, (_, node): Command => ({ op: 'node', node, labels: node % 3, taints: 0 })),
  ...Array.from({ length: DAEMONSETS }, (_, ds): Command => ({
    op: 'daemonSet',
    ds,
    selector: 0,
    tolerateAll: ds === 2,
    image: 0,
    minReadySeconds: ds === 1 ? 30 : 0,
    status: 0,
  })),
];

const LABELS: Record<string, string>[] = [{}, { storage: 'true' }, { storage: 'true', arch: 'arm64' }];
const TAINTS = [
  [],
  [taint('dedicated', 'NoSchedule')],
  [taint('evict', 'NoExecute')],
  [taint('soft', 'PreferNoSchedule')],
];
const SELECTORS: (Record<string, string> | undefined)[] = [undefined, { storage: 'true' }, { arch: 'arm64' }];
const PHASES = [undefined, 'Running', 'Failed', 'Succeeded'];

function daemonSetOf(world: World, c: Extract<Command, { op: 'daemonSet' }>): DaemonSet {
  const before = world.daemonSets.get(`d${c.ds}`);
  const spec = {
    selector: c.selector,
    tolerateAll: c.tolerateAll,
    image: c.image,
    minReadySeconds: c.minReadySeconds,
  };
  const previous = before?.metadata?.annotations?.['spec-key'];
  const generation = (before?.metadata?.generation ?? 0) + (previous === JSON.stringify(spec) ? 0 : 1);
  const ds = makeDaemonSet(`d${c.ds}`, {
    generation,
    nodeSelector: SELECTORS[c.selector],
    tolerations: c.tolerateAll ? [{ operator: 'Exists' }] : undefined,
    image: `img:${c.image}`,
    minReadySeconds: c.minReadySeconds,
    status: { numberReady: c.status, observedGeneration: generation },
  });
  // The API server bumps generation on spec changes only; remember the spec to know.
  ds.metadata = {
    ...ds.metadata,
    annotations: { ...ds.metadata?.annotations, 'spec-key': JSON.stringify(spec) },
  };
  return ds;
}

function podOf(world: World, c: Extract<Command, { op: 'pod' }>, now: number): Pod {
  const ds = world.daemonSets.get(`d${c.ds}`) ?? makeDaemonSet(`d${c.ds}`);
  return makeDaemonPod(ds, `n${c.node}`, {
    name: `d${c.ds}-n${c.node}-${c.variant}`,
    hash: `h${c.hash}`,
    templateGeneration: c.hash,
    readySince: c.readyAgo < 0 ? undefined : new Date(now - c.readyAgo * 1000).toISOString(),
    created: `2026-01-01T00:00:0${c.variant}Z`,
    bound: c.variant === 0,
    phase: PHASES[c.phase],
    deleting: c.deleting,
    waiting: c.waiting ? 'CrashLoopBackOff' : undefined,
  });
}

/** Runs one command against the world; returns the watch event it makes, if any. */
export function step(world: World, c: Command, now: number): FleetEvent | undefined {
  const upsert = <T>(map: Map<string, T>, key: string, object: T) => {
    const type = map.has(key) ? ('MODIFIED' as const) : ('ADDED' as const);
    map.set(key, object);
    return type;
  };
  const remove = <T>(map: Map<string, T>, key: string): T | undefined => {
    const object = map.get(key);
    map.delete(key);
    return object;
  };
  switch (c.op) {
    case 'node': {
      const node = makeNode(`n${c.node}`, { labels: LABELS[c.labels], taints: TAINTS[c.taints] });
      return { kind: 'node', type: upsert(world.nodes, `n${c.node}`, node), object: node };
    }
    case 'deleteNode': {
      const node = remove(world.nodes, `n${c.node}`);
      return node && { kind: 'node', type: 'DELETED', object: node };
    }
    case 'daemonSet': {
      const ds = daemonSetOf(world, c);
      return { kind: 'daemonset', type: upsert(world.daemonSets, `d${c.ds}`, ds), object: ds };
    }
    case 'deleteDaemonSet': {
      const ds = remove(world.daemonSets, `d${c.ds}`);
      return ds && { kind: 'daemonset', type: 'DELETED', object: ds };
    }
    case 'pod': {
      const pod = podOf(world, c, now);
      return { kind: 'pod', type: upsert(world.pods, pod.metadata?.name ?? '', pod), object: pod };
    }
    case 'deletePod': {
      const pod = remove(world.pods, `d${c.ds}-n${c.node}-${c.variant}`);
      return pod && { kind: 'pod', type: 'DELETED', object: pod };
    }
    case 'revision': {
      const ds = world.daemonSets.get(`d${c.ds}`);
      if (ds === undefined) return undefined;
      const revision = makeRevision(ds, `h${c.hash}`, c.revision);
      return {
        kind: 'controllerrevision',
        type: upsert(world.revisions, `d${c.ds}-h${c.hash}`, revision),
        object: revision,
      };
    }
    case 'deleteRevision': {
      const revision = remove(world.revisions, `d${c.ds}-h${c.hash}`);
      return revision && { kind: 'controllerrevision', type: 'DELETED', object: revision };
    }
    case 'advance':
      return undefined;
  }
}

/** The world's objects as the lists a full rebuild takes. */
export function objectsOf(world: World): FleetObjects {
  return {
    nodes: [...world.nodes.values()],
    daemonSets: [...world.daemonSets.values()],
    pods: [...world.pods.values()],
    controllerRevisions: [...world.revisions.values()],
  };
}

/** A world without objects. */
export const emptyWorld = (): World => ({
  nodes: new Map(),
  daemonSets: new Map(),
  pods: new Map(),
  revisions: new Map(),
});
