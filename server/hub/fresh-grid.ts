import 'server-only';
import { FleetModel } from '@/lib/fleet-model/model';
import { namedGrid, type NamedGrid } from '@/lib/fleet-model/reducer';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import type { ControllerRevision, DaemonSet, Node, Pod } from '@/lib/k8s-types';
import type { KubeClient } from '../clusters/kube-http';
import { listAll, RESOURCE_SPECS } from '../watch/resources';

/*
 * Test support: what a dashboard that just started would show. Fault tests compare the stream's grid
 * with this after every fault ("the model converges to a fresh list").
 */

async function listSlim<T>(client: KubeClient, resource: keyof typeof RESOURCE_SPECS): Promise<T[]> {
  const spec = RESOURCE_SPECS[resource];
  // The test's own list may meet an injected fault too; it retries like any client would.
  let raw;
  for (let attempt = 0; raw === undefined; attempt++) {
    raw = await listAll(client, spec.path, new AbortController().signal).catch((error: unknown) => {
      if (attempt > 10) throw error;
      return new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50));
    });
  }
  const keep = 'keep' in spec ? (spec.keep as (o: unknown) => boolean) : () => true;
  return (raw.items ?? []).map((item) => spec.slim(item)).filter((item) => keep(item)) as T[];
}

/** The grid a fresh list of every watched kind builds, by node and DaemonSet name. */
export async function freshGrid(client: KubeClient, now: number): Promise<NamedGrid> {
  const [nodes, daemonSets, pods, controllerRevisions] = await Promise.all([
    listSlim<Node>(client, 'nodes'),
    listSlim<DaemonSet>(client, 'daemonsets'),
    listSlim<Pod>(client, 'pods'),
    listSlim<ControllerRevision>(client, 'controllerrevisions'),
  ]);
  return namedGrid(FleetModel.fromObjects({ nodes, daemonSets, pods, controllerRevisions }, now).snapshot());
}

/** Node and DaemonSet names that occupy more than one row or column slot (namedGrid would fold them). */
export function duplicateSlots(grid: FleetSnapshot): string[] {
  const names = [
    ...grid.rows.filter((name): name is string => name !== null),
    ...grid.columns.flatMap((column) => (column === null ? [] : [`${column.namespace}/${column.name}`])),
  ];
  return names.filter((name, index) => names.indexOf(name) !== index);
}
