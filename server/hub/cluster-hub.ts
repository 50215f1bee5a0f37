import 'server-only';
import { FleetModel } from '@/lib/fleet-model/model';
import type { DaemonSetSummary, FleetDelta, FleetEvent } from '@/lib/fleet-model/types';
import type { SyncState } from '../watch/supervisor';
import { WATCHED_RESOURCES, type WatchedResource } from '../watch/resources';
import { ClusterObjects } from './cluster-objects';
import { DaemonSetFilter } from './daemonset-filter';
import { ROLLOUT_RING_CAPACITY, RolloutTracker } from './rollout-tracker';
import { encodeMessage, type StreamMessage, type StreamStatus } from './stream-protocol';
import { SubscriberQueue } from './subscriber-queue';

/**
 * Past this many changed cells in one batch, clients get a snapshot instead: a cell change costs
 * about as many bytes on the wire as a dozen cells of a snapshot, so a relist is cheaper whole.
 */
const SNAPSHOT_INSTEAD_OF_CELLS = 20_000;

/** Options of a ClusterHub; the clock is injected (the demo cluster runs on the simulator's clock). */
export interface ClusterHubOptions {
  cluster: string;
  now: () => number;
  progressDeadlineSeconds: number;
  /** Deltas are sent at most this often (ms). */
  batchMs?: number;
  /** Chunks a client may have queued before it gets a fresh snapshot instead. */
  maxQueued?: number;
  /** Changed cells in one batch past which clients get a snapshot instead of deltas. */
  snapshotInsteadOfCells?: number;
  /**
   * This machine's wall clock (epoch ms) for a delta's `receivedAt`: unlike `now`, it must be the clock
   * a browser on the same machine reads, so pixel time − receivedAt is a latency. Date.now by default.
   */
  wallClock?: () => number;
}

/** One stream client of the hub. */
export interface HubSubscription {
  queue: SubscriberQueue;
  close(): void;
}

interface Subscriber {
  queue: SubscriberQueue;
  filter: DaemonSetFilter | undefined;
  /** `ns/name` of the filtered DaemonSet. */
  daemonSet: string | undefined;
}

/**
 * The single writer of one cluster's fleet state: watch events go in (one supervised watch per kind,
 * shared by every browser), a FleetModel recomputes the affected cells, and batched deltas go out to
 * every stream client with the hub's own sequence number.
 */
export class ClusterHub {
  readonly objects = new ClusterObjects();
  readonly rollouts: RolloutTracker;
  private readonly model = new FleetModel();
  private readonly summaries = new Map<number, DaemonSetSummary>();
  private readonly subscribers = new Set<Subscriber>();
  private readonly states = new Map<WatchedResource, SyncState>();
  private pending: FleetDelta[] = [];
  /** Wall-clock time the first watch event of the batch being gathered arrived (undefined: none yet). */
  private pendingReceivedAt: number | undefined;
  private touched = new Set<string>();
  private statusDirty = false;
  private seq = 0;
  private lastFlushAt = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;
  private liveSince: { live: boolean; since: number } | undefined;
  private snapshotCache: { seq: number; text: string } | undefined;

  constructor(private readonly options: ClusterHubOptions) {
    this.rollouts = new RolloutTracker(this.objects, options.progressDeadlineSeconds);
  }

  get name(): string {
    return this.options.cluster;
  }

  /** The hub's clock (the simulator's on the demo cluster). */
  now(): number {
    return this.options.now();
  }

  /** Applies one watch event (an idempotent upsert or a delete keyed by uid). */
  ingest(event: FleetEvent): void {
    this.pendingReceivedAt ??= (this.options.wallClock ?? Date.now)();
    const owner = this.objects.apply(event);
    if (owner !== undefined) this.touched.add(owner);
    if (event.kind === 'daemonset' && event.type === 'DELETED' && owner !== undefined) this.rollouts.forget(owner);
    // Staged, not applied-and-diffed: per-DaemonSet summaries are built once per batch in flush(),
    // so a relist of 100k pods costs one summary pass, not one per pod.
    this.model.stage(event, this.options.now());
    this.scheduleFlush();
  }

  /** Records a resource's sync state; subscribers get a status event with the next batch. */
  setState(resource: WatchedResource, state: SyncState): void {
    const wasSynced = this.allSynced();
    this.states.set(resource, state);
    // Samples start once every list is in: a DaemonSet seen before its pods would record a false
    // "0 of N available" that later reads as a burst of progress.
    if (!wasSynced && this.allSynced()) {
      this.rollouts.startRecording(this.options.now());
      for (const summary of this.summaries.values()) this.touched.add(summary.uid);
    }
    this.statusDirty = true;
    this.scheduleFlush();
  }

