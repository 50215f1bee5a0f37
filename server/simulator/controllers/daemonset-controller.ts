import 'server-only';
import type { Node } from '@/lib/k8s-types';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { ClusterCache } from './cluster-cache';
import { FailedPodBackoff } from './daemon-pod-writer';
import { syncDaemonSet } from './daemonset-sync';
import type { EventRecorder } from './events';
import { asNode, asPod, objectKey } from './objects';
import type { QueueRunner } from './work-queue';

export { BURST_REPLICAS } from './daemon-pod-writer';

/** Dependencies of the DaemonSet controller. */
export interface DaemonSetControllerDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  runner: QueueRunner;
  events: EventRecorder;
}

/** Whether a node update can change any DaemonSet's verdict (upstream `shouldIgnoreNodeUpdate`). */
function nodeVerdictInputsChanged(before: Node, after: Node): boolean {
  return (
    JSON.stringify(before.metadata?.labels ?? {}) !== JSON.stringify(after.metadata?.labels ?? {}) ||
    JSON.stringify(before.spec?.taints ?? []) !== JSON.stringify(after.spec?.taints ?? [])
  );
}

/**
 * Starts the DaemonSet controller (upstream pkg/controller/daemon): a coalescing work queue of
 * DaemonSet keys, fed from the cache by DaemonSet, pod, revision and node changes, each key synced by
 * `syncDaemonSet` outside the change listener.
 */
export function startDaemonSetController(deps: DaemonSetControllerDeps): { stop(): void } {
  const { cache } = deps;
  const syncDeps = { ...deps, backoff: new FailedPodBackoff(deps.clock) };
  const queue = deps.runner.queue('daemonset-controller', (key) => {
    const requeue = syncDaemonSet(syncDeps, key);
    if (requeue !== undefined) queue.addAfter(key, requeue.after);
  });
  const queueAll = (): void => {
    for (const key of cache.daemonSets.keys()) queue.add(key);
  };
  const keyByUid = new Map<string, string>();
  for (const [key, daemonSet] of cache.daemonSets) if (daemonSet.metadata?.uid) keyByUid.set(daemonSet.metadata.uid, key);
  const daemonSetKeyByUid = (uid: string | undefined): string | undefined => (uid ? keyByUid.get(uid) : undefined);

  const unsubscribe = cache.onChange((change) => {
    switch (change.kind) {
      case 'daemonsets': {
        const uid = change.object.metadata.uid;
        if (uid && change.type === 'DELETED') keyByUid.delete(uid);
        else if (uid) keyByUid.set(uid, objectKey(change.object));
        queue.add(objectKey(change.object));
        break;
      }
      case 'pods': {
        const owner = asPod(change.object).metadata?.ownerReferences?.find((reference) => reference.controller === true);
        const key = owner?.kind === 'DaemonSet' ? daemonSetKeyByUid(owner.uid) : undefined;
        if (key !== undefined) queue.add(key);
        break;
      }
      case 'controllerrevisions': {
        const owner = change.object.metadata.ownerReferences?.find((reference) => reference.controller === true);
        const key = daemonSetKeyByUid(owner?.uid);
        if (key !== undefined) queue.add(key);
        break;
      }
      case 'nodes':
        if (change.type !== 'MODIFIED' || change.old === undefined || nodeVerdictInputsChanged(asNode(change.old), asNode(change.object))) queueAll();
        break;
      default:
        break;
    }
  });
  queueAll();
  return { stop: unsubscribe };
}
