import { describe, expect, it } from 'vitest';
import type { DaemonSet, DaemonSetUpdateStrategy } from './k8s-types';
import { isPausedByUs, pausePatch, pausedRollingUpdate, resumePatch, rfc3339Seconds, rolloutRestartPatch } from './rollout-actions';

const KEY = 'daemonscope.io/paused-rolling-update';

function daemonSet(updateStrategy?: DaemonSetUpdateStrategy, annotations?: Record<string, string>): DaemonSet {
  return { metadata: { name: 'agent', annotations }, spec: { updateStrategy } };
}

/** Applies a JSON merge patch (RFC 7386), enough to check that pause then resume round-trips. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

describe('rolloutRestartPatch', () => {
  it.each([
    ['2026-11-25T13:15:40.123Z', '2026-11-25T13:15:40Z'],
    ['2026-11-25T14:15:40+01:00', '2026-11-25T13:15:40Z'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
  ])('%s → restartedAt %s', (now, stamp) => {
    expect(rolloutRestartPatch(now)).toEqual({
      type: 'application/strategic-merge-patch+json',
      body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': stamp } } } } },
    });
  });

  it('rejects a malformed timestamp', () => {
    expect(() => rfc3339Seconds('yesterday')).toThrow('not a timestamp: "yesterday"');
  });
});

describe('pause and resume', () => {
  it('pause keeps the defaulted parameters and switches to OnDelete', () => {
    const plan = pausePatch(daemonSet({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%' } }));
    expect(plan).toEqual({
      ok: true,
      patch: {
        type: 'application/merge-patch+json',
        body: {
          metadata: { annotations: { [KEY]: '{"maxUnavailable":"20%","maxSurge":0}' } },
          spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } },
        },
      },
    });
  });

  it('pause then resume restores the strategy and removes the annotation', () => {
    const original = daemonSet({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } }, { team: 'infra' });
    const pause = pausePatch(original);
    if (!pause.ok) throw new Error(pause.message);
    const paused = mergePatch(original, pause.patch.body) as DaemonSet;
    expect(isPausedByUs(paused)).toBe(true);
    expect(pausedRollingUpdate(paused)).toEqual({ maxUnavailable: 0, maxSurge: 2 });
    const resume = resumePatch(paused);
    if (!resume.ok) throw new Error(resume.message);
    expect(mergePatch(paused, resume.patch.body)).toEqual(original);
  });

  it.each([
    { name: 'pause twice', plan: () => pausePatch(daemonSet({ type: 'OnDelete' }, { [KEY]: '{}' })), message: 'daemon set "agent" is already paused' },
    {
      name: 'pause an OnDelete DaemonSet',
      plan: () => pausePatch(daemonSet({ type: 'OnDelete' })),
      message: 'daemon set "agent" uses the OnDelete strategy: it has no rolling update to pause',
    },
    { name: 'resume a running rollout', plan: () => resumePatch(daemonSet({ type: 'RollingUpdate' })), message: 'daemon set "agent" is not paused' },
    {
      name: 'resume an OnDelete DaemonSet someone else set up',
      plan: () => resumePatch(daemonSet({ type: 'OnDelete' })),
      message: 'daemon set "agent" uses OnDelete but was not paused by Daemonscope; change its update strategy to resume rolling updates',
    },
  ])('refuses to $name', ({ plan, message }) => {
    expect(plan()).toEqual({ ok: false, message });
  });

  it.each([['not json'], ['[1]'], ['{"maxSurge":{"x":1}}']])('resumes with API defaults when the kept value %j is unreadable', (raw) => {
    const plan = resumePatch(daemonSet({ type: 'OnDelete' }, { [KEY]: raw }));
    expect(plan.ok && plan.patch.body).toEqual({
      metadata: { annotations: { [KEY]: null } },
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: null } },
    });
  });

  it('a missing strategy pauses with the API defaults', () => {
    const plan = pausePatch(daemonSet(undefined));
    expect(plan.ok && plan.patch.body.metadata).toEqual({ annotations: { [KEY]: '{"maxUnavailable":1,"maxSurge":0}' } });
  });
});
