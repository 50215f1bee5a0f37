/**
 * Property: a batch of watch events (`applyAll`, or `stage` then `takeDelta`) leaves the same model as
 * the same events applied one by one, and its one delta brings the browser to the same grid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASELINE, command, emptyWorld, objectsOf, START, step } from './event-world';
import { FleetModel } from './model';
import { applyDelta, namedGrid } from './reducer';
import type { FleetEvent, FleetSnapshot } from './types';

/**
 * The grid without trailing free slots: a row or column both added and removed within one batch never
 * reaches the browser, so its slot may be missing at the end of the browser's lists.
 */
function withoutTrailingFreeSlots(state: FleetSnapshot): FleetSnapshot {
  let rowCount = state.rows.length;
  while (rowCount > 0 && state.rows[rowCount - 1] === null) rowCount--;
  let columnCount = state.columns.length;
  while (columnCount > 0 && state.columns[columnCount - 1] === null) columnCount--;
  return {
    rows: state.rows.slice(0, rowCount),
    columns: state.columns
      .slice(0, columnCount)
      .map((column) => column && { ...column, cells: column.cells.slice(0, rowCount) }),
  };
}

describe('a batch of events equals the same events applied one by one', () => {
  it('in the final model and through the browser reducer', () => {
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 12, size: 'max' }),
        fc.array(fc.tuple(command, fc.nat(7)), { minLength: 1, maxLength: 60, size: 'max' }),
        (setup, events) => {
          const world = emptyWorld();
          let now = START;
          for (const c of [...BASELINE, ...setup]) step(world, c, now);
          const single = FleetModel.fromObjects(objectsOf(world), now);
          const batched = FleetModel.fromObjects(objectsOf(world), now);
          let singleBrowser = single.snapshot();
          let batchedBrowser = batched.snapshot();
          let batch: FleetEvent[] = [];
          const takeBatch = () => {
            batchedBrowser = applyDelta(batchedBrowser, batched.applyAll(batch, now));
            batch = [];
          };
          for (const [c, batchEnd] of events) {
            if (c.op === 'advance') {
              takeBatch();
              now += c.seconds * 1000;
              singleBrowser = applyDelta(singleBrowser, single.tick(now));
              batchedBrowser = applyDelta(batchedBrowser, batched.tick(now));
              continue;
            }
            const event = step(world, c, now);
            if (event) {
              singleBrowser = applyDelta(singleBrowser, single.apply(event, now));
              batch.push(event);
            }
            // One event in eight ends a batch: long batches meet add-then-delete within one delta.
            if (batchEnd === 0) takeBatch();
          }
          takeBatch();
          const final = batched.snapshot();
          expect(final).toEqual(single.snapshot());
          expect(withoutTrailingFreeSlots(batchedBrowser)).toEqual(withoutTrailingFreeSlots(final));
          expect(namedGrid(batchedBrowser)).toEqual(namedGrid(singleBrowser));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports staged events with the next delta taken', () => {
    const world = emptyWorld();
    for (const c of BASELINE) step(world, c, START);
    const model = FleetModel.fromObjects(objectsOf(world), START);
    const pod = step(
      world,
      {
        op: 'pod',
        ds: 2,
        node: 0,
        variant: 0,
        hash: 0,
        readyAgo: 100,
        phase: 1,
        deleting: false,
        waiting: false,
      },
      START,
    );
    const node = step(world, { op: 'node', node: 3, labels: 0, taints: 2 }, START);
    if (pod === undefined || node === undefined) throw new Error('the commands make events');
    model.stage(pod, START);
    model.stage(node, START);
    const delta = model.takeDelta();
    expect(delta.cells?.map(([column, row]) => [column, row]).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 0],
    ]);
    expect(delta.summaries?.map((summary) => summary.name).sort()).toEqual(['d0', 'd1', 'd2']);
    expect(model.takeDelta()).toEqual({});
  });
});
