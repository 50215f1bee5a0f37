import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  type Clock, type KObject, type ObjectStore, type ResourceKind, RESOURCE_KINDS, type StoreEvent, type WatchEventType,
} from './store-types';
import { EventHistory, type HistoryEvent } from './api/event-history';
import { Interner } from './api/interner';
import { cloneJson, isJsonObject, jsonEqual } from './api/json-value';
import { KindTable, type ScanCursor } from './api/kind-table';
import { podGracePeriod } from './api/pod-strategy';
import { STRATEGIES } from './api/registry';
import { apiVersionOf, RESOURCES } from './api/resources';
import { alreadyExists, badRequest, conflict, invalid, notFound, StoreError } from './api/status-error';

export { StoreError } from './api/status-error';

/** Options of `createStore`. */
export interface CreateStoreOptions {
  clock: Clock;
  /** Events kept per kind for watch resume; a watch from further back gets 410 Gone. Default 10,000. */
  historySize?: number;
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
  /** Forgets every kind's event history: watches from any earlier resourceVersion now get 410 Gone. */
  compactHistory(): void;
}

/** RFC 3339 with second precision, as the API server writes timestamps. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** An in-memory API object store with upstream registry semantics (see store-types.ts). */
export function createStore(options: CreateStoreOptions): SimStore {
  const { clock } = options;
  const historySize = options.historySize ?? 10_000;
  const tables = new Map<ResourceKind, KindTable>(RESOURCE_KINDS.map((kind) => [kind, new KindTable()]));
  const histories = new Map<ResourceKind, EventHistory>(RESOURCE_KINDS.map((kind) => [kind, new EventHistory(historySize, 0)]));
  const listeners = new Set<(event: StoreEvent) => void>();
  const interner = new Interner();
  let resourceVersion = 0;

  const table = (kind: ResourceKind): KindTable => tables.get(kind) ?? new KindTable();
  const nsKey = (kind: ResourceKind, namespace: string | undefined): string =>
    (RESOURCES[kind].namespaced ? namespace || 'default' : '');

  function commit(kind: ResourceKind, type: WatchEventType, object: KObject, previous?: KObject): KObject {
    resourceVersion++;
    object.metadata.resourceVersion = String(resourceVersion);
    const namespace = object.metadata.namespace ?? '';
    if (type === 'DELETED') table(kind).remove(namespace, object.metadata.name);
    else table(kind).set(namespace, object.metadata.name, object);
    const event: HistoryEvent = { kind, type, object, resourceVersion: String(resourceVersion), ...(previous ? { previous } : {}) };
    histories.get(kind)?.push(event);
    for (const listener of listeners) listener(event);
    return cloneJson(object);
  }

  function mustGet(kind: ResourceKind, namespace: string | undefined, name: string): KObject {
    const found = table(kind).get(nsKey(kind, namespace), name);
    if (!found) throw notFound(kind, name);
    return found;
  }

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

  function checkValid(kind: ResourceKind, object: KObject, causes: ReturnType<typeof STRATEGIES.pods.validate>): void {
    if (causes.length > 0) throw invalid(kind, object.metadata.name ?? '', causes);
  }

  function create(kind: ResourceKind, input: KObject, opts?: { dryRun?: boolean }): KObject {
    const object = normalize(kind, input);
    const strategy = STRATEGIES[kind];
    const generateName = object.metadata.generateName;
    if (!object.metadata.name && typeof generateName === 'string' && generateName !== '') {
      object.metadata.name = generateName + randomSuffix();
    }
    const namespace = object.metadata.namespace;
    if (namespace !== undefined && !table('namespaces').get('', namespace)) throw notFound('namespaces', namespace);
    strategy.applyDefaults(object);
    checkValid(kind, object, strategy.validate(object));
    if (table(kind).get(namespace ?? '', object.metadata.name)) throw alreadyExists(kind, object.metadata.name);
    strategy.prepareForCreate(object);
    object.metadata.uid = randomUUID();
    object.metadata.creationTimestamp = formatTimestamp(clock.now());
    delete object.metadata.deletionTimestamp;
    delete object.metadata.deletionGracePeriodSeconds;
    if (kind !== 'daemonsets') delete object.metadata.generation;
    if (opts?.dryRun) return object;
    interner.intern(kind, object);
    return commit(kind, 'ADDED', object);
  }

  function update(kind: ResourceKind, input: KObject, opts?: { subresource?: 'status'; dryRun?: boolean }): KObject {
    const candidate = normalize(kind, input);
    const previous = mustGet(kind, candidate.metadata.namespace, candidate.metadata.name);
    const wanted = candidate.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== previous.metadata.resourceVersion) {
      throw conflict(kind, candidate.metadata.name);
    }
    const strategy = STRATEGIES[kind];
    let next: KObject;
    if (opts?.subresource === 'status') {
      next = cloneJson(previous);
      next.status = candidate.status;
    } else {
      next = candidate;
      // Fields the server owns: identity, creation, deletion state.
      const meta: Record<string, unknown> = next.metadata;
      for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
        if (previous.metadata[field] === undefined) delete meta[field];
        else meta[field] = previous.metadata[field];
      }
      strategy.applyDefaults(next);
      strategy.prepareForUpdate(next, previous);
      checkValid(kind, next, [...strategy.validate(next), ...strategy.validateUpdate(next, previous)]);
    }
    next.metadata.resourceVersion = previous.metadata.resourceVersion;
    // A write that changes nothing commits nothing (no new resourceVersion, no watch event), as upstream.
    if (jsonEqual(next, previous)) return cloneJson(previous);
    if (opts?.dryRun) return next;
    interner.intern(kind, next);
    return commit(kind, 'MODIFIED', next, previous);
  }

  function remove(kind: ResourceKind, namespace: string | undefined, name: string, opts?: StoreDeleteOptions): KObject {
    const previous = mustGet(kind, namespace, name);
    checkPreconditions(kind, previous, opts?.preconditions);
    if (kind === 'pods') {
      const grace = podGracePeriod(previous, opts?.gracePeriodSeconds);
      if (grace > 0) return markTerminating(previous, grace, opts?.dryRun === true);
    }
    if (opts?.dryRun) return cloneJson(previous);
    const deleted = commit(kind, 'DELETED', cloneJson(previous), previous);
    cascade(kind, previous, opts?.propagationPolicy);
    return deleted;
  }

  /** Graceful pod deletion: set deletionTimestamp; a shorter grace period may shorten an earlier one. */
  function markTerminating(previous: KObject, grace: number, dryRun: boolean): KObject {
    const current = previous.metadata.deletionGracePeriodSeconds;
    if (current !== undefined && current <= grace) return cloneJson(previous);
    const next = cloneJson(previous);
    next.metadata.deletionTimestamp = formatTimestamp(clock.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (dryRun) return next;
    return commit('pods', 'MODIFIED', next, previous);
  }

  /** What the garbage collector and namespace controller would do next, done at once. */
  function cascade(kind: ResourceKind, owner: KObject, policy: StoreDeleteOptions['propagationPolicy']): void {
    if (kind === 'namespaces') {
      for (const dependentKind of RESOURCE_KINDS) {
        if (!RESOURCES[dependentKind].namespaced) continue;
        for (const object of [...table(dependentKind).scan(owner.metadata.name)]) {
          commit(dependentKind, 'DELETED', cloneJson(object), object);
        }
      }
      return;
    }
    if (kind !== 'daemonsets') return;
    const uid = owner.metadata.uid;
    for (const dependentKind of ['pods', 'controllerrevisions'] as const) {
      const dependents = [...table(dependentKind).scan(owner.metadata.namespace)]
        .filter((object) => object.metadata.ownerReferences?.some((ref) => ref.uid === uid));
      for (const dependent of dependents) {
        if (policy === 'Orphan') {
          const next = cloneJson(dependent);
          next.metadata.ownerReferences = dependent.metadata.ownerReferences?.filter((ref) => ref.uid !== uid);
          commit(dependentKind, 'MODIFIED', next, dependent);
        } else {
          remove(dependentKind, dependent.metadata.namespace, dependent.metadata.name);
        }
      }
    }
  }

  const store: SimStore = {
    clock,
    get: (kind, namespace, name) => {
      const found = table(kind).get(nsKey(kind, namespace), name);
      return found ? cloneJson(found) : undefined;
    },
    list: (kind, namespace) => ({
      items: [...table(kind).scan(namespace)].map((object) => cloneJson(object)),
      resourceVersion: String(resourceVersion),
    }),
    create,
    update,
    delete: remove,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    eventsSince: (kind, since) => {
      const value = Number(since);
      if (since === '' || !Number.isInteger(value) || value < 0) throw badRequest(`invalid resource version: ${since}`);
      return histories.get(kind)?.since(value) ?? [];
    },
    currentResourceVersion: () => String(resourceVersion),
    scan: (kind, namespace, after) => table(kind).scan(namespace, after),
    count: (kind) => table(kind).size,
    compactHistory: () => {
      for (const history of histories.values()) history.compact(resourceVersion);
    },
  };
  for (const name of ['default', 'kube-system']) create('namespaces', { metadata: { name } });
  return store;
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
