import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDaemonSetStatus } from '../daemon-status';
import type { DaemonSet, Node, Pod } from '../k8s-types';
import { makeDaemonPod, makeDaemonSet, makeNode, makeRevision, taint } from './builders';
import { makeScaleFleet } from './fixture';
import { FleetModel } from './model';
import { applyDelta, cellAt, namedGrid } from './reducer';
import type { FleetDelta, FleetEvent, FleetObjects } from './types';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const LONG_AGO = '2026-01-01T00:00:00Z';

/** A three-node, two-DaemonSet fleet: `agent` everywhere but tainted nodes, `storage` on storage nodes. */
function smallFleet(): FleetObjects & { agent: DaemonSet; storage: DaemonSet } {
  const agent = makeDaemonSet('agent', { minReadySeconds: 60 });
  const storage = makeDaemonSet('storage', { nodeSelector: { storage: 'true' } });
  const nodes = [
    makeNode('n1'),
    makeNode('n2', { labels: { storage: 'true' } }),
    makeNode('n3', { taints: [taint('dedicated', 'NoSchedule')] }),
  ];
  const pods = [
    makeDaemonPod(agent, 'n1', { hash: 'a1', readySince: LONG_AGO }),
    makeDaemonPod(agent, 'n2', { hash: 'a0', readySince: LONG_AGO }),
    makeDaemonPod(agent, 'n3', { hash: 'a1', readySince: LONG_AGO }),
    makeDaemonPod(storage, 'n2', { hash: 's1', waiting: 'ImagePullBackOff' }),
  ];
  const controllerRevisions = [makeRevision(agent, 'a1', 2), makeRevision(storage, 's1', 1)];
  return { nodes, daemonSets: [agent, storage], pods, controllerRevisions, agent, storage };
}

/** The grid as `column: cells` lines by name, easy to read in a failing assertion. */
function gridLines(model: FleetModel): Record<string, Record<string, string>> {
  return namedGrid(model.snapshot()).cells;
}

describe('FleetModel full build', () => {
  it('gives every cell its state', () => {
    const model = FleetModel.fromObjects(smallFleet(), NOW);
    expect(gridLines(model)).toEqual({
      'kube-system/agent': { n1: 'R', n2: 'U', n3: 'X' },
      'kube-system/storage': { n1: 'N', n2: 'F', n3: 'N' },
    });
  });

  it('implies the counters computeDaemonSetStatus computes', () => {
    const fleet = makeScaleFleet({ nodes: 60, daemonSets: 6, seed: 7 });
    const model = FleetModel.fromObjects(fleet, fleet.now);
    for (const column of model.snapshot().columns) {
      const daemonSet = fleet.daemonSets.find((ds) => ds.metadata?.name === column?.name);
      if (column === null || daemonSet === undefined) throw new Error('column without DaemonSet');
      const expected = computeDaemonSetStatus({
        daemonSet,
        nodes: fleet.nodes,
        pods: fleet.pods,
        currentRevisionHash: column.currentRevision,
        now: fleet.now,
      });
      expect(column.implied).toEqual(expected);
      expect(column.reported).toMatchObject(expected);
    }
  });
});

interface DeltaCase {
  name: string;
  event: (fleet: ReturnType<typeof smallFleet>) => FleetEvent;
  expected: (keyof FleetDelta)[];
  cells?: [string, string, string][];
}

const n1 = (fleet: ReturnType<typeof smallFleet>): Node => fleet.nodes[0] ?? makeNode('n1');
const agentPod = (fleet: ReturnType<typeof smallFleet>, node: string): Pod =>
  fleet.pods.find((pod) => pod.metadata?.name === `agent-${node}`) ?? makeDaemonPod(fleet.agent, node);

