/**
 * The DaemonSet controller's bookkeeping of ControllerRevisions (kubernetes/kubernetes
 * pkg/controller/daemon/update.go `constructHistory`, `dedupCurHistories`, `cleanupHistory`,
 * `controller/history ComputeHash`), as plans the simulated controller executes.
 */
import { WellKnown, type ControllerRevision, type DaemonSet, type PodTemplateSpec } from './k8s-types';
import { canonicalJson, revisionMatchesTemplate, sortByRevision } from './history';

/** What one sync does to the history before managing pods. */
export interface HistorySyncPlan {
  /** The revision holding the live template after dedup; undefined → snapshot a new one numbered `nextRevision`. */
  current: ControllerRevision | undefined;
  /** Every other revision (the cleanup candidates). */
  old: ControllerRevision[];
  /** max(old revisions) + 1: the number of a new snapshot, or of the current one when renumbered. */
  nextRevision: number;
  /** The current revision is not the newest and must be renumbered to `nextRevision`. */
  renumberCurrent: boolean;
  /** Duplicate current revisions to delete, after relabelling their pods to the kept hash. */
  deleteDuplicates: { name: string; hash: string }[];
}

/** The hash a revision stands for: its controller-revision-hash label, else its name (upstream labels it so). */
export function revisionHashOf(revision: ControllerRevision): string {
  return revision.metadata?.labels?.[WellKnown.controllerRevisionHash] ?? revision.metadata?.name ?? '';
}

/** Upstream `maxRevision(old) + 1`: the number a new or renumbered current revision gets. */
export function nextRevisionNumber(old: readonly ControllerRevision[]): number {
  return old.reduce((max, revision) => Math.max(max, revision.revision ?? 0), 0) + 1;
}

/**
 * Upstream `constructHistory` over the DaemonSet's own revisions (already filtered to it): split into
 * current and old, keep the highest current duplicate (the last one listed on a tie), and renumber it
 * when it is not above every old revision.
 */
export function planHistorySync(ds: DaemonSet, revisions: readonly ControllerRevision[]): HistorySyncPlan {
  const currents: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const revision of revisions) (revisionMatchesTemplate(ds, revision) ? currents : old).push(revision);
  let current: ControllerRevision | undefined;
  for (const candidate of currents) {
    if (current === undefined || (candidate.revision ?? 0) >= (current.revision ?? 0)) current = candidate;
  }
  const nextRevision = nextRevisionNumber(old);
  return {
    current,
    old,
    nextRevision,
    renumberCurrent: current !== undefined && (current.revision ?? 0) < nextRevision,
    deleteDuplicates: currents
      .filter((revision) => revision !== current)
      .map((revision) => ({ name: revision.metadata?.name ?? '', hash: revisionHashOf(revision) })),
  };
}

/** `{ name, revision }` of every revision after one history sync (renumbered, duplicates gone), by revision. */
export function revisionsAfterSync(ds: DaemonSet, revisions: readonly ControllerRevision[]): { name: string; revision: number }[] {
  const plan = planHistorySync(ds, revisions);
  const kept = plan.current === undefined ? plan.old : [...plan.old, plan.current];
  return sortByRevision(
    kept.map((revision) =>
      revision === plan.current && plan.renumberCurrent ? { ...revision, revision: plan.nextRevision } : revision,
    ),
  ).map((revision) => ({ name: revision.metadata?.name ?? '', revision: revision.revision ?? 0 }));
}

/**
 * Upstream `cleanupHistory`: names of old revisions to delete so that at most `revisionHistoryLimit`
 * (default 10) remain, lowest revision first, never one whose hash is on a pod (`liveHashes`).
 */
export function planHistoryCleanup(ds: DaemonSet, old: readonly ControllerRevision[], liveHashes: Iterable<string>): string[] {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  let toKill = old.length - Math.max(0, limit);
  if (toKill <= 0) return [];
  const live = new Set(liveHashes);
  const doomed: string[] = [];
  for (const revision of sortByRevision(old)) {
    if (toKill <= 0) break;
    if (live.has(revisionHashOf(revision))) continue;
    doomed.push(revision.metadata?.name ?? '');
    toKill--;
  }
  return doomed;
}

/** The alphabet of apimachinery's `rand.SafeEncodeString` (no vowels, no look-alikes). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits. */
function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A revision hash shaped like upstream's `ComputeHash` (FNV-32a, decimal, SafeEncodeString; collision
 * count mixed in as 8 little-endian bytes). Upstream hashes a Go object dump we cannot reproduce, so
 * the value differs from a real cluster's; it is stable for equal templates.
 */
export function computeRevisionHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return [...String(hash)].map((digit) => SAFE_ALPHANUMS[digit.charCodeAt(0) % SAFE_ALPHANUMS.length]).join('');
}
