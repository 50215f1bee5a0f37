/**
 * The contract between the simulated API server's object store and everything that acts on it:
 * the HTTP layer (server/simulator/http) and the controllers (daemonset controller, scheduler,
 * kubelet, node lifecycle). Controllers write through this interface exactly as a real controller
 * writes through the API, so registry rules (generation bumps, resourceVersion checks, graceful pod
 * deletion) apply to them too.
 */

/** The resources the simulated cluster serves, by their plural REST name. */
export const RESOURCE_KINDS = ['namespaces', 'nodes', 'pods', 'daemonsets', 'controllerrevisions', 'events'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Any stored object: wire-shaped JSON with metadata. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  kind: ResourceKind;
  type: WatchEventType;
  object: KObject;
  /** The store-wide resourceVersion this event committed at (a decimal string, monotonic). */
  resourceVersion: string;
}

/** The simulated clock: wall time that tests can speed up. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** Errors carry the Kubernetes Status reason and HTTP code a real API server would answer with. */
export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Gone' | 'Forbidden';

export interface ObjectStore {
  /** A deep copy of one object, or undefined. */
  get(kind: ResourceKind, namespace: string | undefined, name: string): KObject | undefined;
  /** Deep copies of every object of a kind (optionally one namespace), with the store's current resourceVersion. */
  list(kind: ResourceKind, namespace?: string): { items: KObject[]; resourceVersion: string };
  /** Assigns uid, resourceVersion, creationTimestamp, generation=1; throws StoreError AlreadyExists/Invalid. */
  create(kind: ResourceKind, object: KObject, options?: { dryRun?: boolean }): KObject;
  /**
   * Replaces an object. When `object.metadata.resourceVersion` is set it must equal the stored one
   * (else Conflict). For daemonsets a spec change bumps `generation`, a template change bumps the
   * `deprecated.daemonset.template.generation` annotation; `subresource: 'status'` changes only status.
   */
  update(kind: ResourceKind, object: KObject, options?: { subresource?: 'status'; dryRun?: boolean }): KObject;
  /**
   * Deletes an object. Pods with a grace period get a deletionTimestamp first (MODIFIED) and are removed
   * when the kubelet finalizes them (`delete` again with gracePeriodSeconds 0). Returns the object as
   * deleted or as marked.
   */
  delete(
    kind: ResourceKind,
    namespace: string | undefined,
    name: string,
    options?: { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: boolean },
  ): KObject;
  /** Called synchronously after every committed change, in commit order. Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Events of a kind after `resourceVersion` still in the history window; throws StoreError Gone when too old. */
  eventsSince(kind: ResourceKind, resourceVersion: string): StoreEvent[];
  /** The store-wide resourceVersion of the last commit. */
  currentResourceVersion(): string;
}