  /** The stream's status: Live when every resource is synced with no error. */
  status(): StreamStatus {
    const counts = this.objects.counts();
    const resources = Object.fromEntries(
      WATCHED_RESOURCES.map((resource) => {
        const state = this.states.get(resource);
        const entry = { synced: state?.synced ?? false, count: counts[resource], ...(state?.error ? { error: state.error } : {}) };
        return [resource, entry];
      }),
    ) as StreamStatus['resources'];
    const live = WATCHED_RESOURCES.every((r) => resources[r].synced && resources[r].error === undefined);
    if (this.liveSince === undefined || this.liveSince.live !== live) {
      const staleSince = Math.min(...WATCHED_RESOURCES.map((r) => this.states.get(r)?.staleSince ?? Infinity));
      this.liveSince = { live, since: live || !Number.isFinite(staleSince) ? this.options.now() : staleSince };
    }
    return { state: live ? 'Live' : 'Stale', since: this.liveSince.since, resources };
  }

  /** The per-resource sync states (for /api/clusters and /api/readyz). */
  syncStates(): Record<WatchedResource, SyncState | undefined> {
    return Object.fromEntries(WATCHED_RESOURCES.map((r) => [r, this.states.get(r)])) as Record<WatchedResource, SyncState | undefined>;
  }

  /** Every DaemonSet's column header (implied and reported counters), as the model has it now. */
  daemonSetSummaries(): DaemonSetSummary[] {
    // Events staged since the last batch count too; their delta goes out with the next flush.
    this.record(this.model.takeDelta());
    return [...this.summaries.values()];
  }

  /** The current sequence number (the last batch sent). */
  sequence(): number {
    return this.seq;
  }

  /** Adds a stream client; `daemonSet` (`ns/name`) narrows it to one DaemonSet plus its rollout events. */
  subscribe(daemonSet?: string): HubSubscription {
    // Send what is pending first: the snapshot below already contains it.
    this.flush();
    const [namespace, name] = (daemonSet ?? '').split('/');
    const filter = daemonSet !== undefined && namespace !== undefined && name !== undefined ? new DaemonSetFilter(namespace, name) : undefined;
    const subscriber: Subscriber = {
      filter,
      daemonSet: filter === undefined ? undefined : daemonSet,
      queue: new SubscriberQueue(this.options.maxQueued ?? 256, () => this.initialMessages(subscriber)),
    };
    for (const chunk of this.initialMessages(subscriber)) subscriber.queue.push(chunk);
    this.subscribers.add(subscriber);
    return {
      queue: subscriber.queue,
      close: () => {
        subscriber.queue.close();
        this.subscribers.delete(subscriber);
      },
    };
  }

  /** Number of stream clients (tests, bench). */
  subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Each stream client's queued messages and how often it was resynced (tests, diagnostics). */
  backlogs(): { queued: number; resyncs: number }[] {
    return [...this.subscribers].map((subscriber) => ({ queued: subscriber.queue.size(), resyncs: subscriber.queue.resyncs }));
  }

  /** Stops timers; subscribers are closed. */
  close(): void {
    clearTimeout(this.flushTimer);
    clearTimeout(this.tickTimer);
    for (const subscriber of this.subscribers) subscriber.queue.close();
    this.subscribers.clear();
  }

  /** Sends pending deltas, rollout samples and status now (normally on the batch timer). */
  flush(): void {
    // Taken before the timer is cleared: record() may schedule one, and this flush sends it anyway.
    this.record(this.model.takeDelta());
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.lastFlushAt = Date.now();
    const deltas = this.pending;
    const receivedAt = this.pendingReceivedAt;
    this.pending = [];
    this.pendingReceivedAt = undefined;
    if (deltas.length > 0) this.broadcastDeltas(deltas, receivedAt);
    this.sampleTouched();
    if (this.statusDirty) {
      this.statusDirty = false;
      const text = encodeMessage({ event: 'status', data: this.status() });
      for (const subscriber of this.subscribers) subscriber.queue.push(text);
    }
    this.scheduleTick();
  }

  private record(delta: FleetDelta): void {
    if (isEmptyDelta(delta)) return;
    for (const column of delta.columnsAdded ?? []) this.summaries.set(column.id, stripCells(column));
    for (const summary of delta.summaries ?? []) this.summaries.set(summary.id, summary);
    for (const id of delta.columnsRemoved ?? []) this.summaries.delete(id);
    for (const summary of [...(delta.columnsAdded ?? []), ...(delta.summaries ?? [])]) this.touched.add(summary.uid);
    this.pending.push(delta);
    this.scheduleFlush();
  }

