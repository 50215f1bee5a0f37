import { describe, expect, it } from 'vitest';
import { CELL_CODES } from '../cell-state';
import { makeScaleFleet } from './fixture';
import { FleetModel } from './model';

describe('makeScaleFleet', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = makeScaleFleet({ nodes: 40, daemonSets: 5, seed: 3 });
    expect(JSON.stringify(makeScaleFleet({ nodes: 40, daemonSets: 5, seed: 3 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(makeScaleFleet({ nodes: 40, daemonSets: 5, seed: 4 }))).not.toBe(JSON.stringify(a));
  });

  it('has the requested size, and its DaemonSet 0 tolerates every taint (the bench rolls it everywhere)', () => {
    const fleet = makeScaleFleet({ nodes: 200, daemonSets: 10, seed: 1 });
    expect(fleet.nodes).toHaveLength(200);
    expect(fleet.daemonSets).toHaveLength(10);
    expect(fleet.daemonSets[0]?.spec?.template?.spec?.tolerations).toEqual([{ operator: 'Exists' }]);
    const first = fleet.daemonSets[0]?.metadata?.uid;
    const podsOfFirst = fleet.pods.filter((pod) => pod.metadata?.ownerReferences?.[0]?.uid === first);
    expect(podsOfFirst.length).toBeGreaterThan(195);
  });

  it('shows every cell state at a modest size, and reports the status its pods imply', () => {
    const fleet = makeScaleFleet({ nodes: 1000, daemonSets: 10, seed: 1 });
    const snapshot = FleetModel.fromObjects(fleet, fleet.now).snapshot();
    const seen = new Set(snapshot.columns.flatMap((column) => [...(column?.cells ?? '')]));
    for (const code of CELL_CODES) expect(seen).toContain(code);
    for (const column of snapshot.columns) expect(column?.reported).toMatchObject(column?.implied ?? {});
  });

  it('gives the same grid whatever order the pod list comes in (node order, reversed, interleaved)', () => {
    const fleet = makeScaleFleet({ nodes: 60, daemonSets: 4, seed: 2 });
    const inOrder = FleetModel.fromObjects(fleet, fleet.now).snapshot();
    const orders = [
      [...fleet.pods].reverse(),
      fleet.pods.filter((_, i) => i % 2 === 0).concat(fleet.pods.filter((_, i) => i % 2 === 1)),
      [...fleet.pods.slice(7), ...fleet.pods.slice(0, 7)],
    ];
    for (const pods of orders)
      expect(FleetModel.fromObjects({ ...fleet, pods }, fleet.now).snapshot()).toEqual(inOrder);
    for (const column of inOrder.columns) expect(column?.reported).toMatchObject(column?.implied ?? {});
  });
});
