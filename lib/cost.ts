/**
 * What a DaemonSet costs the fleet: the effective requests and limits of one daemon pod, as the
 * scheduler counts them (kubernetes/component-helpers resource/helpers.go `PodRequests`, `PodLimits`),
 * times the nodes it runs on, and the share of a node's allocatable the daemons take.
 * Sums are exact (lib/quantity); amounts leave this module as canonical quantity strings.
 */
import type { Container, DaemonSet, PodTemplateSpec } from './k8s-types';
import {
  addQuantities,
  formatQuantity,
  maxQuantity,
  multiplyQuantity,
  parseQuantity,
  quantityRatio,
  type Quantity,
} from './quantity';

/** Resource name → canonical quantity text (`cpu: "250m"`, `memory: "1536Mi"`). */
export type ResourceAmounts = Record<string, string>;

/** Requests and limits of one pod or of many. */
export interface ResourceTotals {
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/** One DaemonSet's cost: per pod, and for every desired node. */
export interface DaemonSetCost {
  namespace: string;
  name: string;
  desiredNumberScheduled: number;
  perPod: ResourceTotals;
  total: ResourceTotals;
  /** Values that could not be read (malformed quantities), each naming its field; they count as absent. */
  problems: string[];
}

/** The fleet's cost: each DaemonSet's, and their sum. */
export interface FleetCost {
  daemonSets: DaemonSetCost[];
  total: ResourceTotals;
}

type ResourceList = Map<string, Quantity>;
type Kind = 'requests' | 'limits';

/** Resources that pod-level `spec.resources` may set (upstream `IsSupportedPodLevelResource`). */
const POD_LEVEL_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a wire resource list, reporting malformed entries instead of failing the whole pod. */
function readList(raw: unknown, path: string, problems: string[]): ResourceList {
  const list: ResourceList = new Map();
  if (!isRecord(raw)) return list;
  for (const [name, value] of Object.entries(raw)) {
    try {
      list.set(name, parseQuantity(value as string | number));
    } catch (error) {
      problems.push(`${path}[${name}]: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return list;
}

function addInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const current = target.get(name);
    target.set(name, current === undefined ? quantity : addQuantities(current, quantity));
  }
}

function maxInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const current = target.get(name);
    target.set(name, current === undefined ? quantity : maxQuantity(current, quantity));
  }
}

/** A container's list; for requests, a limit stands in for a missing request, as pod defaulting does. */
function containerList(container: Container, kind: Kind, path: string, problems: string[]): ResourceList {
  const limits = readList(container?.resources?.limits, `${path}.resources.limits`, kind === 'limits' ? problems : []);
  if (kind === 'limits') return limits;
  const requests = readList(container?.resources?.requests, `${path}.resources.requests`, problems);
  for (const [name, limit] of limits) if (!requests.has(name)) requests.set(name, limit);
  return requests;
}

/**
 * Upstream `AggregateContainerRequests`/`AggregateContainerLimits`: the sum of the containers plus
 * sidecars (restartable init containers), but at least what any init container needs while it runs
 * beside the sidecars started before it.
 */
function aggregateContainers(template: PodTemplateSpec | undefined, kind: Kind, problems: string[]): ResourceList {
  const total: ResourceList = new Map();
  (template?.spec?.containers ?? []).forEach((container, i) => {
    addInto(total, containerList(container, kind, `spec.template.spec.containers[${i}]`, problems));
  });
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  (template?.spec?.initContainers ?? []).forEach((container, i) => {
    const own = containerList(container, kind, `spec.template.spec.initContainers[${i}]`, problems);
    if (container?.restartPolicy === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const running: ResourceList = new Map(own);
      addInto(running, sidecars);
      maxInto(initPeak, running);
    }
  });
  maxInto(total, initPeak);
  return total;
}

/** Upstream `PodRequests`/`PodLimits`: containers, pod-level cpu/memory overrides, then the pod overhead. */
function podResources(template: PodTemplateSpec | undefined, kind: Kind, problems: string[]): ResourceList {
  const list = aggregateContainers(template, kind, problems);
  const podLevel = isRecord(template?.spec?.resources) ? template.spec.resources[kind] : undefined;
  for (const [name, quantity] of readList(podLevel, `spec.template.spec.resources.${kind}`, problems)) {
    if (POD_LEVEL_RESOURCES.has(name)) list.set(name, quantity);
  }
  for (const [name, quantity] of readList(template?.spec?.overhead, 'spec.template.spec.overhead', kind === 'requests' ? problems : [])) {
    const current = list.get(name);
    // Requests gain every overhead entry; limits only those they already have.
    if (current !== undefined) list.set(name, addQuantities(current, quantity));
    else if (kind === 'requests') list.set(name, quantity);
  }
  return list;
}

function toAmounts(list: ResourceList): ResourceAmounts {
  const amounts: ResourceAmounts = {};
  for (const name of [...list.keys()].sort()) {
    const quantity = list.get(name);
    if (quantity !== undefined) amounts[name] = formatQuantity(quantity);
  }
  return amounts;
}

function scaleList(list: ResourceList, factor: number): ResourceList {
  return new Map([...list].map(([name, quantity]) => [name, multiplyQuantity(quantity, factor)]));
}

function readAmounts(amounts: ResourceAmounts): ResourceList {
  return readList(amounts, 'amounts', []);
}

/** One daemon pod's effective requests and limits, and the values that could not be read. */
export function podTemplateResources(template: PodTemplateSpec | undefined): ResourceTotals & { problems: string[] } {
  const problems: string[] = [];
  const requests = toAmounts(podResources(template, 'requests', problems));
  const limits = toAmounts(podResources(template, 'limits', problems));
  return { requests, limits, problems };
}

/** A DaemonSet's per-pod requests and limits, and those times `desiredNumberScheduled` nodes. */
export function daemonSetCost(ds: DaemonSet, desiredNumberScheduled: number): DaemonSetCost {
  const problems: string[] = [];
  const template = ds.spec?.template;
  const requests = podResources(template, 'requests', problems);
  const limits = podResources(template, 'limits', problems);
  const nodes = Number.isSafeInteger(desiredNumberScheduled) && desiredNumberScheduled > 0 ? desiredNumberScheduled : 0;
  return {
    namespace: ds.metadata?.namespace ?? '',
    name: ds.metadata?.name ?? '',
    desiredNumberScheduled: nodes,
    perPod: { requests: toAmounts(requests), limits: toAmounts(limits) },
    total: { requests: toAmounts(scaleList(requests, nodes)), limits: toAmounts(scaleList(limits, nodes)) },
    problems,
  };
}

/** Sums resource amounts (canonical strings in, canonical strings out). */
export function sumAmounts(amounts: readonly ResourceAmounts[]): ResourceAmounts {
  const total: ResourceList = new Map();
  for (const entry of amounts) addInto(total, readAmounts(entry));
  return toAmounts(total);
}

/** Every DaemonSet's cost and the fleet total. */
export function fleetCost(entries: readonly { daemonSet: DaemonSet; desiredNumberScheduled: number }[]): FleetCost {
  const daemonSets = entries.map((entry) => daemonSetCost(entry.daemonSet, entry.desiredNumberScheduled));
  return {
    daemonSets,
    total: {
      requests: sumAmounts(daemonSets.map((cost) => cost.total.requests)),
      limits: sumAmounts(daemonSets.map((cost) => cost.total.limits)),
    },
  };
}

/**
 * The share (0..1+, may exceed 1 when overcommitted) of a node's allocatable that these daemon pods'
 * requests take, per resource the node reports; resources with zero or unreadable allocatable are left out.
 */
export function nodeShare(perPodRequests: readonly ResourceAmounts[], allocatable: Record<string, string> | undefined): Record<string, number> {
  const used = readAmounts(sumAmounts(perPodRequests));
  const share: Record<string, number> = {};
  for (const [name, capacity] of readList(allocatable, 'allocatable', [])) {
    const ratio = quantityRatio(used.get(name) ?? parseQuantity(0), capacity);
    if (ratio !== undefined) share[name] = ratio;
  }
  return share;
}
