/**
 * Churn: rolling updates of the widest DaemonSet (every node), one after another, for a fixed time,
 * through the simulator's Kubernetes API — the load under which the second RSS reading is taken.
 */
import { sleep } from './net';
import { daemonSetPath, getJson, hasSettled, listDaemonSets, mergePatch, rolloutPatch, widestDaemonSet } from './sim-api';
import type { DaemonSet } from '../../lib/k8s-types';

/** What a churn run did. */
export interface ChurnResult {
  daemonSet: string;
  rolloutsStarted: number;
  rolloutsCompleted: number;
  /** Seconds each completed rollout took. */
  rolloutSeconds: number[];
  error?: string;
}

/** A churn running in the background. */
export interface Churn {
  /** `ns/name` of the DaemonSet being rolled. */
  daemonSet: string;
  /** Stops after the current poll; resolves with the totals. */
  stop(): Promise<ChurnResult>;
  /** Resolves when the time is up (or on stop). */
  done: Promise<ChurnResult>;
}

/** Starts rolling the widest DaemonSet again and again for `seconds`. */
export async function startChurn(simUrl: string, seconds: number, maxUnavailable: string, log: (line: string) => void): Promise<Churn> {
  const target = widestDaemonSet(await listDaemonSets(simUrl));
  const namespace = target?.metadata?.namespace;
  const name = target?.metadata?.name;
  if (namespace === undefined || name === undefined) throw new Error('churn: the simulated cluster has no RollingUpdate DaemonSet to roll');
  const key = `${namespace}/${name}`;
  const path = daemonSetPath(namespace, name);
  const deadline = Date.now() + seconds * 1000;
  let stopped = false;
  const result: ChurnResult = { daemonSet: key, rolloutsStarted: 0, rolloutsCompleted: 0, rolloutSeconds: [] };
  log(`churn: rolling ${key} (desired ${target?.status?.desiredNumberScheduled ?? '?'}) with maxUnavailable ${maxUnavailable} for ${seconds} s`);

  const loop = async (): Promise<ChurnResult> => {
    try {
      while (!stopped && Date.now() < deadline) {
        const current = await getJson<DaemonSet>(simUrl, path);
        result.rolloutsStarted++;
        const startedAt = Date.now();
        const availableBefore = current.status?.numberAvailable ?? 0;
        await mergePatch(simUrl, path, rolloutPatch(current, `bench${result.rolloutsStarted}`, maxUnavailable));
        let rolled = false;
        while (!stopped && Date.now() < deadline && !rolled) {
          await sleep(1_000);
          rolled = hasSettled(await getJson<DaemonSet>(simUrl, path), availableBefore);
        }
        if (rolled) {
          result.rolloutsCompleted++;
          result.rolloutSeconds.push((Date.now() - startedAt) / 1000);
        }
      }
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
      log(`churn: stopped early: ${result.error}`);
    }
    log(`churn: ${result.rolloutsStarted} rollouts started, ${result.rolloutsCompleted} completed (${result.rolloutSeconds.map((s) => `${s.toFixed(0)} s`).join(', ') || 'none'})`);
    return result;
  };
  const done = loop();
  return {
    daemonSet: key,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}
