/**
 * Wire-shaped Kubernetes objects: the subset of fields Daemonscope reads, named and nested exactly as
 * the API server sends them (parsed JSON, camelCase, timestamps as RFC 3339 strings).
 *
 * Every field is optional because objects from the API, from kubectl, or from a user's what-if edit
 * may omit any of them; lib/ treats a missing field the way upstream treats the zero value.
 * The server slims objects to these fields on arrival (server/cluster), so these types are also the
 * in-memory shape of the fleet.
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

// ---- selectors -------------------------------------------------------------------------------

export interface LabelSelectorRequirement {
  key?: string;
  operator?: string; // In | NotIn | Exists | DoesNotExist
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface NodeSelectorRequirement {
  key?: string;
  operator?: string; // In | NotIn | Exists | DoesNotExist | Gt | Lt
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}

export interface NodeSelector {
  nodeSelectorTerms?: NodeSelectorTerm[] | null;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  preferredDuringSchedulingIgnoredDuringExecution?: unknown[] | null;
}

export interface Affinity {
  nodeAffinity?: NodeAffinity | null;
  podAffinity?: unknown;
  podAntiAffinity?: unknown;
}

// ---- taints and tolerations ------------------------------------------------------------------

export interface Taint {
  key?: string;
  value?: string;
  effect?: string; // NoSchedule | PreferNoSchedule | NoExecute
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string; // Equal (default) | Exists | Lt | Gt
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

// ---- nodes -----------------------------------------------------------------------------------

export interface NodeCondition {
  type?: string;
  status?: string; // True | False | Unknown
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

export interface Node {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    taints?: Taint[] | null;
    unschedulable?: boolean;
    podCIDR?: string;
    providerID?: string;
  };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[] | null;
    nodeInfo?: {
      kubeletVersion?: string;
      architecture?: string;
      operatingSystem?: string;
      osImage?: string;
      containerRuntimeVersion?: string;
    };
    addresses?: { type?: string; address?: string }[];
  };
}

// ---- pods ------------------------------------------------------------------------------------

export interface ResourceRequirements {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}

export interface Container {
  name?: string;
  image?: string;
  resources?: ResourceRequirements;
  ports?: ContainerPort[];
  [field: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string> | null;
  affinity?: Affinity | null;
  tolerations?: Toleration[] | null;
  hostNetwork?: boolean;
  hostPID?: boolean;
  priorityClassName?: string;
  containers?: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  [field: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}

export interface ContainerStatus {
  name?: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: ContainerStateWaiting;
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
}

export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: PodSpec;
  status?: {
    phase?: string; // Pending | Running | Succeeded | Failed | Unknown
    conditions?: PodCondition[] | null;
    containerStatuses?: ContainerStatus[] | null;
    initContainerStatuses?: ContainerStatus[] | null;
    reason?: string;
    message?: string;
    startTime?: string;
  };
}

// ---- daemonsets ------------------------------------------------------------------------------

/** An int-or-string as the API sends it: `1`, `"25%"`; null or absent when unset. */
export type IntOrString = number | string;

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString | null;
  maxSurge?: IntOrString | null;
}

export interface DaemonSetUpdateStrategy {
  type?: string; // RollingUpdate | OnDelete
  rollingUpdate?: RollingUpdateDaemonSet | null;
}

export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface DaemonSet {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    selector?: LabelSelector | null;
    template?: PodTemplateSpec;
    updateStrategy?: DaemonSetUpdateStrategy;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

export interface ControllerRevision {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  /** For DaemonSets: `{ spec: { template: { ...template, $patch: 'replace' } } }`. */
  data?: unknown;
  revision?: number;
}

export interface KubeEvent {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  involvedObject?: { kind?: string; namespace?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string; // Normal | Warning
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string; host?: string };
}

/** Well-known label and annotation keys, as upstream spells them. */
export const WellKnown = {
  controllerRevisionHash: 'controller-revision-hash',
  podTemplateGeneration: 'pod-template-generation',
  templateGeneration: 'deprecated.daemonset.template.generation',
  changeCause: 'kubernetes.io/change-cause',
  lastApplied: 'kubectl.kubernetes.io/last-applied-configuration',
  restartedAt: 'kubectl.kubernetes.io/restartedAt',
  /** Ours: where "pause" keeps the RollingUpdate parameters while the DaemonSet is switched to OnDelete. */
  pausedRollingUpdate: 'daemonscope.io/paused-rolling-update',
} as const;
