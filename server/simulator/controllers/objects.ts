import 'server-only';
import type { ControllerRevision, DaemonSet, KubeEvent, Node, Pod } from '@/lib/k8s-types';
import type { KObject, ObjectStore, ResourceKind } from '../store-types';

/*
 * The store holds loosely typed wire JSON (KObject); controllers read it through lib/'s wire types.
 * Both describe the same JSON, so these are views, not conversions.
 */

/** A stored object viewed as a Node. */
export const asNode = (object: KObject): Node => object as unknown as Node;
/** A stored object viewed as a Pod. */
export const asPod = (object: KObject): Pod => object as unknown as Pod;
/** A stored object viewed as a DaemonSet. */
export const asDaemonSet = (object: KObject): DaemonSet => object as unknown as DaemonSet;
/** A stored object viewed as a ControllerRevision. */
export const asRevision = (object: KObject): ControllerRevision => object as unknown as ControllerRevision;
/** A wire object handed back to the store; its metadata.name must be set by the caller. */
export const toStored = (object: Node | Pod | DaemonSet | ControllerRevision | KubeEvent): KObject =>
  object as unknown as KObject;

/** `namespace/name`, or `name` for cluster-scoped objects: the work-queue key. */
export function objectKey(object: { metadata?: { name?: string; namespace?: string } }): string {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** A deep copy for building an update; cached objects are shared and never mutated. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** RFC 3339 with second precision, as the API server writes timestamps. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The reason code of a store error (StoreError carries `reason`), or undefined for other errors. */
export function storeErrorReason(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'reason' in error) {
    const reason = (error as { reason: unknown }).reason;
    return typeof reason === 'string' ? reason : undefined;
  }
  return undefined;
}

/**
 * Runs a store write and swallows the outcomes a controller expects in a live cluster (the object
 * is gone, someone else changed it first); the next sync sees the new state. Returns whether it took.
 */
export function tryWrite(write: () => unknown): boolean {
  try {
    write();
    return true;
  } catch (error) {
    const reason = storeErrorReason(error);
    if (reason === 'NotFound' || reason === 'Conflict' || reason === 'AlreadyExists') return false;
    throw error;
  }
}

/** Deletes an object, ignoring that it is already gone. */
export function deleteQuietly(
  store: ObjectStore,
  kind: ResourceKind,
  object: { metadata?: { name?: string; namespace?: string; uid?: string } },
  gracePeriodSeconds?: number,
): boolean {
  const name = object.metadata?.name;
  if (!name) return false;
  const uid = object.metadata?.uid;
  return tryWrite(() =>
    store.delete(kind, object.metadata?.namespace, name, {
      ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
      ...(uid ? { preconditions: { uid } } : {}),
    }),
  );
}
