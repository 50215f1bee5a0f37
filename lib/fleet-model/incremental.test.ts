/**
 * Property: any sequence of watch events applied one by one gives the same grid as a full rebuild
 * from the final objects — on the server (FleetModel) and in the browser (snapshot + deltas).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDaemonSetStatus } from '../daemon-status';
import { BASELINE, command, emptyWorld, objectsOf, START, step } from './event-world';
import { FleetModel } from './model';
import { applyDelta, namedGrid } from './reducer';
import type { FleetSnapshot } from './types';

describe('incremental equals full rebuild', () => {
  it('for the server model and for the browser reducer', () => {
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 12, size: 'max' }),
        fc.array(command, { minLength: 1, maxLength: 40, size: 'max' }),
        (setup, events) => {
          const world = emptyWorld();
          let now = START;
          for (const c of [...BASELINE, ...setup]) step(world, c, now);
          const model = FleetModel.fromObjects(objectsOf(world), now);
          let browser: FleetSnapshot = model.snapshot();
          for (const c of events) {
            if (c.op === 'advance') {
              now += c.seconds * 1000;
              browser = applyDelta(browser, model.tick(now));
              continue;
            }
            const event = step(world, c, now);
            if (event) browser = applyDelta(browser, model.apply(event, now));
          }
          const incremental = model.snapshot();
          const rebuilt = FleetModel.fromObjects(objectsOf(world), now).snapshot();
          expect(browser).toEqual(incremental);
          expect(namedGrid(incremental)).toEqual(namedGrid(rebuilt));
          for (const column of incremental.columns) {
            const daemonSet = column && world.daemonSets.get(column.name);
            if (!column || !daemonSet) continue;
            const status = computeDaemonSetStatus({
              daemonSet,
              ...objectsOf(world),
              currentRevisionHash: column.currentRevision,
              now,
            });
            expect(column.implied).toEqual(status);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
