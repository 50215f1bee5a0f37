import 'server-only';
import { type ControllerRevision, type DaemonSet, type KubeEvent, type Node, type Pod } from '@/lib/k8s-types';
import { type KObject, type ResourceKind } from '../../store-types';
import { isJsonObject } from '../json-value';
import { formatLabelSelector } from '../label-selector';
import { ageSince } from './human-duration';
import { summarizePod } from './pod-status';

/** One table row's cells, in the order of COLUMNS[kind]. */
export type Cells = (string | number)[];

const NONE = '<none>';

/** `labels.FormatLabels`: sorted `k=v` pairs, or `<none>`. */
function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? NONE : keys.map((key) => `${key}=${labels?.[key] ?? ''}`).join(',');
}

/** `findNodeRoles`: the suffixes of `node-role.kubernetes.io/<role>` plus `kubernetes.io/role`. */
function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return roles.size === 0 ? NONE : [...roles].sort().join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((address) => address.type === type)?.address || NONE;
}

function nodeCells(node: Node, now: number): Cells {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  const info = (node.status?.nodeInfo ?? {}) as Record<string, string | undefined>;
  return [
    node.metadata?.name ?? '', status.join(','), nodeRoles(node), ageSince(node.metadata?.creationTimestamp, now),
    info.kubeletVersion ?? '', nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
    info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
  ];
}

/** The latest `lastState.terminated.finishedAt` of any container, for `3 (5m ago)`. */
function lastRestart(pod: Pod): string | undefined {
  let latest: string | undefined;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const lastState = (status as Record<string, unknown>).lastState;
    const terminated = isJsonObject(lastState) && isJsonObject(lastState.terminated) ? lastState.terminated : undefined;
    const finishedAt = terminated?.finishedAt;
    if (typeof finishedAt === 'string' && (latest === undefined || finishedAt > latest)) latest = finishedAt;
  }
  return latest;
}

function podCells(pod: Pod, now: number): Cells {
  const summary = summarizePod(pod);
  const last = lastRestart(pod);
  const restarts = summary.restarts !== 0 && last ? `${summary.restarts} (${ageSince(last, now)} ago)` : String(summary.restarts);
  const status = (pod.status ?? {}) as Record<string, unknown>;
  const gates = Array.isArray(pod.spec?.readinessGates) ? (pod.spec.readinessGates as { conditionType?: string }[]) : [];
  const trueConditions = new Set((pod.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type));
  const readinessGates = gates.length === 0 ? NONE : `${gates.filter((g) => trueConditions.has(g.conditionType)).length}/${gates.length}`;
  return [
    pod.metadata?.name ?? '', summary.ready, summary.status, restarts, ageSince(pod.metadata?.creationTimestamp, now),
    typeof status.podIP === 'string' && status.podIP ? status.podIP : NONE,
    pod.spec?.nodeName || NONE,
    typeof status.nominatedNodeName === 'string' && status.nominatedNodeName ? status.nominatedNodeName : NONE,
    readinessGates,
  ];
}

function daemonSetCells(ds: DaemonSet, now: number): Cells {
  const status = ds.status ?? {};
  const containers = ds.spec?.template?.spec?.containers ?? [];
  return [
    ds.metadata?.name ?? '', status.desiredNumberScheduled ?? 0, status.currentNumberScheduled ?? 0, status.numberReady ?? 0,
    status.updatedNumberScheduled ?? 0, status.numberAvailable ?? 0, formatLabels(ds.spec?.template?.spec?.nodeSelector),
    ageSince(ds.metadata?.creationTimestamp, now), containers.map((c) => c.name ?? '').join(','),
    containers.map((c) => c.image ?? '').join(','), formatLabelSelector(ds.spec?.selector),
  ];
}

function revisionCells(revision: ControllerRevision, now: number): Cells {
  const owner = revision.metadata?.ownerReferences?.find((ref) => ref.controller);
  let controller = NONE;
  if (owner) {
    const group = (owner.apiVersion ?? '').includes('/') ? (owner.apiVersion ?? '').split('/')[0] : '';
    const kind = `${owner.kind ?? ''}${group ? `.${group}` : ''}`.toLowerCase();
    controller = kind ? `${kind}/${owner.name ?? ''}` : (owner.name ?? '');
  }
  return [revision.metadata?.name ?? '', controller, revision.revision ?? 0, ageSince(revision.metadata?.creationTimestamp, now)];
}

function eventCells(event: KubeEvent, now: number): Cells {
  const series = (event as Record<string, unknown>).series;
  const lastObserved = isJsonObject(series) ? series.lastObservedTime : undefined;
  const last = lastObserved ?? event.lastTimestamp ?? event.eventTime;
  const first = event.firstTimestamp ?? event.eventTime;
  const involved = event.involvedObject ?? {};
  const fieldPath = (involved as Record<string, unknown>).fieldPath;
  const source = [event.source?.component, event.source?.host].filter(Boolean).join(', ');
  return [
    ageSince(last, now), event.type ?? '', event.reason ?? '', `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
    typeof fieldPath === 'string' ? fieldPath : '', source, (event.message ?? '').trim(), ageSince(first, now),
    event.count ?? 1, event.metadata?.name ?? '',
  ];
}

/** The cells of one object as `kubectl get` shows them (all columns; kubectl hides priority 1 unless `-o wide`). */
export function rowCells(kind: ResourceKind, object: KObject, now: number): Cells {
  switch (kind) {
    case 'nodes': return nodeCells(object as Node, now);
    case 'pods': return podCells(object as Pod, now);
    case 'daemonsets': return daemonSetCells(object as DaemonSet, now);
    case 'controllerrevisions': return revisionCells(object as ControllerRevision, now);
    case 'events': return eventCells(object as KubeEvent, now);
    case 'namespaces': {
      const phase = isJsonObject(object.status) ? object.status.phase : undefined;
      return [object.metadata.name, typeof phase === 'string' ? phase : '', ageSince(object.metadata.creationTimestamp, now)];
    }
  }
}
