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
});
