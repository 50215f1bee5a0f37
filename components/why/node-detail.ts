import type { NodeCondition, Taint } from '@/lib/k8s-types';

/**
 * The answer of `GET /api/c/{cluster}/nodes/{name}`, read defensively: the node's labels, taints and
 * conditions, and each DaemonSet's verdict with its reasons and fixes (lib/eligibility's Reason,
 * serialised). Unknown or missing fields become empty lists, never a crash.
 */

/** A change that would admit the node, as lib/eligibility words it. */
export interface FixView {
  description: string;
  yaml: string;
  command?: string;
}

/** One reason a DaemonSet does not (or should not) run on the node. */
export interface ReasonView {
  kind: string;
  message: string;
  podMayKeepRunning: boolean;
  fix: FixView | undefined;
}

/** A daemon pod of the DaemonSet on this node. */
export interface PodView {
  name: string;
  phase: string;
  isReady: boolean;
  isUpdated: boolean;
  isTerminating: boolean;
  resourceVersion?: string;
  failure?: string;
}

/** A default toleration the controller added, and the node taints it lets the DaemonSet past here. */
export interface AppliedTolerationView {
  toleration: string;
  outcome: string;
  toleratesHere: string[];
}

/** One DaemonSet's verdict on the node. */
export interface VerdictView {
  daemonSet: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  reasons: ReasonView[];
  /** The cell state code, when the server includes it. */
  state?: string;
  /** Why the pod fails (image pull, crash loop), when the server includes it. */
  failure?: string;
  hostNetwork?: boolean;
  pods: PodView[];
  /** Present when the server lists them; otherwise the panel works them out from the taints. */
  automaticTolerations?: AppliedTolerationView[];
}

/** The node page's data. */
export interface NodeDetailView {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  conditions: NodeCondition[];
  verdicts: VerdictView[];
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const records = (value: unknown): Rec[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function parseFix(value: unknown): FixView | undefined {
  if (!isRecord(value)) return undefined;
  const fix: FixView = { description: str(value.description) ?? '', yaml: str(value.yaml) ?? '' };
  const command = str(value.command);
  if (command) fix.command = command;
  return fix;
}

function parseReason(value: Rec): ReasonView {
  return {
    kind: str(value.kind) ?? 'unknown',
    message: str(value.message) ?? '',
    podMayKeepRunning: value.podMayKeepRunning === true,
    fix: parseFix(value.fix),
  };
}

// The DaemonSet may come as "ns/name", as { namespace, name }, or as separate fields.
function daemonSetKeyOf(value: Rec): string | undefined {
  const ds = value.daemonSet ?? value.daemonset;
  if (typeof ds === 'string') return ds;
  const ref = isRecord(ds) ? ds : value;
  const namespace = str(ref.namespace);
  const name = str(ref.name);
  return namespace && name ? `${namespace}/${name}` : undefined;
}

function failureText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  const reason = str(value.reason);
  const message = str(value.message);
  return reason && message ? `${reason}: ${message}` : (reason ?? message);
}

function parsePod(value: Rec): PodView {
  const pod: PodView = {
    name: str(value.name) ?? '',
    phase: str(value.phase) ?? 'Unknown',
    isReady: value.ready === true,
    isUpdated: value.updated === true,
    isTerminating: value.terminating === true,
  };
  const resourceVersion = str(value.resourceVersion);
  if (resourceVersion) pod.resourceVersion = resourceVersion;
  const failure = failureText(value.failure);
  if (failure) pod.failure = failure;
  return pod;
}

function tolerationText(value: unknown): string {
  if (!isRecord(value)) return '';
  const key = str(value.key) ?? '';
  const operator = str(value.operator) ?? 'Equal';
  const effect = str(value.effect);
  return `${key}${operator === 'Exists' ? '' : `=${str(value.value) ?? ''}`} (${operator}${effect ? `, ${effect}` : ''})`;
}

function parseApplied(value: Rec): AppliedTolerationView {
  return {
    toleration: tolerationText(value.toleration),
    outcome: str(value.outcome) ?? '',
    toleratesHere: Array.isArray(value.toleratesHere)
      ? value.toleratesHere.filter((t): t is string => typeof t === 'string')
      : [],
  };
}

function parseVerdict(value: Rec): VerdictView | undefined {
  const daemonSet = daemonSetKeyOf(value);
  if (daemonSet === undefined) return undefined;
  const inner = isRecord(value.verdict) ? value.verdict : value;
  const verdict: VerdictView = {
    daemonSet,
    shouldRun: inner.shouldRun === true,
    shouldContinueRunning: inner.shouldContinueRunning === true,
    reasons: records(inner.reasons).map(parseReason),
    pods: records(value.pods).map(parsePod),
  };
  if (Array.isArray(value.automaticTolerations))
    verdict.automaticTolerations = records(value.automaticTolerations).map(parseApplied);
  const state = str(value.state) ?? str(value.code);
  if (state) verdict.state = state;
  const failure = failureText(value.failure) ?? verdict.pods.find((pod) => pod.failure)?.failure;
  if (failure) verdict.failure = failure;
  if (typeof value.hostNetwork === 'boolean') verdict.hostNetwork = value.hostNetwork;
  return verdict;
}

/** Reads a node detail answer; the node may be wire-shaped (`metadata`, `spec`, `status`) or flat. */
export function parseNodeDetail(body: unknown, fallbackName: string): NodeDetailView {
  const root = isRecord(body) ? body : {};
  const node = isRecord(root.node) ? root.node : root;
  const meta = isRecord(node.metadata) ? node.metadata : node;
  const spec = isRecord(node.spec) ? node.spec : node;
  const status = isRecord(node.status) ? node.status : node;
  return {
    name: str(meta.name) ?? fallbackName,
    labels: stringMap(meta.labels),
    taints: records(spec.taints) as Taint[],
    conditions: records(status.conditions) as NodeCondition[],
    verdicts: records(root.verdicts ?? root.daemonSets ?? root.daemonsets).flatMap(
      (v) => parseVerdict(v) ?? [],
    ),
  };
}
