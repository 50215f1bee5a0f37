import 'server-only';
import { compileEligibility } from '@/lib/eligibility';
import type { DaemonSet, Node, Pod, PodTemplateSpec } from '@/lib/k8s-types';
import { syncHistory } from '../controllers/daemon-history';
import { nameSuffix, newDaemonPod, pinToNode } from '../controllers/daemon-pod';
import { nodeReadyStatus } from '../controllers/node-conditions';
import { reconcileTaints } from '../controllers/node-lifecycle';
import { asDaemonSet, asNode, asPod, asRevision, toStored } from '../controllers/objects';
import { statusForStage, withCondition } from '../controllers/pod-status';
import { capacityReasons } from '../controllers/scheduler-fit';
import type { SimStore } from '../store';

/**
 * Seeding writes a settled cluster straight into the store — nodes with their condition taints,
 * DaemonSets with their first revision, pods already Running and Ready — instead of simulating the
 * start-up, so even 5,000 × 50 is there in seconds. The controllers take over from that state.
 */
export interface Seeder {
  readonly store: SimStore;
  /** Creates a namespace unless it exists. */
  namespace(name: string): void;
  /** Creates a node, adding the taints its conditions imply (as the node lifecycle controller would have). */
  node(node: Node): Node;
  /** Creates a DaemonSet, its first revision, and a ready pod on every node it should run on. */
  daemonSet(daemonSet: DaemonSet): DaemonSet;
  /** Changes a seeded DaemonSet's template (a new revision) without touching its pods: a rollout about to start. */
  rollTemplate(namespace: string, name: string, change: (template: PodTemplateSpec) => void, changeCause?: string): DaemonSet;
  /** Replaces the pods on the given nodes with ready pods of the current revision: a rollout partly done. */
  replacePods(namespace: string, name: string, nodeNames: readonly string[]): void;
}

/** Options of a seeder. */
export interface SeederOptions {
  /** Simulated time of the seed; pods have been Ready since an hour before it. */
  now: number;
  /** Check requests and host ports like the scheduler before placing a ready pod (off for large fleets). */
  checkFit: boolean;
}

/** The seeder's state: nodes seeded so far, pods bound per node (when fits are checked), one prototype pod per revision. */
class StoreSeeder implements Seeder {
  private readonly nodes: Node[] = [];
  private readonly boundPods = new Map<string, Pod[]>();
  private readonly prototypes = new Map<string, { ready: Pod; notReady: Pod }>();
  private readonly readySince: number;
  private sequence = 0;

  constructor(
    readonly store: SimStore,
    private readonly options: SeederOptions,
  ) {
    this.readySince = options.now - 3_600_000;
  }

  namespace(name: string): void {
    if (this.store.get('namespaces', undefined, name) === undefined) this.store.create('namespaces', { metadata: { name } });
  }

  node(node: Node): Node {
    const taints = reconcileTaints(node, this.readySince);
    const created = asNode(this.store.create('nodes', toStored({ ...node, spec: { ...node.spec, taints } })));
    this.nodes.push(created);
    return created;
  }

  daemonSet(daemonSet: DaemonSet): DaemonSet {
    const created = asDaemonSet(this.store.create('daemonsets', toStored(daemonSet)));
    const hash = this.currentHash(created);
    const eligibility = compileEligibility(created);
    for (const node of this.nodes) {
      const verdict = eligibility(node);
      // A NotReady node had its pods before it went NotReady: they stay (misscheduled).
      const hadPod = verdict.shouldContinueRunning && nodeReadyStatus(node) !== 'True';
      if (verdict.shouldRun || hadPod) this.placePod(created, node, hash);
    }
    return created;
  }

  rollTemplate(namespace: string, name: string, change: (template: PodTemplateSpec) => void, changeCause?: string): DaemonSet {
    const daemonSet = structuredClone(this.getDaemonSet(namespace, name));
    const template = daemonSet.spec?.template ?? {};
    change(template);
    if (changeCause) daemonSet.metadata = { ...daemonSet.metadata, annotations: { ...daemonSet.metadata?.annotations, 'kubernetes.io/change-cause': changeCause } };
    const updated = asDaemonSet(this.store.update('daemonsets', toStored(daemonSet)));
    this.currentHash(updated);
    return updated;
  }

