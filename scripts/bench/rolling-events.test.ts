import { describe, expect, it } from 'vitest';
import { makeScaleFleet } from '../../lib/fleet-model/fixture';
import { FleetModel } from '../../lib/fleet-model/model';
import type { FleetSnapshot } from '../../lib/fleet-model/types';
import { nextGeneration, rollingUpdateEvents } from './rolling-events';

function cellsOf(snapshot: FleetSnapshot, name: string): string {
  return snapshot.columns.find((column) => column?.name === name)?.cells ?? '';
}

describe('rollingUpdateEvents', () => {
  const fleet = makeScaleFleet({ nodes: 60, daemonSets: 5, seed: 7 });
  const target = fleet.daemonSets[0];
  const name = target?.metadata?.name ?? '';
  const podsOfTarget = fleet.pods.filter((pod) => pod.metadata?.ownerReferences?.[0]?.uid === target?.metadata?.uid);
  const events = rollingUpdateEvents(fleet, { daemonSet: 0, hash: 'newhash123', now: fleet.now });

  it('bumps the generation and changes the image', () => {
    const next = target ? nextGeneration(target) : undefined;
    expect(next?.metadata?.generation).toBe((target?.metadata?.generation ?? 0) + 1);
    expect(next?.spec?.template?.spec?.containers?.[0]?.image).not.toBe(target?.spec?.template?.spec?.containers?.[0]?.image);
    expect(target?.metadata?.generation).toBe(fleet.daemonSets[0]?.metadata?.generation);
  });

  it('is a DaemonSet change, a revision, then delete/add/ready per pod', () => {
    expect(podsOfTarget.length).toBeGreaterThan(50);
    expect(events).toHaveLength(2 + 3 * podsOfTarget.length);
    expect(events.slice(0, 2).map((e) => `${e.kind} ${e.type}`)).toEqual(['daemonset MODIFIED', 'controllerrevision ADDED']);
    expect(events.slice(2, 5).map((e) => `${e.kind} ${e.type}`)).toEqual(['pod DELETED', 'pod ADDED', 'pod MODIFIED']);
  });

  it('walks each cell through Updating → Missing → Progressing → Ready', () => {
    const model = FleetModel.fromObjects(fleet, fleet.now);
    for (const event of events.slice(0, 2)) model.apply(event, fleet.now);
    const afterSpec = cellsOf(model.snapshot(), name);
    const row = model.snapshot().rows.indexOf(podsOfTarget[0]?.spec?.nodeName ?? '');
    expect(afterSpec[row]).toBe('U');
    const seen = events.slice(2, 5).map((event) => {
      model.apply(event, fleet.now);
      return cellsOf(model.snapshot(), name)[row];
    });
    expect(seen).toEqual(['M', 'P', 'R']);
  });

  it('leaves no pod of the old revision once every event is applied', () => {
    const model = FleetModel.fromObjects(fleet, fleet.now);
    const before = cellsOf(model.snapshot(), name);
    for (const event of events) model.apply(event, fleet.now);
    const after = cellsOf(model.snapshot(), name);
    expect(after).not.toContain('U');
    expect(after.length).toBe(before.length);
    // Cells that had no pod keep their state; every pod-backed cell is now updated.
    expect([...after].filter((code) => code === 'R').length).toBeGreaterThanOrEqual(podsOfTarget.length - 1);
  });

  it('rejects a DaemonSet index outside the fleet', () => {
    expect(() => rollingUpdateEvents(fleet, { daemonSet: 9, hash: 'x', now: 0 })).toThrow(/no DaemonSet #9/);
  });
});
