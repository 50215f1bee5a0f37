/**
 * The few Kubernetes API calls the bench makes against the simulated cluster (plain fetch): read
 * DaemonSets and nodes, and patch them to cause a rollout or a cell change.
 */
import type { DaemonSet, Node } from '../../lib/k8s-types';

const JSON_HEADERS = { Accept: 'application/json' };

/** GETs a JSON document; throws with the API's message on an error status. */
export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: JSON_HEADERS });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${messageOf(body)}`);
  return JSON.parse(body) as T;
}

/** Sends a JSON merge patch; throws with the API's message on an error status. */
export async function mergePatch(base: string, path: string, patch: unknown): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method: 'PATCH',
    headers: { ...JSON_HEADERS, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`PATCH ${path}: HTTP ${response.status} ${messageOf(await response.text())}`);
}

function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

/** The API path of a DaemonSet. */
export function daemonSetPath(namespace: string, name: string): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/daemonsets/${encodeURIComponent(name)}`;
}

/** The API path of a node. */
export function nodePath(name: string): string {
  return `/api/v1/nodes/${encodeURIComponent(name)}`;
}

/** Every DaemonSet of the cluster. */
export async function listDaemonSets(base: string): Promise<DaemonSet[]> {
  return (await getJson<{ items?: DaemonSet[] }>(base, '/apis/apps/v1/daemonsets')).items ?? [];
}

/**
 * Whether a rollout has settled: the controller observed the new spec, and as many pods as were
 * available before it are now updated and available. (kubectl's own test, every desired pod
 * available, never passes in a fleet with NotReady nodes, whose old pods cannot be replaced.)
 */
export function hasSettled(daemonSet: DaemonSet, availableBefore: number): boolean {
  const status = daemonSet.status ?? {};
  const target = Math.min(availableBefore, status.desiredNumberScheduled ?? 0);
  return (
    (daemonSet.metadata?.generation ?? 0) <= (status.observedGeneration ?? 0) &&
    (status.updatedNumberScheduled ?? 0) >= target &&
    (status.numberAvailable ?? 0) >= target
  );
}

/** The DaemonSet the most nodes should run (the widest rollout), if any. */
export function widestDaemonSet(daemonSets: readonly DaemonSet[]): DaemonSet | undefined {
  let widest: DaemonSet | undefined;
  for (const daemonSet of daemonSets) {
    if (daemonSet.spec?.updateStrategy?.type === 'OnDelete') continue;
    if ((daemonSet.status?.desiredNumberScheduled ?? 0) > (widest?.status?.desiredNumberScheduled ?? -1)) widest = daemonSet;
  }
  return widest;
}

/** A merge patch that changes every container's image (suffix `tag`) and rolls `maxUnavailable` at a time. */
export function rolloutPatch(daemonSet: DaemonSet, tag: string, maxUnavailable: string): unknown {
  const containers = (daemonSet.spec?.template?.spec?.containers ?? []).map((container) => ({
    ...container,
    image: `${(container.image ?? 'image').replace(/-bench\d+$/, '')}-${tag}`,
  }));
  return {
    spec: {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } },
      template: { spec: { containers } },
    },
  };
}

/** A merge patch adding (or, with `present` false, removing) a NoSchedule taint on a node. */
export function probeTaintPatch(node: Node, key: string, present: boolean): unknown {
  const others = (node.spec?.taints ?? []).filter((taint) => taint.key !== key);
  return { spec: { taints: present ? [...others, { key, value: 'probe', effect: 'NoSchedule' }] : others } };
}
