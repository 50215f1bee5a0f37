import 'server-only';
import type { Container, ContainerStatus, Pod, PodCondition } from '@/lib/k8s-types';
import { rfc3339 } from './objects';

/**
 * The life stages the simulated kubelet walks a pod through, read back from the pod's own status so a
 * pod seeded by a scenario and a pod the kubelet started are treated alike.
 */
export type PodStage = 'new' | 'creating' | 'running' | 'ready' | 'image-pull-error' | 'image-pull-backoff' | 'crash-loop';

/** How an image behaves in the simulation, from its tag: `broken` never pulls, `crash` exits at once. */
export type ImageBehaviour = 'ok' | 'broken' | 'crash';

/** The tag of an image reference (`repo/name:tag@digest` → `tag`), or '' when there is none. */
export function imageTag(image: string | undefined): string {
  if (!image) return '';
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? '' : withoutDigest.slice(colon + 1);
}

/** How one container's image behaves. */
export function imageBehaviour(image: string | undefined): ImageBehaviour {
  const tag = imageTag(image);
  if (tag.includes('broken')) return 'broken';
  if (tag.includes('crash')) return 'crash';
  return 'ok';
}

/** How the pod as a whole behaves: the worst of its containers. */
export function podBehaviour(pod: Pod): ImageBehaviour {
  const behaviours = (pod.spec?.containers ?? []).map((c) => imageBehaviour(c.image));
  if (behaviours.includes('broken')) return 'broken';
  if (behaviours.includes('crash')) return 'crash';
  return 'ok';
}

/** The stage a pod's status shows. */
export function podStage(pod: Pod): PodStage {
  const statuses = pod.status?.containerStatuses ?? [];
  if (statuses.length === 0) return 'new';
  const waiting = statuses.map((s) => s.state?.waiting?.reason).find((reason) => reason !== undefined && reason !== 'ContainerCreating');
  if (waiting === 'ErrImagePull') return 'image-pull-error';
  if (waiting === 'ImagePullBackOff') return 'image-pull-backoff';
  if (waiting === 'CrashLoopBackOff') return 'crash-loop';
  if (statuses.some((s) => s.state?.waiting?.reason === 'ContainerCreating')) return 'creating';
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return ready ? 'ready' : 'running';
}

/** Sets a condition, keeping its lastTransitionTime when the status did not change (as the kubelet does). */
export function withCondition(
  conditions: readonly PodCondition[] | null | undefined,
  type: string,
  status: 'True' | 'False',
  now: number,
  reason?: string,
): PodCondition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === type);
  const previous = index < 0 ? undefined : list[index];
  const condition: PodCondition = {
    type,
    status,
    lastTransitionTime: previous?.status === status && previous.lastTransitionTime ? previous.lastTransitionTime : rfc3339(now),
    ...(reason ? { reason } : {}),
  };
  if (index < 0) list.push(condition);
  else list[index] = condition;
  return list;
}

/** The waiting message the kubelet shows for a failed pull of `image`. */
function pullMessage(reason: string, image: string): string {
  return reason === 'ErrImagePull'
    ? `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`
    : `Back-off pulling image "${image}"`;
}

/** One container's status at `stage`; containers whose image is fine run normally beside a failing one. */
function containerStatus(container: Container, stage: PodStage, previous: ContainerStatus | undefined, now: number): ContainerStatus {
  const image = container.image ?? '';
  const base = { name: container.name ?? '', image, restartCount: previous?.restartCount ?? 0 };
  const behaviour = imageBehaviour(image);
  const running = { running: { startedAt: previous?.state?.running?.startedAt ?? rfc3339(now) } };
  if (stage === 'new' || stage === 'creating') return { ...base, ready: false, state: { waiting: { reason: 'ContainerCreating' } } };
  if (behaviour === 'broken' && (stage === 'image-pull-error' || stage === 'image-pull-backoff')) {
    const reason = stage === 'image-pull-error' ? 'ErrImagePull' : 'ImagePullBackOff';
    return { ...base, ready: false, state: { waiting: { reason, message: pullMessage(reason, image) } } };
  }
  if (behaviour === 'crash' && stage === 'crash-loop') {
    // Entering the loop from a running container is one more restart; staying in it is not.
    const restartCount = base.restartCount + (previous?.state?.running ? 1 : 0);
    const message = `back-off ${crashBackoffSeconds(restartCount)}s restarting failed container=${base.name}`;
    const lastState = { terminated: { reason: 'Error', exitCode: 1 } };
    const status: ContainerStatus & { lastState: typeof lastState } = {
      ...base,
      restartCount,
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff', message } },
      lastState,
    };
    return status;
  }
  return { ...base, ready: stage === 'ready' && behaviour === 'ok', state: running };
}

/** The kubelet's crash-loop back-off: 10 s doubling per restart, capped at 5 minutes. */
export function crashBackoffSeconds(restartCount: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, restartCount - 1));
}

/** The full pod status the kubelet reports at `stage`. */
export function statusForStage(pod: Pod, stage: PodStage, now: number): NonNullable<Pod['status']> {
  const previous = pod.status?.containerStatuses ?? [];
  const containerStatuses = (pod.spec?.containers ?? []).map((container) =>
    containerStatus(container, stage, previous.find((s) => s.name === container.name), now),
  );
  const allReady = containerStatuses.length > 0 && containerStatuses.every((s) => s.ready === true);
  const started = stage !== 'new' && stage !== 'creating' && stage !== 'image-pull-error' && stage !== 'image-pull-backoff';
  let conditions = withCondition(pod.status?.conditions, 'PodScheduled', 'True', now);
  conditions = withCondition(conditions, 'Initialized', 'True', now);
  conditions = withCondition(conditions, 'ContainersReady', allReady ? 'True' : 'False', now, allReady ? undefined : 'ContainersNotReady');
  conditions = withCondition(conditions, 'Ready', allReady ? 'True' : 'False', now, allReady ? undefined : 'ContainersNotReady');
  return {
    ...pod.status,
    phase: started ? 'Running' : 'Pending',
    conditions,
    containerStatuses,
    startTime: pod.status?.startTime ?? rfc3339(now),
  };
}
