import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  type Clock, type KObject, type ObjectStore, type ResourceKind, RESOURCE_KINDS, type StoreEvent, type WatchEventType,
} from './store-types';
import { EventHistory, type HistoryEvent } from './api/event-history';
import { Interner } from './api/interner';
import { JsonText } from './api/json-text';
import { cloneJson, isJsonObject, jsonEqual } from './api/json-value';
import { KindTable, type ScanCursor } from './api/kind-table';
import { podGracePeriod } from './api/pod-strategy';
import { STRATEGIES } from './api/registry';
import { apiVersionOf, RESOURCES } from './api/resources';
import {
  alreadyExists, badRequest, conflict, type FieldCause, invalid, notFound, StoreError, tooLargeResourceVersion,
} from './api/status-error';

export { StoreError } from './api/status-error';

/** Options of `createStore`. */
export interface CreateStoreOptions {
  clock: Clock;
  /** Events kept per kind for watch resume; a watch from further back gets 410 Gone. Default 10,000. */
  historySize?: number;
  /**
   * Start with a copy of this store's objects (same uids and resourceVersions) and no event history:
   * an API server restarted over the same etcd, whose watch cache starts empty, so a watch resuming
   * from any earlier resourceVersion gets 410 Gone.
   */
  copyOf?: SimStore;
}

/** Delete options, plus the propagation policy the HTTP layer passes through. */
export interface StoreDeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  /** Orphan keeps dependents (their ownerReferences to the deleted owner are removed); otherwise they are deleted. */
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

/** The simulator's store: the ObjectStore contract plus what the HTTP layer needs to serve lists cheaply. */
export interface SimStore extends ObjectStore {
  readonly clock: Clock;
  delete(kind: ResourceKind, namespace: string | undefined, name: string, options?: StoreDeleteOptions): KObject;
  /** Read-only views (not copies) in namespace/name order, for serialising large lists without copying. */
  scan(kind: ResourceKind, namespace?: string, after?: ScanCursor): Iterable<KObject>;
  /** Number of objects of a kind. */
  count(kind: ResourceKind): number;
  /** JSON text of a value (objects from `scan` or parts of a response holding them), reusing the text of shared subtrees. */
  toJson(value: unknown): string;
  /** Forgets every kind's event history: watches from any earlier resourceVersion now get 410 Gone. */
  compactHistory(): void;
}

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision, as the API server writes timestamps (memoised: bursts share a second). */
export function formatTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** An in-memory API object store with upstream registry semantics (see store-types.ts). */
export function createStore(options: CreateStoreOptions): SimStore {
  const store = new MemoryStore(options.clock, options.historySize ?? 10_000);
  if (options.copyOf !== undefined) store.restore(options.copyOf);
  else for (const name of ['default', 'kube-system']) store.create('namespaces', { metadata: { name } });
  return store;
}

/**
 * The store behind `createStore`. Stored objects are never mutated in place (updates build new ones),
 * so they can share subtrees and be handed to the HTTP layer's serializer without copying.
 * Public methods are arrow properties so they survive being passed around detached.
 */
class MemoryStore implements SimStore {
  private readonly tables = new Map<ResourceKind, KindTable>(RESOURCE_KINDS.map((kind) => [kind, new KindTable()]));
  private histories: Map<ResourceKind, EventHistory>;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly interner = new Interner();
  /** Every committed object (stored, or carried by a watch event): immutable from its commit on. */
  private readonly committed = new WeakSet<object>();
  private readonly jsonText = new JsonText((value) => this.committed.has(value) || this.interner.isShared(value));
  private resourceVersion = 0;

  constructor(readonly clock: Clock, private readonly historySize: number) {
    this.histories = new Map(RESOURCE_KINDS.map((kind) => [kind, new EventHistory(historySize, 0)]));
  }

  /** Copies every object of `source` in, continuing its resourceVersions with the history empty (see `copyOf`). */
  restore(source: SimStore): void {
    for (const kind of RESOURCE_KINDS) {
      for (const stored of source.scan(kind)) {
        const object = cloneJson(stored);
        this.interner.intern(kind, object);
        this.table(kind).set(object.metadata.namespace ?? '', object.metadata.name, object);
        this.committed.add(object);
      }
    }
    this.resourceVersion = Number(source.currentResourceVersion());
    this.histories = new Map(RESOURCE_KINDS.map((kind) => [kind, new EventHistory(this.historySize, this.resourceVersion)]));
  }

  get = (kind: ResourceKind, namespace: string | undefined, name: string): KObject | undefined => {
    const found = this.table(kind).get(this.namespaceKey(kind, namespace), name);
    return found ? cloneJson(found) : undefined;
  };

