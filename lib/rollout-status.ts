/**
 * `kubectl rollout status daemonset/<name>`, one evaluation (kubernetes/kubectl
 * pkg/polymorphichelpers/rollout_status.go `DaemonSetStatusViewer`), to the character.
 */
import type { DaemonSet } from './k8s-types';
import { goQuote } from './intstr';

/** What kubectl prints for one observation of the DaemonSet, and whether it stops watching. */
export interface RolloutStatus {
  done: boolean;
  message: string;
}

/** kubectl's failure for DaemonSets it cannot follow; like kubectl, it counts as done (nothing to wait for). */
export class RolloutStatusError extends Error {
  readonly done = true;
  constructor(message: string) {
    super(message);
    this.name = 'RolloutStatusError';
  }
}

/**
 * kubectl's rollout status text for this DaemonSet, newline included. Throws a {@link RolloutStatusError}
 * with kubectl's text when the strategy is not RollingUpdate (kubectl does not default a missing type).
 */
export function rolloutStatus(ds: DaemonSet): RolloutStatus {
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') {
    throw new RolloutStatusError('rollout status is only available for RollingUpdate strategy type');
  }
  const name = goQuote(ds.metadata?.name ?? '');
  const status = ds.status ?? {};
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  if ((ds.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
  }
  if (updated < desired) {
    return {
      done: false,
      message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
    };
  }
  if (available < desired) {
    return {
      done: false,
      message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...\n`,
    };
  }
  return { done: true, message: `daemon set ${name} successfully rolled out\n` };
}
