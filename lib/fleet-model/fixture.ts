/**
 * A deterministic fleet of any size, from a seed: nodes of several kinds (control plane, edge,
 * storage, arm64, NotReady), DaemonSets with different placement rules, their pods in every cell
 * state, and two ControllerRevisions each. Used by the bench, the UI's static first page and tests.
 * Pods of one DaemonSet share their immutable sub-objects, so 250,000 pods fit in a modest heap.
 */
import { computeDaemonSetStatus } from '../daemon-status';
import { compileEligibility } from '../eligibility';
import {
  WellKnown,
  type Affinity,
  type ControllerRevision,
  type DaemonSet,
  type Node,
  type Pod,
  type PodCondition,
} from '../k8s-types';
import { makeDaemonSet, makeNode, makeRevision, taint } from './builders';
import type { FleetObjects } from './types';

/** Parameters of {@link makeScaleFleet}. */
export interface ScaleFleetOptions {
  nodes: number;
  daemonSets: number;
  seed: number;
}

/** A generated fleet plus the instant its timestamps are relative to. */
export interface ScaleFleet extends FleetObjects {
  nodes: Node[];
  daemonSets: DaemonSet[];
  pods: Pod[];
  controllerRevisions: ControllerRevision[];
  /** Epoch ms the fleet is "observed" at; pass it as `now`. */
  now: number;
}

/** The instant every fixture is observed at: 2026-06-01T12:00:00Z. */
export const FIXTURE_NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function hashFrom(random: () => number): string {
  let hash = '';
  for (let i = 0; i < 10; i++) hash += HASH_ALPHABET[Math.floor(random() * HASH_ALPHABET.length)] ?? 'b';
  return hash;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** One node of the fleet; its kind follows from its index and the PRNG. */
function scaleNode(index: number, random: () => number): Node {
  const name = `node-${String(index).padStart(5, '0')}`;
  const roll = random();
  const labels: Record<string, string> = {
    'kubernetes.io/arch': roll < 0.2 ? 'arm64' : 'amd64',
    'topology.kubernetes.io/zone': `zone-${index % 3}`,
  };
  const taints = [];
  if (index < 3) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    taints.push(taint('node-role.kubernetes.io/control-plane', 'NoSchedule'));
  } else if (roll >= 0.2 && roll < 0.3) labels['node-role.example/edge'] = 'true';
  else if (roll >= 0.3 && roll < 0.4) labels['node-role.example/storage'] = 'true';
  const state = random();
  if (state < 0.005)
    taints.push(
      taint('node.kubernetes.io/not-ready', 'NoSchedule'),
      taint('node.kubernetes.io/not-ready', 'NoExecute'),
    );
  else if (state < 0.01) taints.push(taint('node.kubernetes.io/disk-pressure', 'NoSchedule'));
  else if (state < 0.02) taints.push(taint('example.com/dedicated', 'NoSchedule', 'gpu'));
  return makeNode(name, { labels, taints });
}

/** One DaemonSet; every fifth tolerates everything, some select amd64 or storage nodes, some use surge or minReadySeconds. */
function scaleDaemonSet(index: number, random: () => number): DaemonSet {
  const kind = index % 5;
  const rolling = random() < 0.3;
  return makeDaemonSet(`agent-${String(index).padStart(2, '0')}`, {
    namespace: index % 2 === 0 ? 'kube-system' : 'monitoring',
    uid: `ds-uid-${index}`,
    generation: rolling ? 2 : 1,
    tolerations: kind === 0 ? [{ operator: 'Exists' }] : undefined,
    nodeSelector:
      kind === 1
        ? { 'kubernetes.io/arch': 'amd64' }
        : index % 10 === 2
          ? { 'node-role.example/storage': 'true' }
          : undefined,
    image: `registry.example/agent-${index}:${rolling ? 2 : 1}`,
    minReadySeconds: kind === 3 ? 30 : 0,
    updateStrategy:
      kind === 4
        ? { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } }
        : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
  });
}

/** Pod building blocks shared by every pod of one DaemonSet revision. */
interface PodParts {
  labels: Record<string, string>;
  owners: NonNullable<Pod['metadata']>['ownerReferences'];
}

function podParts(daemonSet: DaemonSet, hash: string, generation: number): PodParts {
  const name = daemonSet.metadata?.name ?? '';
  return {
    labels: {
      app: name,
      [WellKnown.controllerRevisionHash]: hash,
      [WellKnown.podTemplateGeneration]: String(generation),
    },
    owners: [
      { apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: daemonSet.metadata?.uid, controller: true },
    ],
  };
}

