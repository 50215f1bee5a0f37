/**
 * The watch events of a rolling update, in the order a DaemonSet controller and kubelet produce them:
 * the DaemonSet's new generation, its new ControllerRevision, then per node the old pod deleted, the
 * new pod added (not ready) and the new pod becoming Ready. Built from a `makeScaleFleet` fleet.
 */
import { makeDaemonPod, makeRevision } from '../../lib/fleet-model/builders';
import type { ScaleFleet } from '../../lib/fleet-model/fixture';
import type { FleetEvent } from '../../lib/fleet-model/types';
import { WellKnown, type DaemonSet, type Pod } from '../../lib/k8s-types';

/** Options of {@link rollingUpdateEvents}. */
export interface RollingUpdateOptions {
  /** Index of the DaemonSet to roll in `fleet.daemonSets`. */
  daemonSet: number;
  /** The new revision's `controller-revision-hash`. */
  hash: string;
  /** Epoch ms the new pods report Ready at. */
  now: number;
}

/** The DaemonSet with its template changed (new image): generation and template generation move on. */
export function nextGeneration(daemonSet: DaemonSet): DaemonSet {
  const generation = (daemonSet.metadata?.generation ?? 1) + 1;
  const spec = daemonSet.spec ?? {};
  const containers = (spec.template?.spec?.containers ?? []).map((container) => ({ ...container, image: `${container.image ?? 'image'}-next` }));
  return {
    ...daemonSet,
    metadata: { ...daemonSet.metadata, generation, annotations: { ...daemonSet.metadata?.annotations, [WellKnown.templateGeneration]: String(generation) } },
    spec: { ...spec, template: { ...spec.template, spec: { ...spec.template?.spec, containers } } },
  };
}

function ownedBy(pod: Pod, uid: string | undefined): boolean {
  return uid !== undefined && pod.metadata?.ownerReferences?.some((owner) => owner.controller === true && owner.uid === uid) === true;
}

/** Every watch event of rolling `options.daemonSet` across every node that has one of its pods. */
export function rollingUpdateEvents(fleet: ScaleFleet, options: RollingUpdateOptions): FleetEvent[] {
  const current = fleet.daemonSets[options.daemonSet];
  if (current === undefined) throw new RangeError(`no DaemonSet #${options.daemonSet} in a fleet of ${fleet.daemonSets.length}`);
  const next = nextGeneration(current);
  const uid = current.metadata?.uid;
  const generation = next.metadata?.generation ?? 2;
  const lastRevision = Math.max(0, ...fleet.controllerRevisions.filter((r) => r.metadata?.ownerReferences?.some((o) => o.uid === uid)).map((r) => r.revision ?? 0));
  const readySince = new Date(options.now).toISOString();
  const events: FleetEvent[] = [
    { kind: 'daemonset', type: 'MODIFIED', object: next },
    { kind: 'controllerrevision', type: 'ADDED', object: makeRevision(next, options.hash, lastRevision + 1) },
  ];
  for (const old of fleet.pods) {
    const nodeName = old.spec?.nodeName;
    if (nodeName === undefined || !ownedBy(old, uid)) continue;
    const name = `${old.metadata?.name ?? 'pod'}-${options.hash.slice(0, 5)}`;
    const pending = makeDaemonPod(next, nodeName, { name, hash: options.hash, templateGeneration: generation });
    const ready = makeDaemonPod(next, nodeName, { name, hash: options.hash, templateGeneration: generation, readySince });
    events.push({ kind: 'pod', type: 'DELETED', object: old }, { kind: 'pod', type: 'ADDED', object: pending }, { kind: 'pod', type: 'MODIFIED', object: ready });
  }
  return events;
}
