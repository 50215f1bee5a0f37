/**
 * A DaemonSet's revision history as kubectl reads it (kubernetes/kubectl pkg/polymorphichelpers
 * history.go): which ControllerRevisions belong to it, which one holds the live template, and the
 * exact text of `kubectl rollout history daemonset/<name>`.
 */
import { WellKnown, type ControllerRevision, type DaemonSet, type PodTemplateSpec } from './k8s-types';
import { labelSelectorAsSelector } from './label-selector';

/** The `data` of a DaemonSet ControllerRevision: the template with a strategic-merge `$patch: replace`. */
export interface RevisionPatchData {
  spec: { template: PodTemplateSpec & { $patch: 'replace' } };
}

/** One row of the UI's history table, oldest first like kubectl's. */
export interface RevisionRow {
  revision: number;
  name: string;
  hash: string | null;
  changeCause: string | null;
  isCurrent: boolean;
  creationTimestamp: string | null;
  images: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON with object keys sorted and null-valued keys dropped, so two templates compare equal exactly
 * when Go would marshal them to the same bytes (Go writes an unset `creationTimestamp` as null).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value ?? null);
  const entries = Object.keys(value)
    .filter((key) => value[key] !== null && value[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${entries.join(',')}}`;
}

/** What `getPatch(ds)` builds and the controller stores as a revision's data (upstream update.go). */
export function revisionPatchData(template: PodTemplateSpec | undefined): RevisionPatchData {
  return { spec: { template: { ...(template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision restores (`data.spec.template` without `$patch`); undefined when malformed. */
export function revisionTemplate(revision: ControllerRevision): PodTemplateSpec | undefined {
  const data = revision.data;
  if (!isRecord(data) || !isRecord(data.spec) || !isRecord(data.spec.template)) return undefined;
  const { $patch: _patch, ...template } = data.spec.template;
  return template as PodTemplateSpec;
}

/** Whether the revision's data is the DaemonSet's live template (kubectl `daemonSetMatch`, controller `Match`). */
export function revisionMatchesTemplate(ds: DaemonSet, revision: ControllerRevision): boolean {
  if (!isRecord(revision.data)) return false;
  return canonicalJson(revision.data) === canonicalJson(revisionPatchData(ds.spec?.template));
}

/** The controller ownerReference's uid equals the DaemonSet's (metav1 `IsControlledBy`: first controller ref only). */
function isControlledBy(revision: ControllerRevision, ds: DaemonSet): boolean {
  const controller = (revision.metadata?.ownerReferences ?? []).find((ref) => ref?.controller === true);
  return controller !== undefined && (controller.uid ?? '') === (ds.metadata?.uid ?? '');
}

/**
 * kubectl's `daemonSetHistory` + `controlledHistory`: revisions in the DaemonSet's namespace matching its
 * selector whose controller is this DaemonSet (by uid). Throws kubectl's error for an invalid selector.
 */
export function controlledHistory(ds: DaemonSet, revisions: readonly ControllerRevision[]): ControllerRevision[] {
  const selector = labelSelectorAsSelector(ds.spec?.selector);
  if (!selector.ok) {
    throw new Error(`failed to create selector for DaemonSet ${ds.metadata?.name ?? ''}: ${selector.error}`);
  }
  const namespace = ds.metadata?.namespace;
  return revisions.filter(
    (revision) =>
      (namespace === undefined || revision.metadata?.namespace === undefined || revision.metadata.namespace === namespace) &&
      selector.value.matches(revision.metadata?.labels ?? {}) &&
      isControlledBy(revision, ds),
  );
}

/** Revisions sorted by `.revision`, ascending (a stable copy). */
export function sortByRevision(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** Pads by rune count, as tabwriter measures cells. */
function padCell(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - [...cell].length));
}

/** Go text/tabwriter with minwidth 0, tabwidth 8, padding 2 and spaces: every tab-ended cell padded to its column. */
export function tabwriter(lines: readonly string[], padding = 2): string {
  const rows = lines.map((line) => line.split('\t'));
  const widths: number[] = [];
  for (const cells of rows) {
    cells.slice(0, -1).forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, [...cell].length + padding);
    });
  }
  return rows
    .map((cells) => cells.map((cell, column) => (column < cells.length - 1 ? padCell(cell, widths[column] ?? 0) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * `kubectl rollout history daemonset/<name>` output, byte for byte: the name printer's line with its
 * trailing space, the REVISION / CHANGE-CAUSE table, and the closing empty line. Throws kubectl's error
 * for an invalid selector.
 */
export function rolloutHistoryText(ds: DaemonSet, revisions: readonly ControllerRevision[]): string {
  // kubectl keys history by revision number, so a duplicated number shows the last one listed.
  const byNumber = new Map<number, ControllerRevision>();
  for (const revision of controlledHistory(ds, revisions)) byNumber.set(revision.revision ?? 0, revision);
  const header = `daemonset.apps/${ds.metadata?.name ?? ''} `;
  if (byNumber.size === 0) return `${header}\nNo rollout history found.\n`;
  const lines = ['REVISION\tCHANGE-CAUSE'];
  for (const number of [...byNumber.keys()].sort((a, b) => a - b)) {
    const cause = byNumber.get(number)?.metadata?.annotations?.[WellKnown.changeCause];
    lines.push(`${number}\t${cause ? cause : '<none>'}`);
  }
  return `${header}\n${tabwriter(lines)}\n`;
}

function containerImages(template: PodTemplateSpec | undefined): string[] {
  const spec = template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]
    .map((container) => container?.image)
    .filter((image): image is string => typeof image === 'string' && image !== '');
}

/** The history table for the UI: kubectl's revisions, oldest first, with the current one marked. Never throws. */
export function rolloutHistoryRows(ds: DaemonSet, revisions: readonly ControllerRevision[]): RevisionRow[] {
  let history: ControllerRevision[];
  try {
    history = controlledHistory(ds, revisions);
  } catch {
    return [];
  }
  return sortByRevision(history).map((revision) => ({
    revision: revision.revision ?? 0,
    name: revision.metadata?.name ?? '',
    hash: revision.metadata?.labels?.[WellKnown.controllerRevisionHash] ?? null,
    changeCause: revision.metadata?.annotations?.[WellKnown.changeCause] || null,
    isCurrent: revisionMatchesTemplate(ds, revision),
    creationTimestamp: revision.metadata?.creationTimestamp ?? null,
    images: containerImages(revisionTemplate(revision)),
  }));
}
