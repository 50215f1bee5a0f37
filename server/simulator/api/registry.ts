import 'server-only';
import { type KObject, type ResourceKind } from '../store-types';
import { type FieldCause } from './status-error';
import { invalidValue } from './field-errors';
import { cloneJson, isJsonObject, jsonEqual } from './json-value';
import {
  defaultDaemonSet, prepareDaemonSetForCreate, prepareDaemonSetForUpdate, validateDaemonSet, validateDaemonSetUpdate,
} from './daemonset-strategy';
import { defaultPod, preparePodForCreate, validatePod } from './pod-strategy';
import { validateObjectMeta } from './validation-names';

/** A kind's registry rules (the simulator's slice of `pkg/registry/<group>/<kind>/strategy.go`). */
export interface KindStrategy {
  /** Whether objects carry a status that only the status subresource may change. */
  hasStatusSubresource: boolean;
  /** Defaulting, run on every write (upstream defaults on decode). */
  applyDefaults(object: KObject): void;
  prepareForCreate(object: KObject): void;
  validate(object: KObject): FieldCause[];
  prepareForUpdate(next: KObject, previous: KObject): void;
  validateUpdate(next: KObject, previous: KObject): FieldCause[];
}

const noop = (): void => undefined;
const none = (): FieldCause[] => [];

/** Main-resource updates keep the stored status (status changes go through the subresource). */
function keepStatus(next: KObject, previous: KObject): void {
  if (previous.status === undefined) delete next.status;
  else next.status = cloneJson(previous.status);
}

const basic = (nameIsLabel: boolean, hasStatusSubresource: boolean): KindStrategy => ({
  hasStatusSubresource,
  applyDefaults: noop,
  prepareForCreate: noop,
  validate: (object) => validateObjectMeta(object, nameIsLabel),
  prepareForUpdate: hasStatusSubresource ? keepStatus : noop,
  validateUpdate: none,
});

/** Every kind's strategy. */
export const STRATEGIES: Record<ResourceKind, KindStrategy> = {
  namespaces: {
    ...basic(true, true),
    prepareForCreate: (object) => {
      object.spec = { finalizers: ['kubernetes'] };
      object.status = { phase: 'Active' };
    },
  },
  nodes: basic(false, true),
  pods: {
    ...basic(false, true),
    applyDefaults: defaultPod,
    prepareForCreate: preparePodForCreate,
    validate: (object) => [...validateObjectMeta(object, false), ...validatePod(object)],
    validateUpdate: (next, previous) => immutable(next, previous, 'spec.nodeName', (o) => readNodeName(o), true),
  },
  events: basic(false, false),
  daemonsets: {
    hasStatusSubresource: true,
    applyDefaults: defaultDaemonSet,
    prepareForCreate: prepareDaemonSetForCreate,
    validate: (object) => [...validateObjectMeta(object, false), ...validateDaemonSet(object)],
    prepareForUpdate: prepareDaemonSetForUpdate,
    validateUpdate: validateDaemonSetUpdate,
  },
  controllerrevisions: {
    ...basic(false, false),
    validate: (object) => {
      const causes = validateObjectMeta(object, false);
      const revision = object.revision;
      if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
        causes.push(invalidValue('revision', revision ?? null, 'must be greater than or equal to 0'));
      }
      return causes;
    },
    validateUpdate: (next, previous) => immutable(next, previous, 'data', (o) => o.data, false),
  },
};

function readNodeName(object: KObject): unknown {
  return isJsonObject(object.spec) ? object.spec.nodeName : undefined;
}

/** `field is immutable` when a field changes (optionally allowing it to be set once, like spec.nodeName). */
function immutable(next: KObject, previous: KObject, field: string, read: (o: KObject) => unknown, settable: boolean): FieldCause[] {
  const before = read(previous);
  const after = read(next);
  if (settable && (before === undefined || before === '')) return [];
  return jsonEqual(before ?? null, after ?? null) ? [] : [invalidValue(field, after ?? null, 'field is immutable')];
}
