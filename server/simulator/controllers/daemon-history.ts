import 'server-only';
import { revisionMatchesTemplate, revisionPatchData } from '@/lib/history';
import { computeRevisionHash, planHistoryCleanup, planHistorySync, revisionHashOf } from '@/lib/history-sync';
import { WellKnown, type ControllerRevision, type DaemonSet, type Pod } from '@/lib/k8s-types';
import type { ObjectStore } from '../store-types';
import { asRevision, clone, deleteQuietly, storeErrorReason, toStored, tryWrite } from './objects';

/** The outcome of building history: the current revision and its hash, or a reason to retry later. */
export type HistoryOutcome = { ok: true; current: ControllerRevision; hash: string; old: ControllerRevision[] } | { ok: false; reason: string };

/** Upstream `snapshot`: creates `<ds>-<hash>`; a name clash with other data bumps status.collisionCount. */
function snapshot(store: ObjectStore, daemonSet: DaemonSet, revision: number): HistoryOutcome {
  const hash = computeRevisionHash(daemonSet.spec?.template, daemonSet.status?.collisionCount);
  const name = `${daemonSet.metadata?.name ?? ''}-${hash}`;
  const namespace = daemonSet.metadata?.namespace;
  const created: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace,
      labels: { ...daemonSet.spec?.template?.metadata?.labels, [WellKnown.controllerRevisionHash]: hash },
      // A copy of the DaemonSet's annotations at this moment: change-cause, template generation, ….
      ...(daemonSet.metadata?.annotations ? { annotations: { ...daemonSet.metadata.annotations } } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: daemonSet.metadata?.name, uid: daemonSet.metadata?.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    data: revisionPatchData(structuredClone(daemonSet.spec?.template)),
    revision,
  };
  try {
    const stored = asRevision(store.create('controllerrevisions', toStored(created)));
    return { ok: true, current: stored, hash, old: [] };
  } catch (error) {
    if (storeErrorReason(error) !== 'AlreadyExists') throw error;
  }
  const existing = store.get('controllerrevisions', namespace, name);
  const owner = existing?.metadata.ownerReferences?.find((reference) => reference.controller === true);
  if (existing !== undefined && owner?.uid === daemonSet.metadata?.uid && revisionMatchesTemplate(daemonSet, asRevision(existing))) {
    return { ok: true, current: asRevision(existing), hash, old: [] };
  }
  // A different object holds the name: bump collisionCount so the next hash differs.
  const updated = clone(daemonSet);
  updated.status = { ...updated.status, collisionCount: (daemonSet.status?.collisionCount ?? 0) + 1 };
  tryWrite(() => store.update('daemonsets', toStored(updated), { subresource: 'status' }));
  return { ok: false, reason: `found a hash collision for DaemonSet "${daemonSet.metadata?.name ?? ''}"` };
}

/** Moves pods carrying a duplicate current revision's hash onto the kept hash (upstream `dedupCurHistories`). */
function relabelPods(store: ObjectStore, pods: readonly Pod[], fromHash: string, toHash: string): void {
  for (const pod of pods) {
    if (pod.metadata?.labels?.[WellKnown.controllerRevisionHash] !== fromHash) continue;
    const relabelled = clone(pod);
    relabelled.metadata = { ...relabelled.metadata, labels: { ...relabelled.metadata?.labels, [WellKnown.controllerRevisionHash]: toHash } };
    tryWrite(() => store.update('pods', toStored(relabelled)));
  }
}

/**
 * Upstream `constructHistory`, planned by lib/history-sync: finds the revision matching the template
 * (creating it when none does), removes duplicates, and renumbers it to the top when it is not, so a
 * rollback's target reappears as the newest revision.
 */
export function syncHistory(store: ObjectStore, daemonSet: DaemonSet, revisions: readonly ControllerRevision[], pods: readonly Pod[]): HistoryOutcome {
  const plan = planHistorySync(daemonSet, revisions);
  if (plan.current === undefined) {
    const created = snapshot(store, daemonSet, plan.nextRevision);
    return created.ok ? { ...created, old: plan.old } : created;
  }
  let kept = plan.current;
  const keptHash = revisionHashOf(kept);
  for (const duplicate of plan.deleteDuplicates) {
    relabelPods(store, pods, duplicate.hash, keptHash);
    deleteQuietly(store, 'controllerrevisions', { metadata: { name: duplicate.name, namespace: daemonSet.metadata?.namespace } });
  }
  if (plan.renumberCurrent) {
    try {
      kept = asRevision(store.update('controllerrevisions', toStored({ ...clone(kept), revision: plan.nextRevision })));
    } catch (error) {
      const reason = storeErrorReason(error);
      if (reason !== 'Conflict' && reason !== 'NotFound') throw error;
      return { ok: false, reason: `renumbering ${kept.metadata?.name ?? ''}: ${reason}` };
    }
  }
  return { ok: true, current: kept, hash: keptHash, old: plan.old };
}

/** Upstream `cleanupHistory`: deletes what lib/history-sync's plan names (oldest first, never a live hash). */
export function cleanupHistory(store: ObjectStore, daemonSet: DaemonSet, old: readonly ControllerRevision[], pods: readonly Pod[]): void {
  const liveHashes: string[] = [];
  for (const pod of pods) {
    const hash = pod.metadata?.labels?.[WellKnown.controllerRevisionHash];
    if (hash) liveHashes.push(hash);
  }
  for (const name of planHistoryCleanup(daemonSet, old, liveHashes)) {
    deleteQuietly(store, 'controllerrevisions', { metadata: { name, namespace: daemonSet.metadata?.namespace } });
  }
}
