import 'server-only';
import { compileEligibility } from '@/lib/eligibility';
import type { DaemonSet, Node, Pod } from '@/lib/k8s-types';
import { isPodAvailable, isPodReady, targetNodeName } from '@/lib/pod-state';
import { planRollingUpdate, type PodState, type RollingUpdateNode } from '@/lib/rolling-update';

/** One controller sync of the predicted rollout: nodes that get a new pod, nodes whose old pod goes. */
export interface RolloutWave {
  createNewOn: string[];
  deleteOldOn: string[];
}

/** What a template change would do to the fleet under the DaemonSet's current strategy. */
export interface RolloutPreview {
  strategy: string;
  maxSurge?: number;
  maxUnavailable?: number;
  desiredNumberScheduled: number;
  /** Syncs in order, assuming each new pod becomes available before the next one. */
  waves: RolloutWave[];
  note: string;
}

interface NodeState extends RollingUpdateNode {
  shouldRun: boolean;
}

const freshPod: PodState = { ready: true, available: true };

/**
 * Predicts the order in which nodes get a pod of the new template: repeated calls of lib's
 * `planRollingUpdate` (upstream `rollingUpdate`), with the manage loop filling nodes left without a
 * pod, each wave assuming the pods it created became available. Upstream picks nodes in Go map
 * order, so the counts per wave are exact and the names are one valid choice.
 */
export function previewRollout(daemonSet: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], isNew: (pod: Pod) => boolean, now: number): RolloutPreview {
  const eligibility = compileEligibility(daemonSet);
  const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = targetNodeName(pod);
    if (node !== undefined) byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  const states: NodeState[] = nodes.map((node) => {
    const name = node.metadata?.name ?? '';
    const onNode = byNode.get(name) ?? [];
    const state = (pod: Pod): PodState => ({
      ready: isPodReady(pod),
      available: isPodAvailable(pod, minReadySeconds, now),
      terminating: pod.metadata?.deletionTimestamp !== undefined,
    });
    return {
      name,
      shouldRun: eligibility(node).shouldRun,
      oldPods: onNode.filter((pod) => !isNew(pod)).map(state),
      newPods: onNode.filter(isNew).map(state),
    };
  });
  const desired = states.filter((state) => state.shouldRun).length;
  const strategy = daemonSet.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') {
    return {
      strategy,
      desiredNumberScheduled: desired,
      waves: [],
      note: `${strategy}: no pod is replaced until someone deletes it; nodes without a pod (new or newly eligible) get one from the new template`,
    };
  }
  const rollingUpdate = daemonSet.spec?.updateStrategy?.rollingUpdate;
  try {
    return { strategy, ...simulate(states, rollingUpdate?.maxSurge, rollingUpdate?.maxUnavailable), note: 'node names within a wave are one valid choice: the controller picks at random' };
  } catch (error) {
    return { strategy, desiredNumberScheduled: desired, waves: [], note: `cannot plan the rollout: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function simulate(states: NodeState[], maxSurge: number | string | null | undefined, maxUnavailable: number | string | null | undefined) {
  const waves: RolloutWave[] = [];
  let budgets = { maxSurge: 0, maxUnavailable: 0, desiredNumberScheduled: 0 };
  for (let guard = 0; guard <= states.length + 1; guard++) {
    // Terminating pods finish between syncs.
    for (const state of states) state.oldPods = state.oldPods.filter((pod) => !pod.terminating);
    const plan = planRollingUpdate({ maxSurge, maxUnavailable, nodes: states });
    budgets = { maxSurge: plan.maxSurge, maxUnavailable: plan.maxUnavailable, desiredNumberScheduled: plan.desiredNumberScheduled };
    const deleted = new Set(plan.deleteOldOn);
    const created = new Set(plan.createNewOn);
    for (const state of states) {
      if (deleted.has(state.name)) state.oldPods = [];
      // The manage loop gives every eligible node without a pod a new one.
      if (state.shouldRun && state.oldPods.length === 0 && state.newPods.length === 0) created.add(state.name);
      if (created.has(state.name)) state.newPods = [freshPod];
    }
    if (deleted.size === 0 && created.size === 0) break;
    waves.push({ createNewOn: [...created].sort(), deleteOldOn: [...deleted].sort() });
  }
  return { ...budgets, waves };
}
