import 'server-only';
import { type DaemonSet, WellKnown } from '@/lib/k8s-types';
import { type KObject } from '../store-types';
import { type FieldCause } from './status-error';
import { forbidden, invalidValue, notSupported, required } from './field-errors';
import { cloneJson, isJsonObject, jsonEqual } from './json-value';
import { matchesRequirements, requirementsFromSelector } from './label-selector';
import { validateDaemonSetUpdateStrategy } from './update-strategy-validation';
import { validateLabels } from './validation-names';
import { validatePodSpec } from './pod-strategy';

function asDaemonSet(object: KObject): DaemonSet {
  return object as DaemonSet;
}

/** `SetDefaults_DaemonSet` (pkg/apis/apps/v1/defaults.go), applied in place. */
export function defaultDaemonSet(object: KObject): void {
  const spec = isJsonObject(object.spec) ? object.spec : (object.spec = {});
  const ds = asDaemonSet(object);
  const dsSpec = ds.spec ?? {};
  if (!isJsonObject(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = dsSpec.updateStrategy ?? {};
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    if (!isJsonObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const rolling = strategy.rollingUpdate ?? {};
    if (rolling.maxUnavailable === undefined || rolling.maxUnavailable === null) rolling.maxUnavailable = 1;
    if (rolling.maxSurge === undefined || rolling.maxSurge === null) rolling.maxSurge = 0;
  }
  if (dsSpec.revisionHistoryLimit === undefined || dsSpec.revisionHistoryLimit === null) dsSpec.revisionHistoryLimit = 10;
  const template = isJsonObject(spec.template) ? spec.template : undefined;
  const podSpec = template && isJsonObject(template.spec) ? template.spec : undefined;
  if (podSpec) {
    if (podSpec.restartPolicy === undefined) podSpec.restartPolicy = 'Always';
    if (podSpec.terminationGracePeriodSeconds === undefined) podSpec.terminationGracePeriodSeconds = 30;
    if (podSpec.dnsPolicy === undefined) podSpec.dnsPolicy = 'ClusterFirst';
    if (podSpec.schedulerName === undefined) podSpec.schedulerName = 'default-scheduler';
  }
}

/** `ValidateDaemonSetSpec` (pkg/apis/apps/validation/validation.go): selector, template, strategy, counts. */
export function validateDaemonSet(object: KObject): FieldCause[] {
  const spec = asDaemonSet(object).spec;
  if (!spec) return [required('spec')];
  const causes: FieldCause[] = [];
  const selector = spec.selector;
  const templateLabels = spec.template?.metadata?.labels;
  if (!selector) {
    causes.push(required('spec.selector'));
  } else {
    const requirements = requirementsFromSelector(selector);
    if (typeof requirements === 'string') {
      causes.push(invalidValue('spec.selector', selector, requirements));
    } else if (requirements.length === 0) {
      causes.push(invalidValue('spec.selector', selector, 'empty selector is invalid for daemonset'));
    } else if (!matchesRequirements(requirements, templateLabels)) {
      causes.push(invalidValue('spec.template.metadata.labels', templateLabels ?? {}, '`selector` does not match template `labels`'));
    }
  }
  causes.push(...validateLabels(templateLabels, 'spec.template.metadata.labels'));
  const podSpec = spec.template?.spec;
  if (!podSpec) {
    causes.push(required('spec.template.spec'));
  } else {
    causes.push(...validatePodSpec(podSpec, 'spec.template.spec'));
    if (podSpec.restartPolicy !== 'Always') {
      causes.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy ?? '', ['Always']));
    }
    if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
      causes.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
    }
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    const value = spec[field];
    if (value !== undefined && value !== null && (typeof value !== 'number' || value < 0)) {
      causes.push(invalidValue(`spec.${field}`, value, 'must be greater than or equal to 0'));
    }
  }
  causes.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy));
  return causes;
}

/** `ValidateDaemonSetUpdate`: the selector is immutable. */
export function validateDaemonSetUpdate(next: KObject, previous: KObject): FieldCause[] {
  const before = asDaemonSet(previous).spec?.selector;
  const after = asDaemonSet(next).spec?.selector;
  if (!jsonEqual(before ?? null, after ?? null)) return [invalidValue('spec.selector', after ?? null, 'field is immutable')];
  return [];
}

function templateGeneration(object: KObject): number | undefined {
  const raw = object.metadata.annotations?.[WellKnown.templateGeneration];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function setTemplateGeneration(object: KObject, value: number): void {
  object.metadata.annotations = { ...(object.metadata.annotations ?? {}), [WellKnown.templateGeneration]: String(value) };
}

/** `daemonSetStrategy.PrepareForCreate`: generation 1, templateGeneration ≥ 1, zeroed status unless given. */
export function prepareDaemonSetForCreate(object: KObject): void {
  object.metadata.generation = 1;
  setTemplateGeneration(object, templateGeneration(object) ?? 1);
  if (!isJsonObject(object.status)) object.status = emptyDaemonSetStatus();
}

/** The status a fresh DaemonSet reports (the four counters upstream never omits). */
export function emptyDaemonSetStatus(): Record<string, number> {
  return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
}

/**
 * `daemonSetStrategy.PrepareForUpdate`: status is kept; a spec change bumps generation, a template change
 * also bumps `deprecated.daemonset.template.generation` (the apps/v1 face of `spec.templateGeneration`).
 */
export function prepareDaemonSetForUpdate(next: KObject, previous: KObject): void {
  next.status = cloneJson(previous.status);
  const prevSpec = asDaemonSet(previous).spec;
  const nextSpec = asDaemonSet(next).spec;
  const prevGeneration = previous.metadata.generation ?? 1;
  const prevTemplateGeneration = templateGeneration(previous) ?? 1;
  next.metadata.generation = jsonEqual(prevSpec ?? null, nextSpec ?? null) ? prevGeneration : prevGeneration + 1;
  const templateChanged = !jsonEqual(prevSpec?.template ?? null, nextSpec?.template ?? null);
  setTemplateGeneration(next, templateChanged ? prevTemplateGeneration + 1 : prevTemplateGeneration);
}
