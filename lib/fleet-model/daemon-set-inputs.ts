/**
 * What a DaemonSet column needs besides pods: its ControllerRevisions (for the current hash) and its
 * compiled eligibility, cached per DaemonSet generation.
 */
import { currentRevisionOf, type CurrentRevision, type EligibilityFn } from '../daemon-status';
import type { ControllerRevision, DaemonSet } from '../k8s-types';
import { listOf } from '../pod-state';

/** ControllerRevisions by their controller's uid. */
export class RevisionIndex {
  private readonly byOwner = new Map<string, Map<string, ControllerRevision>>();

  /** Files (or, when `deleted`, forgets) a revision; returns its controller's uid, if it has one. */
  put(revision: ControllerRevision, deleted = false): string | undefined {
    const owner = listOf(revision.metadata?.ownerReferences).find(
      (reference) => reference?.controller === true,
    )?.uid;
    if (!owner) return undefined;
    const key = revision.metadata?.uid || revision.metadata?.name || '';
    let owned = this.byOwner.get(owner);
    if (owned === undefined) {
      owned = new Map();
      this.byOwner.set(owner, owned);
    }
    if (deleted) owned.delete(key);
    else owned.set(key, revision);
    return owner;
  }

  /** The current revision of a DaemonSet (keyed by its uid) among those it controls. */
  currentOf(key: string, daemonSet: DaemonSet): CurrentRevision {
    return currentRevisionOf(daemonSet, [...(this.byOwner.get(key)?.values() ?? [])]);
  }
}

/** A compiled eligibility predicate and the generation it was compiled for. */
interface Compiled {
  generation: number | undefined;
  fn: EligibilityFn;
}

/** Compiled eligibility per DaemonSet, recompiled only when its generation moves. */
export class EligibilityCache {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly compile: (daemonSet: DaemonSet) => EligibilityFn) {}

  /** The predicate for this DaemonSet (keyed by its uid); a missing generation always recompiles. */
  of(key: string, daemonSet: DaemonSet): EligibilityFn {
    const generation = daemonSet.metadata?.generation;
    const cached = this.compiled.get(key);
    if (cached !== undefined && generation !== undefined && cached.generation === generation)
      return cached.fn;
    const fn = this.compile(daemonSet);
    this.compiled.set(key, { generation, fn });
    return fn;
  }

  /** Drops a deleted DaemonSet's predicate. */
  forget(key: string): void {
    this.compiled.delete(key);
  }
}
