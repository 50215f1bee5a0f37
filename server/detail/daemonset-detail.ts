import 'server-only';
import { daemonSetCost } from '@/lib/cost';
import { computeDaemonSetStatus, currentRevisionOf, statusDifferences } from '@/lib/daemon-status';
import { controlledHistory, revisionTemplate, sortByRevision } from '@/lib/history';
import { WellKnown, type ControllerRevision, type DaemonSet } from '@/lib/k8s-types';
import { isPodUpdated, templateGeneration } from '@/lib/pod-state';
import { rolloutStatus } from '@/lib/rollout-status';
import type { ClusterConnection } from '../clusters/connection';
import { describeError, notFound } from '../errors';
import { missing } from './not-synced';
import { ROLLOUT_RING_CAPACITY } from '../hub/rollout-tracker';
import { daemonSetSpecSummary } from './daemonset-spec';
import { recentEvents } from './events';
import { rolloutBlockers } from './rollout-blockers';
import { templateDiff, templateYaml } from './template-diff';

/** One revision of the history, with its template and what it changes against the live one. */
function revisionEntry(ds: DaemonSet, revision: ControllerRevision, current: ControllerRevision | undefined) {
  const template = revisionTemplate(revision);
  const isCurrent = revision === current;
  return {
    revision: revision.revision ?? 0,
    name: revision.metadata?.name,
    hash: revision.metadata?.labels?.[WellKnown.controllerRevisionHash],
    changeCause: revision.metadata?.annotations?.[WellKnown.changeCause] ?? null,
    createdAt: revision.metadata?.creationTimestamp,
    current: isCurrent,
    template: templateYaml(template),
    // What rolling back to this revision would change, as a diff from the live template.
    diffFromCurrent: isCurrent ? '' : templateDiff(ds.spec?.template, template, 'current', `revision ${revision.revision ?? '?'}`),
  };
}

function rolloutStatusOf(ds: DaemonSet): { done: boolean; message: string; error?: string } {
  try {
    return rolloutStatus(ds);
  } catch (error) {
    return { done: true, message: '', error: describeError(error) };
  }
}

/**
 * Everything `GET /api/c/{cluster}/daemonsets/{ns}/{name}` answers: spec summary, reported and
 * implied status side by side, kubectl's rollout status text, history with diffs, events, cost,
 * rollout samples and verdict, blocking nodes and pods that do not run.
 */
export async function daemonSetDetail(connection: ClusterConnection, namespace: string, name: string) {
  const { objects, rollouts } = connection.hub;
  const ds = objects.daemonSets.get(`${namespace}/${name}`);
  if (ds === undefined) throw missing(connection, 'daemonsets', notFound('daemonsets.apps', name));
  const now = connection.now();
  const uid = ds.metadata?.uid;
  const nodes = [...objects.nodes.values()];
  const pods = objects.podsOf(uid);
  const history = sortByRevision(controlledHistory(ds, objects.revisionsOf(uid)));
  const current = currentRevisionOf(ds, history);
  const implied = computeDaemonSetStatus({ daemonSet: ds, nodes, pods, currentRevisionHash: current.hash, now });
  const generation = templateGeneration(ds);
  const isUpdated = (pod: (typeof pods)[number]) => isPodUpdated(pod, current.hash, generation);
  const events = await recentEvents(connection.client, namespace, [
    { kind: 'DaemonSet', name },
    ...pods.map((pod) => ({ kind: 'Pod', name: pod.metadata?.name ?? '' })),
  ]).catch(() => []);
  return {
    metadata: { namespace, name, uid, resourceVersion: ds.metadata?.resourceVersion, generation: ds.metadata?.generation, creationTimestamp: ds.metadata?.creationTimestamp },
    spec: daemonSetSpecSummary(ds),
    status: { reported: ds.status ?? {}, implied, differences: statusDifferences(ds.status, implied) },
    rolloutStatus: rolloutStatusOf(ds),
    currentRevision: current.revision?.revision ?? null,
    revisions: history.map((revision) => revisionEntry(ds, revision, current.revision)).reverse(),
    events,
    cost: daemonSetCost(ds, implied.desiredNumberScheduled),
    rollout: { capacity: ROLLOUT_RING_CAPACITY, samples: rollouts.samples(uid), progress: rollouts.progress(uid, now) },
    ...rolloutBlockers({ nodes: objects.nodes, pods, isUpdated, events, minReadySeconds: ds.spec?.minReadySeconds ?? 0, now }),
  };
}
