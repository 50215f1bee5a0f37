import { parse, stringify } from 'yaml';
import { compileEligibility } from '@/lib/eligibility';
import type { Affinity, DaemonSet, Node, Toleration } from '@/lib/k8s-types';

/**
 * What-if: the placement fields of a DaemonSet's pod template (nodeSelector, tolerations, affinity),
 * edited as YAML, evaluated against every node with lib/'s eligibility — which nodes would gain the
 * DaemonSet and which would lose it. Nothing is sent to the cluster.
 */

/** The pod template fields that decide placement. */
export interface Placement {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Affinity;
}

/** The outcome of an edit. */
export interface WhatIfResult {
  gain: string[];
  lose: string[];
  /** Nodes whose verdict stays the same. */
  unchanged: number;
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The current placement from the detail endpoint's spec summary. */
export function placementOf(spec: Rec): Placement {
  const placement: Placement = {};
  if (isRecord(spec.nodeSelector) && Object.keys(spec.nodeSelector).length > 0)
    placement.nodeSelector = spec.nodeSelector as Record<string, string>;
  if (Array.isArray(spec.tolerations) && spec.tolerations.length > 0)
    placement.tolerations = spec.tolerations as Toleration[];
  if (Array.isArray(spec.requiredNodeAffinity)) {
    placement.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: spec.requiredNodeAffinity as never,
        },
      },
    };
  }
  return placement;
}

/** The placement as the YAML the editor starts from. */
export function placementYaml(placement: Placement): string {
  return Object.keys(placement).length === 0 ? 'nodeSelector: {}\ntolerations: []\n' : stringify(placement);
}

const FIELDS = ['nodeSelector', 'tolerations', 'affinity'];

/** Parses the edited YAML; unknown keys and wrong shapes are refused with a reason. */
export function parsePlacement(
  text: string,
): { ok: true; placement: Placement } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    return {
      ok: false,
      error: `not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  if (!isRecord(value))
    return { ok: false, error: 'expected a mapping with nodeSelector, tolerations and/or affinity' };
  const unknown = Object.keys(value).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0)
    return {
      ok: false,
      error: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (only ${FIELDS.join(', ')})`,
    };
  if (
    value.nodeSelector != null &&
    (!isRecord(value.nodeSelector) || !Object.values(value.nodeSelector).every((v) => typeof v === 'string'))
  ) {
    return {
      ok: false,
      error: 'nodeSelector must map label keys to string values (quote numbers and booleans)',
    };
  }
  if (value.tolerations != null && (!Array.isArray(value.tolerations) || !value.tolerations.every(isRecord)))
    return { ok: false, error: 'tolerations must be a list of mappings' };
  if (value.affinity != null && !isRecord(value.affinity))
    return { ok: false, error: 'affinity must be a mapping' };
  return { ok: true, placement: value as Placement };
}

function daemonSetWith(placement: Placement, hostNetwork: boolean): DaemonSet {
  return { spec: { template: { spec: { ...placement, hostNetwork } } } };
}

/** Which nodes gain or lose the DaemonSet when its placement changes from `current` to `edited`. */
export function whatIf(
  nodes: readonly Node[],
  current: Placement,
  edited: Placement,
  hostNetwork: boolean,
): WhatIfResult {
  const before = compileEligibility(daemonSetWith(current, hostNetwork));
  const after = compileEligibility(daemonSetWith(edited, hostNetwork));
  const result: WhatIfResult = { gain: [], lose: [], unchanged: 0 };
  for (const node of nodes) {
    const was = before(node).shouldRun;
    const will = after(node).shouldRun;
    const name = node.metadata?.name ?? '';
    if (was === will) result.unchanged += 1;
    else (will ? result.gain : result.lose).push(name);
  }
  result.gain.sort();
  result.lose.sort();
  return result;
}
