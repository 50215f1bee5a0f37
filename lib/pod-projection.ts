/**
 * The daemon pod as the dashboard keeps it: only the fields its readers use, with everything that
 * repeats across pods shared. A full pod from the API is ~2 KB of JSON and ~3.5 KB of heap once
 * parsed; the dashboard holds one per (DaemonSet, node), 216,000 at 5,000 nodes × 50 DaemonSets.
 *
 * The readers, and what they read:
 * - lib/pod-state (and through it daemon-status, cell-state, the FleetModel): metadata name,
 *   creationTimestamp, deletionTimestamp, ownerReferences (the controller), labels
 *   `controller-revision-hash` and `pod-template-generation`; spec.nodeName, else the required
 *   node-affinity `metadata.name In` term (`targetNodeName`); status.phase, reason, message; the
 *   Ready condition (status, lastTransitionTime) and PodScheduled (status, reason, message); container
 *   and init-container statuses that are waiting (name, reason, message).
 * - server/: uid, namespace and resourceVersion besides (keys, detail views, the owner check).
 *
 * Everything else (tolerations, containers, volumes, other conditions, running states, startTime,
 * other labels and owner references) is dropped. Values are copied as they are, malformed or not, so
 * every reader answers for the projection exactly as for the full pod (pod-projection.test.ts checks
 * this for random pods, well-formed and not).
 */
import { WellKnown, type Affinity, type ContainerStatus, type ObjectMeta, type OwnerReference, type Pod, type PodCondition, type PodSpec } from './k8s-types';
import { listOf, targetNodeName } from './pod-state';
import { SharedStrings, SharedValues, tupleKey } from './shared-values';

type Json = Record<string, unknown>;
type PodStatus = NonNullable<Pod['status']>;

const CONDITION_FIELDS = ['type', 'status', 'reason', 'message', 'lastTransitionTime'] as const;
const OWNER_FIELDS = ['apiVersion', 'kind', 'name', 'uid', 'controller'] as const;

/**
 * Capacities of the sharing tables: strings and specs grow with the node count (one node name and
 * one spec per node), the rest with DaemonSets and distinct seconds. Past capacity a table restarts.
 */
const NODE_SCALE_CAPACITY = 1 << 18;
const SMALL_CAPACITY = 1 << 14;

const asRecord = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/** Copies the fields of `source` that are present (not undefined), in the order given, strings interned. */
function pick<T>(source: Json, keys: readonly string[], strings: { get<V>(value: V): V }): T {
  const out: Json = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key] = strings.get(value);
  }
  return out as T;
}

/** For `pick`: values kept as they are. */
const UNSHARED = { get: <V>(value: V): V => value };

/** Projects daemon pods; one projector's tables are shared by every pod it projects. */
export class PodProjector {
  private readonly strings = new SharedStrings(NODE_SCALE_CAPACITY);
  /** Specs of bound pods by node name (almost every pod), and the others by node name and target. */
  private readonly boundSpecs = new SharedValues<PodSpec>(NODE_SCALE_CAPACITY);
  private readonly specs = new SharedValues<PodSpec>(NODE_SCALE_CAPACITY);
  private readonly owners = new SharedValues<OwnerReference[]>(SMALL_CAPACITY);
  private readonly labels = new SharedValues<Record<string, string>>(SMALL_CAPACITY);
  private readonly conditions = new SharedValues<PodCondition[]>(SMALL_CAPACITY);
  private readonly statuses = new SharedValues<PodStatus>(SMALL_CAPACITY);

  /** The projection of a pod from the API (any value: garbage projects to an empty pod). */
  project(value: unknown): Pod {
    const pod = asRecord(value);
    return {
      metadata: this.metadata(asRecord(pod?.metadata)),
      spec: this.spec(asRecord(pod?.spec)),
      status: this.status(asRecord(pod?.status)),
    };
  }

  // This runs once per pod of every list and watch event (200,000 per relist at 5,000 × 50): keys are
  // built by concatenation and tables probed before anything is allocated.