  /** `receivedAt`: when the batch's earliest watch event arrived; undefined for a batch of timer ticks only. */
  private broadcastDeltas(deltas: FleetDelta[], receivedAt: number | undefined): void {
    this.seq += 1;
    const seq = this.seq;
    if (this.subscribers.size === 0) return;
    // A burst (a relist, the initial sync) is cheaper to send as one fresh snapshot than as its deltas.
    if (changedCells(deltas) > (this.options.snapshotInsteadOfCells ?? SNAPSHOT_INSTEAD_OF_CELLS)) {
      for (const subscriber of this.subscribers) subscriber.queue.push(this.snapshotText(subscriber));
      return;
    }
    const stamp = receivedAt === undefined ? {} : { receivedAt };
    const full = encodeMessage({ event: 'delta', data: { seq, ...stamp, deltas } });
    for (const subscriber of this.subscribers) {
      if (subscriber.filter === undefined) {
        subscriber.queue.push(full);
        continue;
      }
      const filter = subscriber.filter;
      const narrowed = deltas.map((delta) => filter.delta(delta)).filter((delta): delta is FleetDelta => delta !== undefined);
      // Every batch is sent, empty when it does not touch this DaemonSet: seq stays gap-free on every
      // stream, so a client that sees a gap knows it lost something and resyncs.
      subscriber.queue.push(encodeMessage({ event: 'delta', data: { seq, ...stamp, deltas: narrowed } }));
    }
  }

  private allSynced(): boolean {
    return WATCHED_RESOURCES.every((resource) => this.states.get(resource)?.synced === true);
  }

  private sampleTouched(): void {
    if (!this.allSynced()) return;
    const touched = this.touched;
    this.touched = new Set();
    if (touched.size === 0) return;
    const now = this.options.now();
    for (const summary of this.summaries.values()) {
      if (!touched.has(summary.uid)) continue;
      const sample = this.rollouts.sample(summary.uid, summary.implied, now);
      if (sample === undefined) continue;
      const key = `${summary.namespace}/${summary.name}`;
      for (const subscriber of this.subscribers) {
        if (subscriber.daemonSet !== key) continue;
        const progress = this.rollouts.progress(summary.uid, now);
        const message: StreamMessage = { event: 'rollout', data: { daemonset: key, reset: false, capacity: ROLLOUT_RING_CAPACITY, samples: [sample], progress, ...this.rollouts.recordingSinceField() } };
        subscriber.queue.push(encodeMessage(message));
      }
    }
  }

  private initialMessages(subscriber: Subscriber): string[] {
    const messages = [this.snapshotText(subscriber), encodeMessage({ event: 'status', data: this.status() })];
    if (subscriber.daemonSet !== undefined) {
      const uid = [...this.summaries.values()].find((s) => `${s.namespace}/${s.name}` === subscriber.daemonSet)?.uid;
      const now = this.options.now();
      const data = { daemonset: subscriber.daemonSet, reset: true, capacity: ROLLOUT_RING_CAPACITY, samples: this.rollouts.samples(uid), progress: this.rollouts.progress(uid, now), ...this.rollouts.recordingSinceField() };
      messages.push(encodeMessage({ event: 'rollout', data }));
    }
    return messages;
  }

  private snapshotText(subscriber: Subscriber): string {
    if (subscriber.filter !== undefined) {
      return encodeMessage({ event: 'snapshot', data: { seq: this.seq, ...subscriber.filter.snapshot(this.model.snapshot()) } });
    }
    // Many tabs opening at once share one encoded snapshot per sequence number.
    if (this.snapshotCache?.seq !== this.seq || this.pending.length > 0) {
      this.snapshotCache = { seq: this.seq, text: encodeMessage({ event: 'snapshot', data: { seq: this.seq, ...this.model.snapshot() } }) };
    }
    return this.snapshotCache.text;
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    const batchMs = this.options.batchMs ?? 100;
    const wait = Math.max(0, this.lastFlushAt + batchMs - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Cells waiting for minReadySeconds change without any event: wake the model when the first is due. */
  private scheduleTick(): void {
    clearTimeout(this.tickTimer);
    const at = this.model.nextTickAt();
    if (at === undefined) return;
    const wait = Math.max(0, Math.min(at - this.options.now(), 2 ** 31 - 1));
    this.tickTimer = setTimeout(() => this.record(this.model.tick(this.options.now())), wait);
  }
}

function changedCells(deltas: readonly FleetDelta[]): number {
  let cells = 0;
  for (const delta of deltas) {
    cells += (delta.cells?.length ?? 0) + (delta.rowsAdded?.length ?? 0) * Math.max(1, delta.columnsAdded?.length ?? 0);
    for (const column of delta.columnsAdded ?? []) cells += column.cells.length;
  }
  return cells;
}

function isEmptyDelta(delta: FleetDelta): boolean {
  return Object.values(delta).every((value) => !Array.isArray(value) || value.length === 0);
}

function stripCells(column: DaemonSetSummary & { cells?: string }): DaemonSetSummary {
  const { cells: _cells, ...summary } = column;
  return summary;
}
