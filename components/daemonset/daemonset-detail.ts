import type { KubeEvent } from '@/lib/k8s-types';

/**
 * The answer of `GET /api/c/{cluster}/daemonsets/{ns}/{name}`, read defensively (missing parts become
 * empty): identity and resourceVersion (the precondition of every action), spec summary, history with
 * diffs, events, cost, blocking nodes and pods that do not run.
 */

/** One revision of the history, newest first. */
export interface RevisionView {
  revision: number;
  changeCause: string | null;
  createdAt?: string;
  isCurrent: boolean;
  template: string;
  /** What rolling back to this revision changes, as a unified diff from the live template. */
  diffFromCurrent: string;
}

/** A node holding the rollout back. */
export interface BlockingNodeView {
  node: string;
  pod: string;
  cause: string;
  since?: string;
}

/** A pod that exists but does not run. */
export interface PodNotRunningView {
  pod: string;
  node?: string;
  phase: string;
  reason: string;
  message: string;
}

/** The DaemonSet page's detail data. */
export interface DaemonSetDetailView {
  resourceVersion?: string;
  generation?: number;
  spec: Record<string, unknown>;
  images: string[];
  currentRevision: number | null;
  revisions: RevisionView[];
  events: KubeEvent[];
  cost: { perPod: Record<string, string>; total: Record<string, string>; problems: string[] } | undefined;
  blockingNodes: BlockingNodeView[];
  podsNotRunning: PodNotRunningView[];
  /** kubectl's rollout status error (OnDelete), when there is one. */
  rolloutStatusError?: string;
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const records = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const amounts = (value: unknown): Record<string, string> =>
  isRecord(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

function parseRevision(value: Rec): RevisionView {
  const revision: RevisionView = {
    revision: num(value.revision) ?? 0,
    changeCause: str(value.changeCause) ?? null,
    isCurrent: value.current === true,
    template: str(value.template) ?? '',
    diffFromCurrent: str(value.diffFromCurrent) ?? '',
  };
  const createdAt = str(value.createdAt);
  if (createdAt) revision.createdAt = createdAt;
  return revision;
}

function parseCost(value: unknown): DaemonSetDetailView['cost'] {
  if (!isRecord(value)) return undefined;
  const perPod = isRecord(value.perPod) ? value.perPod : {};
  const total = isRecord(value.total) ? value.total : {};
  const problems = Array.isArray(value.problems)
    ? value.problems.filter((p): p is string => typeof p === 'string')
    : [];
  return { perPod: amounts(perPod.requests), total: amounts(total.requests), problems };
}

/** Reads a DaemonSet detail answer. */
export function parseDaemonSetDetail(body: unknown): DaemonSetDetailView {
  const root = isRecord(body) ? body : {};
  const meta = isRecord(root.metadata) ? root.metadata : {};
  const spec = isRecord(root.spec) ? root.spec : {};
  const rollout = isRecord(root.rolloutStatus) ? root.rolloutStatus : {};
  const detail: DaemonSetDetailView = {
    spec,
    images: records(spec.images).flatMap((i) =>
      str(i.image) ? [`${str(i.container) ?? ''}${i.init === true ? ' (init)' : ''}: ${str(i.image)}`] : [],
    ),
    currentRevision: num(root.currentRevision) ?? null,
    revisions: records(root.revisions).map(parseRevision),
    events: records(root.events) as KubeEvent[],
    cost: parseCost(root.cost),
    blockingNodes: records(root.blockingNodes).map((b) => ({
      node: str(b.node) ?? '',
      pod: str(b.pod) ?? '',
      cause: str(b.cause) ?? '',
      ...(str(b.since) ? { since: str(b.since) } : {}),
    })),
    podsNotRunning: records(root.podsNotRunning).map((p) => ({
      pod: str(p.pod) ?? '',
      ...(isRecord(p.pinnedTo) && str(p.pinnedTo.name) ? { node: str(p.pinnedTo.name) } : {}),
      phase: str(p.phase) ?? 'Unknown',
      reason: str(p.reason) ?? '',
      message: str(p.message) ?? '',
    })),
  };
  const resourceVersion = str(meta.resourceVersion);
  if (resourceVersion) detail.resourceVersion = resourceVersion;
  const generation = num(meta.generation);
  if (generation !== undefined) detail.generation = generation;
  const error = str(rollout.error);
  if (error) detail.rolloutStatusError = error;
  return detail;
}