  list = (kind: ResourceKind, namespace?: string): { items: KObject[]; resourceVersion: string } => ({
    items: [...this.table(kind).scan(namespace)].map((object) => cloneJson(object)),
    resourceVersion: String(this.resourceVersion),
  });

  scan = (kind: ResourceKind, namespace?: string, after?: ScanCursor): Iterable<KObject> => this.table(kind).scan(namespace, after);

  count = (kind: ResourceKind): number => this.table(kind).size;

  toJson = (value: unknown): string => this.jsonText.stringify(value);

  subscribe = (listener: (event: StoreEvent) => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  eventsSince = (kind: ResourceKind, since: string): StoreEvent[] => {
    const value = Number(since);
    if (since === '' || !Number.isInteger(value) || value < 0) throw badRequest(`invalid resource version: ${since}`);
    if (value > this.resourceVersion) throw tooLargeResourceVersion(value, this.resourceVersion);
    return this.histories.get(kind)?.since(value) ?? [];
  };

  currentResourceVersion = (): string => String(this.resourceVersion);

  compactHistory = (): void => {
    for (const history of this.histories.values()) history.compact(this.resourceVersion);
  };

  create = (kind: ResourceKind, input: KObject, opts?: { dryRun?: boolean }): KObject => {
    const object = normalize(kind, input);
    const strategy = STRATEGIES[kind];
    const generateName = object.metadata.generateName;
    if (!object.metadata.name && typeof generateName === 'string' && generateName !== '') {
      object.metadata.name = generateName + randomSuffix();
    }
    const namespace = object.metadata.namespace;
    if (namespace !== undefined && !this.table('namespaces').get('', namespace)) throw notFound('namespaces', namespace);
    strategy.applyDefaults(object);
    checkValid(kind, object, strategy.validate(object));
    if (this.table(kind).get(namespace ?? '', object.metadata.name)) throw alreadyExists(kind, object.metadata.name);
    strategy.prepareForCreate(object);
    object.metadata.uid = randomUUID();
    object.metadata.creationTimestamp = formatTimestamp(this.clock.now());
    delete object.metadata.deletionTimestamp;
    delete object.metadata.deletionGracePeriodSeconds;
    if (kind !== 'daemonsets') delete object.metadata.generation;
    if (opts?.dryRun) return object;
    this.interner.intern(kind, object);
    return this.commit(kind, 'ADDED', object);
  };

  update = (kind: ResourceKind, input: KObject, opts?: { subresource?: 'status'; dryRun?: boolean }): KObject => {
    const candidate = normalize(kind, input);
    const previous = this.mustGet(kind, candidate.metadata.namespace, candidate.metadata.name);
    const wanted = candidate.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== previous.metadata.resourceVersion) {
      throw conflict(kind, candidate.metadata.name);
    }
    const next = opts?.subresource === 'status' ? withStatusOf(previous, candidate) : prepareUpdate(kind, candidate, previous);
    next.metadata.resourceVersion = previous.metadata.resourceVersion;
    // A write that changes nothing commits nothing (no new resourceVersion, no watch event), as upstream.
    if (jsonEqual(next, previous)) return cloneJson(previous);
    if (opts?.dryRun) return next;
    this.interner.intern(kind, next);
    return this.commit(kind, 'MODIFIED', next, previous);
  };

  delete = (kind: ResourceKind, namespace: string | undefined, name: string, opts?: StoreDeleteOptions): KObject => {
    const previous = this.mustGet(kind, namespace, name);
    checkPreconditions(kind, previous, opts?.preconditions);
    if (kind === 'pods') {
      const grace = podGracePeriod(previous, opts?.gracePeriodSeconds);
      if (grace > 0) return this.markTerminating(previous, grace, opts?.dryRun === true);
    }
    if (opts?.dryRun) return cloneJson(previous);
    const deleted = this.commit(kind, 'DELETED', cloneJson(previous), previous);
    this.cascade(kind, previous, opts?.propagationPolicy);
    return deleted;
  };

  private table(kind: ResourceKind): KindTable {
    return this.tables.get(kind) ?? new KindTable();
  }

  private namespaceKey(kind: ResourceKind, namespace: string | undefined): string {
    return RESOURCES[kind].namespaced ? namespace || 'default' : '';
  }

  private mustGet(kind: ResourceKind, namespace: string | undefined, name: string): KObject {
    const found = this.table(kind).get(this.namespaceKey(kind, namespace), name);
    if (!found) throw notFound(kind, name);
    return found;
  }