/** Shared status shapes, indexed by what the PRNG picks. */
const READY_LONG_AGO: PodCondition[] = [
  { type: 'Ready', status: 'True', lastTransitionTime: iso(FIXTURE_NOW - 86_400_000) },
];
const READY_JUST_NOW: PodCondition[] = [
  { type: 'Ready', status: 'True', lastTransitionTime: iso(FIXTURE_NOW - 5_000) },
];
const NOT_READY: PodCondition[] = [
  { type: 'Ready', status: 'False', lastTransitionTime: iso(FIXTURE_NOW - 60_000) },
];
const CREATED = iso(FIXTURE_NOW - 3_600_000);
const PULL_BACKOFF = [
  {
    name: 'agent',
    ready: false,
    state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
  },
];

/** The required node affinity the controller pins a daemon pod to `nodeName` with. */
function pinnedTo(nodeName: string): Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
      },
    },
  };
}

function scalePod(
  nodeName: string,
  affinity: Affinity,
  daemonSet: DaemonSet,
  parts: PodParts,
  random: () => number,
): Pod {
  const dsName = daemonSet.metadata?.name ?? '';
  const roll = random();
  const failing = roll < 0.003;
  const conditions = failing || roll < 0.01 ? NOT_READY : roll < 0.02 ? READY_JUST_NOW : READY_LONG_AGO;
  return {
    metadata: {
      name: `${dsName}-${nodeName}`,
      namespace: daemonSet.metadata?.namespace,
      uid: `${dsName}-${nodeName}`,
      labels: parts.labels,
      creationTimestamp: CREATED,
      ownerReferences: parts.owners,
    },
    spec: { nodeName, affinity },
    status: {
      phase: failing || conditions === NOT_READY ? 'Pending' : 'Running',
      conditions,
      containerStatuses: failing ? PULL_BACKOFF : [],
    },
  };
}

/** The older template of a rolled DaemonSet: the same one with the previous image. */
function previousTemplate(daemonSet: DaemonSet): DaemonSet {
  const containers = (daemonSet.spec?.template?.spec?.containers ?? []).map((c) => ({
    ...c,
    image: c.image?.replace(/:2$/, ':1'),
  }));
  return {
    ...daemonSet,
    spec: {
      ...daemonSet.spec,
      template: { ...daemonSet.spec?.template, spec: { ...daemonSet.spec?.template?.spec, containers } },
    },
  };
}

/** The pods, revisions and reported status of one DaemonSet over the whole node list. */
function populate(
  daemonSet: DaemonSet,
  nodes: readonly Node[],
  affinities: readonly Affinity[],
  random: () => number,
  fleet: ScaleFleet,
): void {
  const current = hashFrom(random);
  const generation = daemonSet.metadata?.generation ?? 1;
  const rolling = generation > 1;
  const previous = rolling ? hashFrom(random) : undefined;
  fleet.controllerRevisions.push(makeRevision(daemonSet, current, rolling ? 2 : 1));
  if (previous !== undefined)
    fleet.controllerRevisions.push(makeRevision(previousTemplate(daemonSet), previous, 1));
  const newParts = podParts(daemonSet, current, generation);
  const oldParts = previous === undefined ? newParts : podParts(daemonSet, previous, generation - 1);
  const eligibility = compileEligibility(daemonSet);
  const pods: Pod[] = [];
  for (const [index, node] of nodes.entries()) {
    const name = node.metadata?.name ?? '';
    const verdict = eligibility(node);
    // Pods stay behind where an untolerated NoSchedule taint arrived later: misscheduled cells.
    if (!verdict.shouldContinueRunning) continue;
    if (verdict.shouldRun && random() < 0.004) continue; // missing
    const parts = rolling && random() < 0.5 ? oldParts : newParts;
    pods.push(scalePod(name, affinities[index] ?? pinnedTo(name), daemonSet, parts, random));
  }
  // The controller would have written what the pods imply.
  const counters = computeDaemonSetStatus({
    daemonSet,
    nodes,
    pods,
    currentRevisionHash: current,
    now: fleet.now,
    eligibility,
  });
  daemonSet.status = { ...counters, observedGeneration: generation };
  for (const pod of pods) fleet.pods.push(pod);
}

/** A deterministic fleet of `nodes` nodes and `daemonSets` DaemonSets for a given seed. */
export function makeScaleFleet(options: ScaleFleetOptions): ScaleFleet {
  const random = prng(options.seed);
  const fleet: ScaleFleet = {
    nodes: [],
    daemonSets: [],
    pods: [],
    controllerRevisions: [],
    now: FIXTURE_NOW,
  };
  for (let i = 0; i < options.nodes; i++) fleet.nodes.push(scaleNode(i, random));
  for (let i = 0; i < options.daemonSets; i++) fleet.daemonSets.push(scaleDaemonSet(i, random));
  // Pods of different DaemonSets on one node share its (immutable) affinity object.
  const affinities = fleet.nodes.map((node) => pinnedTo(node.metadata?.name ?? ''));
  for (const daemonSet of fleet.daemonSets) populate(daemonSet, fleet.nodes, affinities, random, fleet);
  return fleet;
}
