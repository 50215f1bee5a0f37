import type { CellCode } from '@/lib/cell-state';

/** Each state in plain words, for the Why panel's first line. */
export const STATE_WORDS: Readonly<Record<CellCode, string>> = {
  R: 'A pod of the current revision runs here and is available.',
  U: 'The pod here is of an older revision; the rollout has not replaced it yet.',
  P: 'A pod of the current revision runs here but is not ready (or not ready for minReadySeconds) yet.',
  F: 'A pod here is failing: its image cannot be pulled, it crash-loops, or it failed.',
  M: 'This node should run the DaemonSet but has no pod. The controller creates pods for eligible nodes; a pod that cannot be placed (resources, host ports) is still counted as scheduled, so a missing pod means the controller has not acted or its pod was deleted.',
  X: 'A pod runs here although the node should not run one. It is counted in numberMisscheduled. A pod kept under an untolerated NoSchedule taint stays; otherwise the controller deletes it.',
  N: 'This node does not run the DaemonSet, and should not.',
};