  private commit(kind: ResourceKind, type: WatchEventType, object: KObject, previous?: KObject): KObject {
    this.resourceVersion++;
    const resourceVersion = String(this.resourceVersion);
    object.metadata.resourceVersion = resourceVersion;
    const namespace = object.metadata.namespace ?? '';
    if (type === 'DELETED') this.table(kind).remove(namespace, object.metadata.name);
    else this.table(kind).set(namespace, object.metadata.name, object);
    this.committed.add(object);
    const event: HistoryEvent = { kind, type, object, resourceVersion, ...(previous ? { previous } : {}) };
    this.histories.get(kind)?.push(event);
    for (const listener of this.listeners) listener(event);
    return cloneJson(object);
  }

  /** Graceful pod deletion: set deletionTimestamp; a shorter grace period may shorten an earlier one. */
  private markTerminating(previous: KObject, grace: number, dryRun: boolean): KObject {
    const current = previous.metadata.deletionGracePeriodSeconds;
    if (current !== undefined && current <= grace) return cloneJson(previous);
    const next = cloneJson(previous);
    next.metadata.deletionTimestamp = formatTimestamp(this.clock.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (dryRun) return next;
    return this.commit('pods', 'MODIFIED', next, previous);
  }

  /** What the garbage collector and namespace controller would do next, done at once. */
  private cascade(kind: ResourceKind, owner: KObject, policy: StoreDeleteOptions['propagationPolicy']): void {
    if (kind === 'namespaces') {
      for (const dependentKind of RESOURCE_KINDS.filter((candidate) => RESOURCES[candidate].namespaced)) {
        for (const object of [...this.table(dependentKind).scan(owner.metadata.name)]) {
          this.commit(dependentKind, 'DELETED', cloneJson(object), object);
        }
      }
      return;
    }
    if (kind !== 'daemonsets') return;
    const uid = owner.metadata.uid;
    for (const dependentKind of ['pods', 'controllerrevisions'] as const) {
      const dependents = [...this.table(dependentKind).scan(owner.metadata.namespace)]
        .filter((object) => object.metadata.ownerReferences?.some((ref) => ref.uid === uid));
      for (const dependent of dependents) {
        if (policy === 'Orphan') {
          const next = cloneJson(dependent);
          next.metadata.ownerReferences = dependent.metadata.ownerReferences?.filter((ref) => ref.uid !== uid);
          this.commit(dependentKind, 'MODIFIED', next, dependent);
        } else {
          this.delete(dependentKind, dependent.metadata.namespace, dependent.metadata.name);
        }
      }
    }
  }
}

/** A fresh copy of the input with apiVersion/kind set and namespace defaulted (or dropped for cluster-scoped kinds). */
function normalize(kind: ResourceKind, input: KObject): KObject {
  if (!isJsonObject(input) || !isJsonObject(input.metadata)) throw badRequest("Object 'metadata' is missing");
  const object = cloneJson(input);
  const info = RESOURCES[kind];
  const namespace: unknown = object.metadata.namespace;
  if (namespace !== undefined && typeof namespace !== 'string') throw badRequest('metadata.namespace must be a string');
  object.apiVersion = apiVersionOf(info);
  object.kind = info.objectKind;
  if (info.namespaced) object.metadata.namespace = object.metadata.namespace || 'default';
  else delete object.metadata.namespace;
  return object;
}

function checkValid(kind: ResourceKind, object: KObject, causes: FieldCause[]): void {
  if (causes.length > 0) throw invalid(kind, object.metadata.name ?? '', causes);
}

/** The status subresource: the stored object with only its status replaced. */
function withStatusOf(previous: KObject, candidate: KObject): KObject {
  const next = cloneJson(previous);
  next.status = candidate.status;
  return next;
}

/** A main-resource update: server-owned metadata kept, then the kind's defaults, strategy and validation. */
function prepareUpdate(kind: ResourceKind, next: KObject, previous: KObject): KObject {
  const strategy = STRATEGIES[kind];
  const meta: Record<string, unknown> = next.metadata;
  for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
    if (previous.metadata[field] === undefined) delete meta[field];
    else meta[field] = previous.metadata[field];
  }
  strategy.applyDefaults(next);
  strategy.prepareForUpdate(next, previous);
  checkValid(kind, next, [...strategy.validate(next), ...strategy.validateUpdate(next, previous)]);
  return next;
}

function checkPreconditions(kind: ResourceKind, object: KObject, preconditions: StoreDeleteOptions['preconditions']): void {
  const name = object.metadata.name;
  if (preconditions?.uid && preconditions.uid !== object.metadata.uid) {
    throw conflict(kind, name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${object.metadata.uid ?? ''}`);
  }
  const rv = preconditions?.resourceVersion;
  if (rv && rv !== object.metadata.resourceVersion) {
    throw conflict(kind, name, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${object.metadata.resourceVersion ?? ''}`);
  }
}

function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)] ?? 'x';
  return suffix;
}

/** True when an error is the store's (carries a Kubernetes Status reason and code). */
export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