  private metadata(meta: Json | undefined): ObjectMeta {
    if (meta === undefined) return {};
    // name, uid and resourceVersion are the pod's own: interning them would only crowd the table.
    const out: ObjectMeta = pick<ObjectMeta>(meta, ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'], UNSHARED);
    if (out.namespace !== undefined) out.namespace = this.strings.get(out.namespace);
    if (out.creationTimestamp !== undefined) out.creationTimestamp = this.strings.get(out.creationTimestamp);
    if (out.deletionTimestamp !== undefined) out.deletionTimestamp = this.strings.get(out.deletionTimestamp);
    const labels = this.keptLabels(meta.labels);
    if (labels !== undefined) out.labels = labels;
    const owners = this.controllerReferences(meta.ownerReferences);
    if (owners !== undefined) out.ownerReferences = owners;
    return out;
  }

  /** The two labels that say which revision a pod runs; undefined when it has neither. */
  private keptLabels(value: unknown): Record<string, string> | undefined {
    const labels = asRecord(value);
    if (labels === undefined) return undefined;
    const hash = labels[WellKnown.controllerRevisionHash];
    const generation = labels[WellKnown.podTemplateGeneration];
    if (hash === undefined && generation === undefined) return undefined;
    const key = tupleKey([hash, generation]);
    const known = key === undefined ? undefined : this.labels.find(key);
    if (known !== undefined) return known;
    const kept = pick<Record<string, string>>(labels, [WellKnown.controllerRevisionHash, WellKnown.podTemplateGeneration], this.strings);
    return key === undefined ? kept : this.labels.put(key, kept);
  }

  /**
   * The owner references with `controller: true` (at most one in a valid pod), shared per controller:
   * found by its uid, then checked field by field, as a key string per pod would cost more than the rest.
   */
  private controllerReferences(value: unknown): OwnerReference[] | undefined {
    if (!Array.isArray(value)) return undefined;
    const controllers: Json[] = [];
    for (const item of value) {
      const ref = asRecord(item);
      if (ref?.controller === true) controllers.push(ref);
    }
    const only = controllers.length === 1 ? controllers[0] : undefined;
    const uid = only?.uid;
    if (only === undefined || typeof uid !== 'string') return controllers.map((ref) => pick<OwnerReference>(ref, OWNER_FIELDS, this.strings));
    const known = this.owners.find(uid);
    if (known !== undefined && OWNER_FIELDS.every((field) => known[0]?.[field] === only[field])) return known;
    const kept = [pick<OwnerReference>(only, OWNER_FIELDS, this.strings)];
    // A different reference under a known uid (malformed input) is kept unshared.
    return known === undefined ? this.owners.put(uid, kept) : kept;
  }

  private spec(spec: Json | undefined): PodSpec {
    if (spec === undefined) return {};
    const nodeName = spec.nodeName;
    // A bound pod's target is its nodeName; only an unbound one needs its affinity, and then only the
    // node it pins: the canonical one-term form says the same to `targetNodeName`.
    if (typeof nodeName === 'string' && nodeName !== '') {
      return this.boundSpecs.find(nodeName) ?? this.boundSpecs.put(nodeName, { nodeName: this.strings.get(nodeName) });
    }
    const pinnedTo = targetNodeName({ spec: spec as PodSpec });
    const key = tupleKey([nodeName, pinnedTo]);
    const known = key === undefined ? undefined : this.specs.find(key);
    if (known !== undefined) return known;
    const out: PodSpec = {};
    if (nodeName !== undefined) out.nodeName = nodeName as string;
    if (pinnedTo !== undefined) out.affinity = pinnedAffinity(this.strings.get(pinnedTo));
    return key === undefined ? out : this.specs.put(key, out);
  }

  private status(status: Json | undefined): PodStatus {
    if (status === undefined) return {};
    const containerStatuses = waitingStatuses(status.containerStatuses, this.strings);
    const initContainerStatuses = waitingStatuses(status.initContainerStatuses, this.strings);
    const conditions = Array.isArray(status.conditions) ? keptConditions(status.conditions) : undefined;
    const conditionsKey = conditions === undefined ? '-' : conditionKey(conditions);
    // A pod with a waiting container is rare and short-lived: it keeps its own status.
    const shareable = containerStatuses === undefined && initContainerStatuses === undefined && conditionsKey !== undefined;
    const scalarsKey = shareable ? tupleKey([status.phase, status.reason, status.message]) : undefined;
    const key = scalarsKey === undefined ? undefined : scalarsKey + conditionsKey;
    const known = key === undefined ? undefined : this.statuses.find(key);
    if (known !== undefined) return known;
    const out = pick<PodStatus>(status, ['phase', 'reason', 'message'], this.strings);
    if (conditions !== undefined) out.conditions = this.sharedConditions(conditions, conditionsKey);
    if (containerStatuses !== undefined) out.containerStatuses = containerStatuses;
    if (initContainerStatuses !== undefined) out.initContainerStatuses = initContainerStatuses;
    return key === undefined ? out : this.statuses.put(key, out);
  }

  private sharedConditions(conditions: readonly Json[], key: string | undefined): PodCondition[] {
    const known = key === undefined ? undefined : this.conditions.find(key);
    if (known !== undefined) return known;
    const kept = conditions.map((condition) => pick<PodCondition>(condition, CONDITION_FIELDS, this.strings));
    return key === undefined ? kept : this.conditions.put(key, kept);
  }
}

/** The first Ready and the first PodScheduled condition, in their order. */
function keptConditions(list: readonly unknown[]): Json[] {
  let ready: Json | undefined;
  let scheduled: Json | undefined;
  const kept: Json[] = [];
  for (const item of list) {
    const condition = asRecord(item);
    if (condition === undefined) continue;
    if (ready === undefined && condition.type === 'Ready') kept.push((ready = condition));
    else if (scheduled === undefined && condition.type === 'PodScheduled') kept.push((scheduled = condition));
  }
  return kept;
}

/** The key of kept conditions, or undefined when a field is not a string. */
function conditionKey(conditions: readonly Json[]): string | undefined {
  let key = `${conditions.length}`;
  for (const condition of conditions) {
    const part = tupleKey([condition.type, condition.status, condition.reason, condition.message, condition.lastTransitionTime]);
    if (part === undefined) return undefined;
    key += part;
  }
  return key;
}

/** The required node affinity that pins a pod to `nodeName`, as the DaemonSet controller writes it. */
function pinnedAffinity(nodeName: string): Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
      },
    },
  };
}

/** The container statuses that are waiting with a reason (name and waiting state); undefined when none. */
function waitingStatuses(value: unknown, strings: SharedStrings): ContainerStatus[] | undefined {
  const waiting: ContainerStatus[] = [];
  for (const item of listOf(value as readonly unknown[])) {
    const status = asRecord(item);
    const state = asRecord(asRecord(status?.state)?.waiting);
    if (status === undefined || state === undefined || state.reason === undefined) continue;
    waiting.push({ ...pick<ContainerStatus>(status, ['name'], strings), state: { waiting: pick(state, ['reason', 'message'], strings) } });
  }
  return waiting.length === 0 ? undefined : waiting;
}
