import 'server-only';
import { type ContainerStatus, type Pod } from '@/lib/k8s-types';

/** What `kubectl get pods` shows for one pod: READY, STATUS, RESTARTS. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
}

type Terminated = { reason?: string; exitCode?: number; signal?: number };

function terminatedReason(prefix: string, terminated: Terminated): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((condition) => condition.type === type && condition.status === 'True');
}

/** Walks init containers like upstream; returns the STATUS while initializing, else undefined. */
function initStatus(pod: Pod, statuses: ContainerStatus[]): string | undefined {
  const total = pod.spec?.initContainers?.length ?? 0;
  for (let i = 0; i < statuses.length; i++) {
    const state = statuses[i]?.state ?? {};
    const terminated = state.terminated as Terminated | undefined;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (terminated) return terminatedReason('Init:', terminated);
    if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') return `Init:${state.waiting.reason}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

/** `printPod` (kubernetes pkg/printers/internalversion/printers.go): the STATUS reason chain, READY and RESTARTS. */
export function summarizePod(pod: Pod): PodSummary {
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  let restarts = 0;
  let readyContainers = 0;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  for (const status of initStatuses) restarts += status.restartCount ?? 0;
  const initializing = initStatus(pod, initStatuses);
  if (initializing !== undefined) reason = initializing;
  if (initializing === undefined || conditionTrue(pod, 'Initialized')) {
    restarts = 0;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (!container) continue;
      restarts += container.restartCount ?? 0;
      const state = container.state ?? {};
      const terminated = state.terminated as Terminated | undefined;
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (terminated) reason = terminatedReason('', terminated);
      else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const total = pod.spec?.containers?.length ?? 0;
  return { ready: `${readyContainers}/${total}`, status: reason, restarts };
}