const deltaCases: DeltaCase[] = [
  {
    name: 'node heartbeat (no label or taint change) changes nothing',
    event: (f) => ({
      kind: 'node',
      type: 'MODIFIED',
      object: { ...n1(f), status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    }),
    expected: [],
  },
  {
    name: 'node label change re-evaluates only its row',
    event: () => ({
      kind: 'node',
      type: 'MODIFIED',
      object: makeNode('n1', { labels: { storage: 'true' } }),
    }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/storage', 'n1', 'M']],
  },
  {
    name: 'node taint (NoExecute) on a node with a pod makes it misscheduled',
    event: () => ({
      kind: 'node',
      type: 'MODIFIED',
      object: makeNode('n1', { taints: [taint('evict', 'NoExecute')] }),
    }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/agent', 'n1', 'X']],
  },
  {
    name: 'node added: one row with its cells',
    event: () => ({ kind: 'node', type: 'ADDED', object: makeNode('n4') }),
    expected: ['rowsAdded', 'summaries'],
  },
  {
    name: 'node deleted: one row removed',
    event: (f) => ({ kind: 'node', type: 'DELETED', object: n1(f) }),
    expected: ['rowsRemoved', 'summaries'],
  },
  {
    name: 'pod becomes not ready: one cell',
    event: (f) => ({ kind: 'pod', type: 'MODIFIED', object: makeDaemonPod(f.agent, 'n1', { hash: 'a1' }) }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/agent', 'n1', 'P']],
  },
  {
    name: 'pod deleted: the cell goes Missing',
    event: (f) => ({ kind: 'pod', type: 'DELETED', object: agentPod(f, 'n1') }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/agent', 'n1', 'M']],
  },
  {
    name: 'DaemonSet status written by its controller: summary only',
    event: (f) => ({
      kind: 'daemonset',
      type: 'MODIFIED',
      object: { ...f.agent, status: { numberReady: 2 } },
    }),
    expected: ['summaries'],
  },
  {
    name: 'DaemonSet template change (new generation, no revision yet): its column turns Updating',
    event: () => ({
      kind: 'daemonset',
      type: 'MODIFIED',
      object: makeDaemonSet('agent', {
        generation: 2,
        minReadySeconds: 60,
        image: 'registry.example/agent:2',
      }),
    }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/agent', 'n1', 'U']],
  },
  {
    name: 'DaemonSet deleted: one column removed',
    event: (f) => ({ kind: 'daemonset', type: 'DELETED', object: f.storage }),
    expected: ['columnsRemoved'],
  },
  {
    name: 'DaemonSet added: one column with its cells',
    event: () => ({ kind: 'daemonset', type: 'ADDED', object: makeDaemonSet('new') }),
    expected: ['columnsAdded'],
  },
  {
    name: 'revision that does not change the current hash: nothing',
    event: () => ({
      kind: 'controllerrevision',
      type: 'ADDED',
      object: makeRevision(makeDaemonSet('agent', { image: 'x:0' }), 'a0', 1),
    }),
    expected: [],
  },
  {
    name: 'revision deleted so no revision is current: the column re-evaluates',
    event: (f) => ({ kind: 'controllerrevision', type: 'DELETED', object: makeRevision(f.agent, 'a1', 2) }),
    expected: ['cells', 'summaries'],
    cells: [['kube-system/agent', 'n1', 'U']],
  },
];

describe('FleetModel.apply: only the affected cells, as a compact delta', () => {
  it.each(deltaCases)('$name', ({ event, expected, cells }) => {
    const fleet = smallFleet();
    const model = FleetModel.fromObjects(fleet, NOW);
    const before = model.snapshot();
    const delta = model.apply(event(fleet), NOW);
    expect(Object.keys(delta).sort()).toEqual([...expected].sort());
    const after = applyDelta(before, delta);
    expect(after).toEqual(model.snapshot());
    const named = namedGrid(after).cells;
    for (const [column, node, code] of cells ?? []) expect(named[column]?.[node]).toBe(code);
    if (delta.cells) expect(delta.cells.length).toBe(cells?.length);
  });

  it('survives junk objects of every kind', () => {
    const kinds = ['node', 'daemonset', 'pod', 'controllerrevision'] as const;
    const types = ['ADDED', 'MODIFIED', 'DELETED'] as const;
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ metadata: fc.anything(), spec: fc.anything(), status: fc.anything() }),
      fc.record({
        metadata: fc.record({
          name: fc.constantFrom('n1', 'x'),
          uid: fc.constantFrom('ds-agent', 'u'),
          ownerReferences: fc.anything(),
          labels: fc.anything(),
        }),
        spec: fc.anything(),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...types), junk), { maxLength: 8 }),
        (events) => {
          const model = FleetModel.fromObjects(smallFleet(), NOW);
          let browser = model.snapshot();
          for (const [kind, type, object] of events) {
            browser = applyDelta(browser, model.apply({ kind, type, object } as FleetEvent, NOW));
          }
          browser = applyDelta(browser, model.tick(NOW + 1));
          expect(browser).toEqual(model.snapshot());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ignores objects without a name or uid instead of crashing', () => {
    const model = FleetModel.fromObjects(smallFleet(), NOW);
    expect(model.apply({ kind: 'node', type: 'ADDED', object: {} }, NOW)).toEqual({});
    expect(
      model.apply({ kind: 'daemonset', type: 'ADDED', object: { metadata: { name: 'x' } } }, NOW),
    ).toEqual({});
    expect(model.apply({ kind: 'pod', type: 'DELETED', object: {} }, NOW)).toEqual({});
    expect(model.apply({ kind: 'controllerrevision', type: 'ADDED', object: {} }, NOW)).toEqual({});
  });
});

describe('FleetModel: objects arriving in any order', () => {
  it('a node deleted and added again gets its pods back (pods outlive the node object)', () => {
    const fleet = smallFleet();
    const model = FleetModel.fromObjects(fleet, NOW);
    model.apply({ kind: 'node', type: 'DELETED', object: n1(fleet) }, NOW);
    const delta = model.apply({ kind: 'node', type: 'ADDED', object: n1(fleet) }, NOW);
    expect(delta.rowsAdded?.[0]).toMatchObject({ name: 'n1', cells: 'RN' });
  });

  it('pods that arrive before their node and DaemonSet show once both exist', () => {
    const fleet = smallFleet();
    const model = new FleetModel();
    for (const pod of fleet.pods) model.apply({ kind: 'pod', type: 'ADDED', object: pod }, NOW);
    for (const revision of fleet.controllerRevisions)
      model.apply({ kind: 'controllerrevision', type: 'ADDED', object: revision }, NOW);
    for (const daemonSet of fleet.daemonSets)
      model.apply({ kind: 'daemonset', type: 'ADDED', object: daemonSet }, NOW);
    for (const node of fleet.nodes) model.apply({ kind: 'node', type: 'ADDED', object: node }, NOW);
    expect(namedGrid(model.snapshot())).toEqual(namedGrid(FleetModel.fromObjects(fleet, NOW).snapshot()));
  });

  it('a crash-looping pod that is already terminating does not fail the cell of its replacement', () => {
    const fleet = smallFleet();
    const model = FleetModel.fromObjects(fleet, NOW);
    const dying = makeDaemonPod(fleet.agent, 'n1', {
      name: 'dying',
      hash: 'a1',
      deleting: true,
      waiting: 'CrashLoopBackOff',
      created: '2026-01-01T00:30:00Z',
    });
    expect(model.apply({ kind: 'pod', type: 'ADDED', object: dying }, NOW).cells).toBeUndefined();
    const failing = { ...dying, metadata: { ...dying.metadata, deletionTimestamp: undefined } };
    expect(
      model.apply({ kind: 'pod', type: 'MODIFIED', object: failing }, NOW).cells?.map(([, , code]) => code),
    ).toEqual(['F']);
  });
});

describe('FleetModel.tick: minReadySeconds passing', () => {
  it('turns a Progressing cell Ready once the pod has been ready long enough, and says when', () => {
    const fleet = smallFleet();
    const model = FleetModel.fromObjects(fleet, NOW);
    const readyAt = NOW - 30_000;
    model.apply(
      {
        kind: 'pod',
        type: 'MODIFIED',
        object: makeDaemonPod(fleet.agent, 'n1', { hash: 'a1', readySince: new Date(readyAt).toISOString() }),
      },
      NOW,
    );
    const column = model.snapshot().columns.findIndex((c) => c?.name === 'agent');
    expect(cellAt(model.snapshot(), column, 0)).toBe('P');
    expect(model.nextTickAt()).toBe(readyAt + 60_000);
    expect(model.tick(readyAt + 59_999)).toEqual({});
    const delta = model.tick(readyAt + 60_000);
    expect(delta.cells).toEqual([[column, 0, 'R']]);
    expect(delta.summaries?.[0]?.implied.numberAvailable).toBe(2);
    expect(model.nextTickAt()).toBeUndefined();
  });
});

describe('snapshot size', () => {
  it('5,000 nodes × 50 DaemonSets fit in 1 MB of JSON', () => {
    const fleet = makeScaleFleet({ nodes: 5000, daemonSets: 50, seed: 1 });
    const snapshot = FleetModel.fromObjects(fleet, fleet.now).snapshot();
    const bytes = new TextEncoder().encode(JSON.stringify(snapshot)).length;
    expect(snapshot.columns.every((column) => column?.cells.length === 5000)).toBe(true);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
  });
});
