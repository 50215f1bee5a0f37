import 'server-only';
import type { KubeEvent } from '@/lib/k8s-types';
import type { SimClock } from '../clock';
import type { KObject, ObjectStore } from '../store-types';
import { rfc3339, toStored, tryWrite } from './objects';

/** What an event is about: the object `kubectl describe` shows it under. */
export interface InvolvedObject {
  kind: string;
  apiVersion?: string;
  metadata?: { name?: string; namespace?: string; uid?: string };
}

/** Writes core/v1 Events the way client-go's recorder does: repeated ones bump `count`. */
export interface EventRecorder {
  /** Records (or re-counts) an event about `involved`. */
  record(involved: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Creates a recorder whose events name `component` as their source (e.g. `daemonset-controller`). */
export function createEventRecorder(store: ObjectStore, clock: SimClock, component: string): EventRecorder {
  // Remembers which stored event carries each (object, reason, message), so a repeat updates it.
  const seen = new Map<string, string>();
  let sequence = 0;

  return {
    record(involved, type, reason, message) {
      const name = involved.metadata?.name;
      if (!name) return;
      const namespace = involved.metadata?.namespace || 'default';
      const dedupKey = `${involved.kind}/${namespace}/${name}/${involved.metadata?.uid ?? ''}/${reason}/${message}`;
      const now = rfc3339(clock.now());
      const existingName = seen.get(dedupKey);
      const existing = existingName === undefined ? undefined : store.get('events', namespace, existingName);
      if (existing !== undefined) {
        const event = existing as unknown as KubeEvent;
        const updated: KubeEvent = { ...event, count: (event.count ?? 1) + 1, lastTimestamp: now };
        if (tryWrite(() => store.update('events', { ...toStored(updated), metadata: { ...existing.metadata, resourceVersion: undefined } }))) return;
      }
      // Upstream names events `<object>.<unix nanos in hex>`; a sequence keeps ours unique at equal times.
      const nanos = BigInt(Math.floor(clock.now())) * 1_000_000n + BigInt(sequence++ % 1_000_000);
      const eventName = `${name}.${nanos.toString(16)}`;
      const event: KubeEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: eventName, namespace },
        involvedObject: { kind: involved.kind, namespace: involved.metadata?.namespace, name, uid: involved.metadata?.uid },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component },
      };
      const stored: KObject = { ...toStored(event), reportingComponent: component };
      if (tryWrite(() => store.create('events', stored))) seen.set(dedupKey, eventName);
    },
  };
}
