import 'server-only';
import type { DaemonSet, Pod } from '@/lib/k8s-types';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import { newDaemonPod } from './daemon-pod';
import type { EventRecorder } from './events';
import { deleteQuietly, toStored } from './objects';

/** Upstream `BurstReplicas`: creates plus deletes one sync may issue. */
export const BURST_REPLICAS = 250;

/** One sync's pod creates and deletes (upstream `syncNodes` through `podControl`), within the burst budget. */
export interface PodWriter {
  /** Creates a daemon pod for the node; false once the burst budget is spent. */
  create(nodeName: string): boolean;
  /** Deletes a pod gracefully; false once the burst budget is spent. */
  remove(pod: Pod): boolean;
  /** Creates plus deletes issued so far. */
  readonly issued: number;
}

/** A writer for one DaemonSet at revision `hash`, recording SuccessfulCreate/Delete events as upstream does. */
export function createPodWriter(store: ObjectStore, events: EventRecorder, daemonSet: DaemonSet, hash: string): PodWriter {
  const involved = { kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata };
  let issued = 0;
  return {
    get issued() {
      return issued;
    },
    create(nodeName) {
      if (issued >= BURST_REPLICAS) return false;
      issued++;
      const pod = toStored(newDaemonPod(daemonSet, nodeName, hash, ''));
      pod.metadata = { ...pod.metadata, generateName: `${daemonSet.metadata?.name ?? ''}-` };
      try {
        const created = store.create('pods', pod);
        events.record(involved, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        events.record(involved, 'Warning', 'FailedCreate', `Error creating: ${message}`);
      }
      return true;
    },
    remove(pod) {
      if (issued >= BURST_REPLICAS) return false;
      issued++;
      if (deleteQuietly(store, 'pods', pod)) events.record(involved, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
      return true;
    },
  };
}

/** Upstream failed-pod back-off: 1 s doubling to 15 minutes, per DaemonSet and node. */
export class FailedPodBackoff {
  private readonly entries = new Map<string, { delayMs: number; until: number }>();

  constructor(private readonly clock: SimClock) {}

  /**
   * Whether a Failed pod of `dsKey` on `node` may be deleted now (then the back-off grows); otherwise
   * how long until it may.
   */
  next(dsKey: string, node: string): { allowed: true } | { allowed: false; waitMs: number } {
    const key = `${dsKey}/${node}`;
    const entry = this.entries.get(key);
    const now = this.clock.now();
    if (entry !== undefined && now < entry.until) return { allowed: false, waitMs: entry.until - now };
    const delayMs = entry === undefined ? 1_000 : Math.min(entry.delayMs * 2, 15 * 60_000);
    this.entries.set(key, { delayMs, until: now + delayMs });
    return { allowed: true };
  }
}