  replacePods(namespace: string, name: string, nodeNames: readonly string[]): void {
    const daemonSet = this.getDaemonSet(namespace, name);
    const hash = this.currentHash(daemonSet);
    for (const nodeName of nodeNames) {
      const node = this.nodes.find((n) => n.metadata?.name === nodeName);
      if (node === undefined) continue;
      const owned = this.podsOn(nodeName).filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === daemonSet.metadata?.uid));
      for (const pod of owned) this.removePod(pod);
      this.placePod(daemonSet, node, hash);
    }
  }

  /** The current revision's hash, creating the revision as the controller would. */
  private currentHash(daemonSet: DaemonSet): string {
    const uid = daemonSet.metadata?.uid;
    const revisions = [...this.store.scan('controllerrevisions', daemonSet.metadata?.namespace)]
      .map(asRevision)
      .filter((r) => r.metadata?.ownerReferences?.some((ref) => ref.uid === uid));
    const outcome = syncHistory(this.store, daemonSet, revisions, []);
    if (!outcome.ok) throw new Error(`seeding ${daemonSet.metadata?.name ?? ''}: ${outcome.reason}`);
    return outcome.hash;
  }

  /**
   * One prototype pod per DaemonSet revision: building each of 250,000 pods from the template is the
   * slow part of a large seed; only the name and node differ between them.
   */
  private prototypeFor(daemonSet: DaemonSet, hash: string): { ready: Pod; notReady: Pod } {
    const key = `${daemonSet.metadata?.uid ?? ''}/${hash}`;
    let prototype = this.prototypes.get(key);
    if (prototype === undefined) {
      const pod = newDaemonPod(daemonSet, '', hash, '');
      const status = statusForStage(pod, 'ready', this.readySince);
      const notReady = { ...status, conditions: withCondition(status.conditions, 'Ready', 'False', this.options.now) };
      prototype = { ready: { ...pod, status }, notReady: { ...pod, status: notReady } };
      this.prototypes.set(key, prototype);
    }
    return prototype;
  }

  private placePod(daemonSet: DaemonSet, node: Node, hash: string): void {
    const nodeName = node.metadata?.name ?? '';
    const prototype = this.prototypeFor(daemonSet, hash);
    const base = nodeReadyStatus(node) === 'True' ? prototype.ready : prototype.notReady;
    const pod: Pod = {
      ...base,
      metadata: { ...base.metadata, name: `${daemonSet.metadata?.name ?? ''}-${nameSuffix(this.sequence++)}` },
      spec: { ...base.spec, nodeName, affinity: pinToNode(base.spec?.affinity, nodeName) },
    };
    if (!this.options.checkFit) {
      // Large fleets: nothing is kept here, so 700,000 pods are not held twice while seeding.
      this.store.create('pods', toStored(pod));
      return;
    }
    const bound = this.boundPods.get(nodeName) ?? [];
    // Taints do not matter here: a pod on a node tainted since keeps running. Room does.
    if (capacityReasons(pod, node, bound).length > 0) return; // left to the scheduler
    bound.push(asPod(this.store.create('pods', toStored(pod))));
    this.boundPods.set(nodeName, bound);
  }

  /** The pods seeded on a node: kept per node when fits are checked, else looked up in the store. */
  private podsOn(nodeName: string): Pod[] {
    if (this.options.checkFit) return this.boundPods.get(nodeName) ?? [];
    return [...this.store.scan('pods')].map(asPod).filter((pod) => pod.spec?.nodeName === nodeName);
  }

  private removePod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName ?? '';
    this.store.delete('pods', pod.metadata?.namespace, pod.metadata?.name ?? '', { gracePeriodSeconds: 0 });
    if (this.options.checkFit) this.boundPods.set(nodeName, (this.boundPods.get(nodeName) ?? []).filter((p) => p.metadata?.uid !== pod.metadata?.uid));
  }

  private getDaemonSet(namespace: string, name: string): DaemonSet {
    const found = this.store.get('daemonsets', namespace, name);
    if (found === undefined) throw new Error(`seeding: DaemonSet ${namespace}/${name} does not exist`);
    return asDaemonSet(found);
  }
}

/** Creates a seeder over an empty store. */
export function createSeeder(store: SimStore, options: SeederOptions): Seeder {
  return new StoreSeeder(store, options);
}
