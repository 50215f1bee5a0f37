import 'server-only';
import type { ControllerRevision, DaemonSet, Node, Pod } from '@/lib/k8s-types';
import type { AuditLog } from '../audit';
import type { KubeClient } from '../clusters/kube-http';
import { DaemonscopeError } from '../errors';

/** What an action needs: the cluster's writer, its clock, the audit log, and the fleet as the hub sees it. */
export interface ActionContext {
  cluster: string;
  client: KubeClient;
  now: () => number;
  audit: AuditLog;
  user: string;
  /** The kubeconfig context name to put in kubectl equivalents (undefined for the demo cluster). */
  kubectlContext?: string;
  /** Nodes and a DaemonSet's pods as the watches last saw them, for dry-run previews. */
  fleet: { nodes(): Node[]; podsOf(uid: string | undefined): Pod[] };
}

/** Every mutation answers this on success. */
export interface ActionResult {
  ok: true;
  kubectl: string;
  dryRun: boolean;
  result: Record<string, unknown>;
}

/** REST path of a DaemonSet. */
export const daemonSetPath = (namespace: string, name: string) =>
  `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/daemonsets/${encodeURIComponent(name)}`;

/** REST path of a pod. */
export const podPath = (namespace: string, name: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;

/** The live DaemonSet, read from the API server (never the watch cache: a precondition needs the latest). */
export async function readDaemonSet(ctx: ActionContext, namespace: string, name: string): Promise<DaemonSet> {
  return ctx.client<DaemonSet>({ method: 'GET', path: daemonSetPath(namespace, name) });
}

/** The namespace's ControllerRevisions (lib's controlledHistory keeps the DaemonSet's own). */
export async function listRevisions(ctx: ActionContext, namespace: string): Promise<ControllerRevision[]> {
  const list = await ctx.client<{ items?: ControllerRevision[] }>({
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
  });
  return list?.items ?? [];
}

/**
 * The resourceVersion precondition: the caller saw `expected`; if the object moved on since, refuse
 * with a 409 that says so instead of acting on a state the operator did not see.
 */
export function assertResourceVersion(kind: string, name: string, expected: string | undefined, actual: string | undefined): void {
  if (expected === undefined || expected === actual) return;
  throw new DaemonscopeError(
    'conflict',
    `Operation cannot be fulfilled on ${kind} "${name}": the object has been modified (you saw resourceVersion ${expected}, it is now ${actual ?? 'unknown'}); reload and try again`,
  );
}

/**
 * The generation precondition: the caller reviewed spec generation `expected`; a different one means
 * someone changed the spec since, so refuse (409). Status writes (a busy rollout) leave it alone.
 */
export function assertGeneration(kind: string, name: string, expected: number | undefined, actual: number | undefined): void {
  if (expected === undefined || expected === actual) return;
  throw new DaemonscopeError(
    'conflict',
    `Operation cannot be fulfilled on ${kind} "${name}": its spec has been changed (you reviewed generation ${expected}, it is now ${actual ?? 'unknown'}); reload and try again`,
  );
}
