import 'server-only';
import type { ActionPatch } from '@/lib/rollout-actions';

/** `-n ns` plus `--context` when the cluster came from a kubeconfig context. */
function scope(namespace: string, context: string | undefined): string {
  return context === undefined ? `-n ${namespace}` : `-n ${namespace} --context ${context}`;
}

/** Single-quotes a shell argument. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The kubectl command equivalent to each action, shown beside the button and in every answer. */
export const kubectlFor = {
  rollback: (namespace: string, name: string, toRevision: number | undefined, context?: string) =>
    `kubectl rollout undo daemonset/${name} ${scope(namespace, context)}${toRevision ? ` --to-revision=${toRevision}` : ''}`,
  restart: (namespace: string, name: string, context?: string) => `kubectl rollout restart daemonset/${name} ${scope(namespace, context)}`,
  patch: (namespace: string, name: string, patch: ActionPatch, context?: string) =>
    `kubectl patch daemonset/${name} ${scope(namespace, context)} --type=${patch.type === 'application/merge-patch+json' ? 'merge' : 'strategic'} -p ${shellQuote(JSON.stringify(patch.body))}`,
  deletePod: (namespace: string, name: string, context?: string) => `kubectl delete pod ${name} ${scope(namespace, context)}`,
};
