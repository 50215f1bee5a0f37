import { describe, expect, it } from 'vitest';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { reachedGeneration, withPrecondition } from './action-bar';

const summary = (generation: number | undefined) => ({ generation }) as DaemonSetSummary;
const answer = (result: Record<string, unknown>) => ({ kubectl: 'kubectl …', dryRun: false, result });

describe('reachedGeneration', () => {
  it.each<[string, DaemonSetSummary | undefined, Record<string, unknown>, boolean]>([
    ['pending while the stream shows an older generation', summary(3), { generation: 4 }, false],
    ['confirmed when the stream shows the new generation', summary(4), { generation: 4 }, true],
    ['confirmed past it', summary(5), { generation: 4 }, true],
    ['a skipped rollback has nothing to wait for', summary(3), { skipped: true }, true],
    ['pending while the DaemonSet is not in the stream', undefined, { generation: 4 }, false],
    ['an answer without a generation is confirmed by any stream state', summary(1), {}, true],
  ])('%s', (_name, s, result, expected) => {
    expect(reachedGeneration(s, answer(result))).toBe(expected);
  });
});

describe('withPrecondition', () => {
  it.each<[string, { generation?: number; resourceVersion?: string }, Record<string, unknown>]>([
    [
      'sends the generation, not the resourceVersion status writes keep bumping',
      { generation: 4, resourceVersion: '981' },
      { toRevision: 0, generation: 4 },
    ],
    [
      'falls back to the resourceVersion without a generation',
      { resourceVersion: '981' },
      { toRevision: 0, resourceVersion: '981' },
    ],
    ['sends no precondition when nothing is known', {}, { toRevision: 0 }],
  ])('%s', (_name, detail, expected) => {
    expect(withPrecondition({ toRevision: 0 }, detail)).toEqual(expected);
  });
});
