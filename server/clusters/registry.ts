import 'server-only';
import { describeError, DaemonscopeError } from '../errors';
import { connectCluster, type ClusterConnection, type ConnectOptions } from './connection';
import type { ClusterEntry, ClusterSource } from './types';

/** One row of `GET /api/clusters`. */
export interface ClusterInfo {
  name: string;
  source: ClusterSource;
  reachable: boolean;
  message?: string;
}

interface AccessFailure {
  error: DaemonscopeError;
  retryAt: number;
  attempts: number;
}

/** How long the cluster list waits for a cluster's credentials before answering without it. */
const LIST_WAIT_MS = 3_000;

/**
 * Every cluster the dashboard offers, connected lazily on first use, one connection per cluster for
 * the life of the process. A cluster whose credentials cannot be resolved is retried with backoff
 * and jitter on later requests; the others are not affected.
 */
export class ClusterRegistry {
  private readonly connections = new Map<string, Promise<ClusterConnection>>();
  private readonly failures = new Map<string, AccessFailure>();

  constructor(
    readonly entries: readonly ClusterEntry[],
    private readonly options: ConnectOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The connection of a cluster; throws not_found for an unknown name, unavailable while it cannot connect. */
  connection(name: string): Promise<ClusterConnection> {
    const entry = this.entries.find((candidate) => candidate.name === name);
    if (entry === undefined) return Promise.reject(new DaemonscopeError('not_found', `cluster "${name}" not found`));
    const existing = this.connections.get(name);
    if (existing !== undefined) return existing;
    const failure = this.failures.get(name);
    if (failure !== undefined && Date.now() < failure.retryAt) return Promise.reject(failure.error);
    const pending = entry.access().then(
      (access) => {
        this.failures.delete(name);
        return connectCluster(name, access, this.options);
      },
      (error: unknown) => {
        this.connections.delete(name);
        const attempts = (failure?.attempts ?? 0) + 1;
        const capped = Math.min(30_000, 500 * 2 ** attempts);
        const wrapped = error instanceof DaemonscopeError ? error : new DaemonscopeError('unavailable', describeError(error), { cause: error });
        this.failures.set(name, { error: wrapped, attempts, retryAt: Date.now() + capped / 2 + (this.random() * capped) / 2 });
        throw wrapped;
      },
    );
    this.connections.set(name, pending);
    return pending;
  }

  /** Every cluster with its reachability; connects the ones not yet connected. */
  async list(): Promise<ClusterInfo[]> {
    const infos = await Promise.all(this.entries.map((entry) => this.info(entry)));
    return infos.map(({ connecting: _connecting, ...info }) => info);
  }

  /** True when every cluster's watches have synced or the cluster is reported unreachable. */
  async ready(): Promise<{ ready: boolean; clusters: ClusterInfo[]; waiting: string[] }> {
    const infos = await Promise.all(this.entries.map((entry) => this.info(entry)));
    const waiting: string[] = [];
    for (const info of infos) {
      if (info.connecting) {
        waiting.push(info.name);
        continue;
      }
      const connection = info.reachable ? await this.connection(info.name).catch(() => undefined) : undefined;
      const states = connection === undefined ? [] : Object.values(connection.hub.syncStates());
      if (info.reachable && (connection === undefined || states.some((state) => !state?.synced))) waiting.push(info.name);
    }
    const clusters = infos.map(({ connecting: _connecting, ...info }) => info);
    return { ready: waiting.length === 0, clusters, waiting };
  }

  /** Stops every connection (tests, shutdown). */
  async close(): Promise<void> {
    const connections = await Promise.allSettled(this.connections.values());
    for (const result of connections) if (result.status === 'fulfilled') result.value.stop();
    this.connections.clear();
  }

  private async info(entry: ClusterEntry): Promise<ClusterInfo & { connecting?: boolean }> {
    const base = { name: entry.name, source: entry.source };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), LIST_WAIT_MS)));
    try {
      const connection = await Promise.race([this.connection(entry.name), timeout]);
      if (connection === 'timeout') return { ...base, reachable: false, message: 'connecting…', connecting: true };
      const error = Object.values(connection.hub.syncStates()).find((state) => state?.error !== undefined)?.error;
      return error === undefined ? { ...base, reachable: true } : { ...base, reachable: false, message: error };
    } catch (error) {
      return { ...base, reachable: false, message: describeError(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
