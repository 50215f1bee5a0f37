import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { rolloutStatus, RolloutStatusError } from '@/lib/rollout-status';

/** The line `kubectl rollout status daemonset/<name>` would print now, from the streamed summary. */
export function rolloutStatusLine(summary: DaemonSetSummary): { done: boolean; text: string } {
  try {
    const status = rolloutStatus({
      metadata: {
        name: summary.name,
        ...(summary.generation === undefined ? {} : { generation: summary.generation }),
      },
      spec: { updateStrategy: { type: summary.updateStrategy.type } },
      status: summary.reported,
    });
    return { done: status.done, text: status.message.trimEnd() };
  } catch (error) {
    if (error instanceof RolloutStatusError) return { done: true, text: `error: ${error.message}` };
    throw error;
  }
}
