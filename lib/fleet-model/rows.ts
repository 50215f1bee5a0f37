/**
 * The FleetModel's rows: node objects by stable row id, a free list, and whether a node update
 * changes what eligibility reads (upstream `shouldIgnoreNodeUpdate` looks at labels and taints only).
 */
import type { Node, Taint } from '../k8s-types';
import { listOf } from '../pod-state';

/** Node rows with stable integer ids. */
export class Rows {
  readonly names: (string | null)[] = [];
  readonly nodes: (Node | undefined)[] = [];
  private readonly byName = new Map<string, number>();
  private readonly free: number[] = [];

  /** The row id of a node name, if the node is in the grid. */
  rowOf(name: string): number | undefined {
    return this.byName.get(name);
  }

  /** The node name at a row id, if the slot is in use. */
  nameOf(row: number): string | undefined {
    return this.names[row] ?? undefined;
  }

  /** Number of row slots, used or free (the length of every column's cell string). */
  get slotCount(): number {
    return this.names.length;
  }

  /** Puts a new node in a free slot (the lowest freed one first) and returns its row id. */
  add(name: string, node: Node): number {
    const row = this.free.pop() ?? this.names.length;
    this.names[row] = name;
    this.nodes[row] = node;
    this.byName.set(name, row);
    return row;
  }

  /** Frees a node's row slot. */
  remove(name: string): number | undefined {
    const row = this.byName.get(name);
    if (row === undefined) return undefined;
    this.byName.delete(name);
    this.names[row] = null;
    this.nodes[row] = undefined;
    this.free.push(row);
    this.free.sort((a, b) => b - a);
    return row;
  }
}

/** Whether two versions of a node differ in what eligibility reads: labels or taints. */
export function schedulingFactsDiffer(before: Node | undefined, after: Node): boolean {
  return (
    !sameLabels(before?.metadata?.labels, after.metadata?.labels) ||
    !sameTaints(before?.spec?.taints, after.spec?.taints)
  );
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const aKeys = Object.keys(a ?? {});
  if (aKeys.length !== Object.keys(b ?? {}).length) return false;
  return aKeys.every((key) => a?.[key] === b?.[key] && Object.hasOwn(b ?? {}, key));
}

function sameTaints(a: readonly Taint[] | null | undefined, b: readonly Taint[] | null | undefined): boolean {
  const aList = listOf(a);
  const bList = listOf(b);
  if (aList.length !== bList.length) return false;
  return aList.every((taint, i) => {
    const other = bList[i];
    return taint?.key === other?.key && taint?.value === other?.value && taint?.effect === other?.effect;
  });
}
