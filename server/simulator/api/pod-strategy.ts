import 'server-only';
import { type Pod, type PodSpec } from '@/lib/k8s-types';
import { type KObject } from '../store-types';
import { type FieldCause } from './status-error';
import { invalidValue, notSupported, required } from './field-errors';
import { isJsonObject } from './json-value';

/** The container checks of `ValidatePodSpec` that a hand-written manifest trips over. */
export function validatePodSpec(spec: PodSpec, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(`${path}.containers`));
    return causes;
  }
  const seen = new Set<string>();
  containers.forEach((container, index) => {
    const field = `${path}.containers[${index}]`;
    if (!isJsonObject(container)) {
      causes.push(invalidValue(field, container, 'must be an object'));
      return;
    }
    if (!container.name) causes.push(required(`${field}.name`));
    else if (seen.has(container.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(container.name)}`, field: `${field}.name` });
    else seen.add(container.name);
    if (!container.image) causes.push(required(`${field}.image`));
  });
  const policy = spec.restartPolicy;
  if (policy !== undefined && !['Always', 'OnFailure', 'Never'].includes(policy)) {
    causes.push(notSupported(`${path}.restartPolicy`, policy, ['Always', 'OnFailure', 'Never']));
  }
  return causes;
}

/** `SetDefaults_PodSpec` for the fields the simulator's consumers read. */
export function defaultPodSpec(spec: Record<string, unknown>): void {
  if (spec.restartPolicy === undefined) spec.restartPolicy = 'Always';
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  if (spec.dnsPolicy === undefined) spec.dnsPolicy = 'ClusterFirst';
  if (spec.schedulerName === undefined) spec.schedulerName = 'default-scheduler';
}

/** Applies pod defaults in place. */
export function defaultPod(object: KObject): void {
  if (isJsonObject(object.spec)) defaultPodSpec(object.spec);
}

/** Validates a whole pod. */
export function validatePod(object: KObject): FieldCause[] {
  const spec = (object as Pod).spec;
  return spec ? validatePodSpec(spec, 'spec') : [required('spec')];
}

/**
 * The grace period a delete gets (`podStrategy.CheckGracefulDelete`): the request's, else the pod's
 * terminationGracePeriodSeconds, else 30; 0 for a pod never scheduled or already terminal.
 */
export function podGracePeriod(object: KObject, requested: number | undefined): number {
  const pod = object as Pod;
  if (!pod.spec?.nodeName) return 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  if (requested !== undefined) return Math.max(0, requested);
  const own = pod.spec.terminationGracePeriodSeconds;
  return typeof own === 'number' && own >= 0 ? own : 30;
}

/** `qos.GetPodQOS`, simplified to cpu and memory: no requests/limits → BestEffort; limits equal requests everywhere → Guaranteed. */
export function podQosClass(spec: PodSpec | undefined): string {
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const resource of ['cpu', 'memory']) {
      const request = requests[resource] ?? limits[resource];
      const limit = limits[resource];
      if (request !== undefined || limit !== undefined) any = true;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `podStrategy.PrepareForCreate` for a pod that arrives without status: Pending with its QoS class. */
export function preparePodForCreate(object: KObject): void {
  if (!isJsonObject(object.status)) object.status = { phase: 'Pending', qosClass: podQosClass((object as Pod).spec) };
}
