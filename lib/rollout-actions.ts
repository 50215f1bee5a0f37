/**
 * The patches behind the Restart, Pause rollout and Resume rollout buttons. Restart is exactly what
 * `kubectl rollout restart` sends (kubectl objectrestarter.go). DaemonSets have no `spec.paused`, so
 * pause switches to OnDelete and keeps the RollingUpdate parameters in an annotation; resume restores them.
 */
import { WellKnown, type DaemonSet, type IntOrString, type RollingUpdateDaemonSet } from './k8s-types';
import { goQuote } from './intstr';
import { defaultDaemonSetUpdateStrategy } from './update-strategy';

/** A patch for `PATCH daemonsets/<name>`: its content type and body. */
export interface ActionPatch {
  type: 'application/strategic-merge-patch+json' | 'application/merge-patch+json';
  body: Record<string, unknown>;
}

/** A patch to send, or why the action does not apply to this DaemonSet (a 409-style refusal). */
export type ActionPlan = { ok: true; patch: ActionPatch } | { ok: false; message: string };

/** Go's `time.RFC3339` of an instant, in UTC, whole seconds (kubectl's restartedAt format). */
export function rfc3339Seconds(now: string): string {
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${goQuote(now)}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The strategic merge patch `kubectl rollout restart daemonset/<name>` sends at `now` (any ISO 8601 instant). */
export function rolloutRestartPatch(now: string): ActionPatch {
  return {
    type: 'application/strategic-merge-patch+json',
    body: { spec: { template: { metadata: { annotations: { [WellKnown.restartedAt]: rfc3339Seconds(now) } } } } },
  };
}

function isIntOrString(value: unknown): value is IntOrString {
  return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
}

/** The RollingUpdate parameters a pause kept, read back; undefined when absent or unreadable. */
export function pausedRollingUpdate(ds: DaemonSet): RollingUpdateDaemonSet | undefined {
  const raw = ds.metadata?.annotations?.[WellKnown.pausedRollingUpdate];
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { maxUnavailable, maxSurge } = parsed as Record<string, unknown>;
  // Only the two known fields travel back, and only when they are int-or-string.
  return {
    ...(isIntOrString(maxUnavailable) ? { maxUnavailable } : {}),
    ...(isIntOrString(maxSurge) ? { maxSurge } : {}),
  };
}

/** Whether Daemonscope paused this DaemonSet: OnDelete with our annotation present. */
export function isPausedByUs(ds: DaemonSet): boolean {
  return ds.spec?.updateStrategy?.type === 'OnDelete' && ds.metadata?.annotations?.[WellKnown.pausedRollingUpdate] !== undefined;
}

/** Pause: switch to OnDelete, keeping the (defaulted) RollingUpdate parameters in our annotation. */
export function pausePatch(ds: DaemonSet): ActionPlan {
  const name = goQuote(ds.metadata?.name ?? '');
  if (isPausedByUs(ds)) return { ok: false, message: `daemon set ${name} is already paused` };
  const strategy = defaultDaemonSetUpdateStrategy(ds.spec?.updateStrategy);
  if (strategy.type !== 'RollingUpdate') {
    return { ok: false, message: `daemon set ${name} uses the ${strategy.type} strategy: it has no rolling update to pause` };
  }
  const kept = { maxUnavailable: strategy.rollingUpdate?.maxUnavailable, maxSurge: strategy.rollingUpdate?.maxSurge };
  return {
    ok: true,
    patch: {
      type: 'application/merge-patch+json',
      body: {
        metadata: { annotations: { [WellKnown.pausedRollingUpdate]: JSON.stringify(kept) } },
        spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } },
      },
    },
  };
}

/**
 * Resume: back to RollingUpdate with the kept parameters and the annotation removed. Unreadable kept
 * parameters resume with the API defaults (rollingUpdate unset) rather than leave the DaemonSet stuck.
 */
export function resumePatch(ds: DaemonSet): ActionPlan {
  const name = goQuote(ds.metadata?.name ?? '');
  if (!isPausedByUs(ds)) {
    const onDelete = ds.spec?.updateStrategy?.type === 'OnDelete';
    return {
      ok: false,
      message: onDelete
        ? `daemon set ${name} uses OnDelete but was not paused by Daemonscope; change its update strategy to resume rolling updates`
        : `daemon set ${name} is not paused`,
    };
  }
  const kept = pausedRollingUpdate(ds);
  const hasKept = kept !== undefined && Object.keys(kept).length > 0;
  return {
    ok: true,
    patch: {
      type: 'application/merge-patch+json',
      body: {
        metadata: { annotations: { [WellKnown.pausedRollingUpdate]: null } },
        spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: hasKept ? kept : null } },
      },
    },
  };
}
