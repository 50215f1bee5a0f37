import { describe, expect, it } from 'vitest';
import { CELL_CODES, CELL_STATE_NAMES, CellState, cellState, isCellCode, type CellCode } from './cell-state';
import { makeDaemonPod, makeDaemonSet } from './fleet-model/builders';
import type { Pod } from './k8s-types';

const ds = makeDaemonSet('agent');
const pod = (options: Parameters<typeof makeDaemonPod>[2] = {}): Pod => makeDaemonPod(ds, 'n1', options);
const NOW = Date.parse('2026-01-01T01:00:00Z');
const longReady = { readySince: '2026-01-01T00:00:00Z' };
const justReady = { readySince: '2026-01-01T00:59:50Z' };
const run = { shouldRun: true };
const stay = { shouldRun: false };

describe('cellState precedence', () => {
  it.each([
    ['no pod, should run → Missing', run, undefined, true, {}, 'M'],
    ['no pod, should not run → Not eligible', stay, undefined, false, {}, 'N'],
    [
      'pod where it should not run → Misscheduled, even if ready and updated',
      stay,
      pod(longReady),
      true,
      {},
      'X',
    ],
    ['Misscheduled beats Failing', stay, pod({ waiting: 'CrashLoopBackOff' }), true, {}, 'X'],
    [
      'failing oldest pod → Failing, even when of an older revision',
      run,
      pod({ waiting: 'ImagePullBackOff' }),
      false,
      {},
      'F',
    ],
    [
      'failing surge pod next to a ready old one → Failing',
      run,
      pod(longReady),
      false,
      { otherPods: [pod({ name: 'new', waiting: 'ErrImagePull' })] },
      'F',
    ],
    ['phase Failed → Failing', run, pod({ phase: 'Failed' }), true, {}, 'F'],
    ['older revision, ready → Updating', run, pod(longReady), false, {}, 'U'],
    ['older revision, not ready → Updating', run, pod(), false, {}, 'U'],
    ['current revision, available → Ready', run, pod(longReady), true, {}, 'R'],
    ['current revision, not ready → Progressing', run, pod(), true, {}, 'P'],
    [
      'current revision, ready but within minReadySeconds → Progressing',
      run,
      pod(justReady),
      true,
      { minReadySeconds: 30 },
      'P',
    ],
    [
      'current revision, ready past minReadySeconds → Ready',
      run,
      pod(justReady),
      true,
      { minReadySeconds: 5 },
      'R',
    ],
  ] as [
    string,
    { shouldRun: boolean },
    Pod | undefined,
    boolean,
    Parameters<typeof cellState>[4],
    CellCode,
  ][])('%s', (_name, verdict, oldest, updated, options, expected) => {
    expect(cellState(verdict, oldest, updated, NOW, options)).toBe(expected);
  });
});

describe('cell codes', () => {
  it('has seven distinct one-char codes, each named as CONTRACT.md spells the state', () => {
    const codes = Object.values(CellState);
    expect(new Set(codes).size).toBe(7);
    expect(codes.every((code) => code.length === 1 && JSON.stringify(code) === `"${code}"`)).toBe(true);
    expect([...CELL_CODES].sort()).toEqual([...codes].sort());
    expect(Object.values(CELL_STATE_NAMES).sort()).toEqual([
      'Failing',
      'Misscheduled',
      'Missing',
      'Not eligible',
      'Progressing',
      'Ready',
      'Updating',
    ]);
    for (const [name, code] of Object.entries(CellState)) {
      expect(CELL_STATE_NAMES[code].replace(' ', '').toLowerCase()).toBe(name.toLowerCase());
    }
  });

  it('recognises codes and rejects anything else', () => {
    expect(isCellCode('R')).toBe(true);
    expect(isCellCode('.')).toBe(false);
    expect(isCellCode('RR')).toBe(false);
  });
});
