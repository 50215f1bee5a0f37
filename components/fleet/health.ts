import type { DaemonSetCounters } from '@/lib/daemon-status';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';

/**
 * A DaemonSet's health as the kubernetes-mixin alerts judge it (`alerts/apps_alerts.libsonnet`):
 * KubeDaemonSetRolloutStuck, KubeDaemonSetNotScheduled and KubeDaemonSetMisScheduled, evaluated on
 * the status the controller reported (what kube-state-metrics exports). The alerts' `for:` windows
 * need a history the grid does not keep, so a holding condition is shown as pending, not firing.
 */

/** One alert whose expression holds now. */
export interface HealthAlert {
  alert: 'KubeDaemonSetRolloutStuck' | 'KubeDaemonSetNotScheduled' | 'KubeDaemonSetMisScheduled';
  /** How long the expression must hold before the alert fires. */
  forMinutes: number;
  description: string;
}

/** The verdict: healthy when no alert expression holds. */
export interface DaemonSetHealth {
  isHealthy: boolean;
  alerts: HealthAlert[];
}

/** The reported counters with absent fields read as zero, as kube-state-metrics exports them. */
export function reportedCounters(summary: DaemonSetSummary): DaemonSetCounters {
  const r = summary.reported;
  return {
    desiredNumberScheduled: r.desiredNumberScheduled ?? 0,
    currentNumberScheduled: r.currentNumberScheduled ?? 0,
    numberMisscheduled: r.numberMisscheduled ?? 0,
    numberReady: r.numberReady ?? 0,
    updatedNumberScheduled: r.updatedNumberScheduled ?? 0,
    numberAvailable: r.numberAvailable ?? 0,
    numberUnavailable: r.numberUnavailable ?? 0,
  };
}

/** The alerts whose expressions hold for this DaemonSet's reported status. */
export function daemonSetHealth(summary: DaemonSetSummary): DaemonSetHealth {
  const s = reportedCounters(summary);
  const name = `${summary.namespace}/${summary.name}`;
  const alerts: HealthAlert[] = [];
  // The stuck alert also requires no change of updatedNumberScheduled over 5m: part of its window.
  const isRollingOut =
    s.currentNumberScheduled !== s.desiredNumberScheduled ||
    s.numberMisscheduled !== 0 ||
    s.updatedNumberScheduled !== s.desiredNumberScheduled ||
    s.numberAvailable !== s.desiredNumberScheduled;
  if (isRollingOut) {
    alerts.push({
      alert: 'KubeDaemonSetRolloutStuck',
      forMinutes: 15,
      description: `DaemonSet ${name} has not finished or progressed for at least 15m.`,
    });
  }
  const notScheduled = s.desiredNumberScheduled - s.currentNumberScheduled;
  if (notScheduled > 0) {
    alerts.push({
      alert: 'KubeDaemonSetNotScheduled',
      forMinutes: 10,
      description: `${notScheduled} Pods of DaemonSet ${name} are not scheduled.`,
    });
  }
  if (s.numberMisscheduled > 0) {
    alerts.push({
      alert: 'KubeDaemonSetMisScheduled',
      forMinutes: 15,
      description: `${s.numberMisscheduled} Pods of DaemonSet ${name} are running where they are not supposed to run.`,
    });
  }
  return { isHealthy: alerts.length === 0, alerts };
}

/** Counters where the reported status and the one implied by the pods disagree (a lagging controller). */
export function reportedVersusImplied(
  summary: DaemonSetSummary,
): { field: keyof DaemonSetCounters; reported: number; implied: number }[] {
  const reported = reportedCounters(summary);
  return (Object.keys(reported) as (keyof DaemonSetCounters)[]).flatMap((field) =>
    reported[field] === summary.implied[field]
      ? []
      : [{ field, reported: reported[field], implied: summary.implied[field] }],
  );
}
