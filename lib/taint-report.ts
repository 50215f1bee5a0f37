/**
 * Every taint of a node seen from one DaemonSet: ignored (PreferNoSchedule), tolerated by the
 * template, tolerated automatically by the DaemonSet controller's default tolerations, or not
 * tolerated — so the UI can say which toleration let a pod onto a tainted node.
 */
import type { DaemonSet, Node, Taint, Toleration } from './k8s-types';
import { mergeDaemonTolerations } from './daemon-tolerations';
import { type EligibilityFeatureGates, findToleration, formatTaint, isSchedulingEffect } from './taints';

/** How one taint affects a DaemonSet's pods. */
export type TaintStatus =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'toleratedByTemplate'; readonly toleration: Toleration }
  | { readonly kind: 'toleratedByDefault'; readonly toleration: Toleration }
  | { readonly kind: 'untolerated'; readonly podMayKeepRunning: boolean };

/** One row of the report: the taint, as `key=value:Effect`, and its status. */
export interface TaintReportEntry {
  readonly taint: Taint;
  readonly text: string;
  readonly status: TaintStatus;
}

/**
 * The node's taints in node order with their status for `daemonSet`. A taint counts as tolerated
 * by default only when the template's own tolerations would not tolerate it.
 */
export function taintReport(
  node: Node,
  daemonSet: DaemonSet,
  gates: EligibilityFeatureGates = {},
): TaintReportEntry[] {
  const taints = node?.spec?.taints;
  if (!Array.isArray(taints)) return [];
  const spec = daemonSet?.spec?.template?.spec;
  const own = Array.isArray(spec?.tolerations) ? spec.tolerations : [];
  const merged = mergeDaemonTolerations(spec).tolerations;
  const entries: TaintReportEntry[] = [];
  for (const taint of taints) {
    if (taint === null || typeof taint !== 'object') continue;
    entries.push({ taint, text: formatTaint(taint), status: statusOf(taint, own, merged, gates) });
  }
  return entries;
}

function statusOf(
  taint: Taint,
  own: readonly Toleration[],
  merged: readonly Toleration[],
  gates: EligibilityFeatureGates,
): TaintStatus {
  if (!isSchedulingEffect(taint.effect)) return { kind: 'ignored' };
  // Check the merged list first: a default may have replaced the template's matching toleration.
  const byMerged = findToleration(merged, taint, gates);
  if (byMerged === undefined) return { kind: 'untolerated', podMayKeepRunning: taint.effect !== 'NoExecute' };
  const byTemplate = findToleration(own, taint, gates);
  return byTemplate !== undefined
    ? { kind: 'toleratedByTemplate', toleration: byTemplate }
    : { kind: 'toleratedByDefault', toleration: byMerged };
}
