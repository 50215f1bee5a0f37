import { describe, expect, it } from 'vitest';
import type { FleetEvent, WatchEventType } from '@/lib/fleet-model/types';
import { WellKnown, type Pod } from '@/lib/k8s-types';
import { ClusterObjects } from './cluster-objects';
import { revisionCounts, revisionCountsByHash } from './rollout-tracker';

const NUMBERS = new Map([['aaa', 1], ['bbb', 2]]);

function pod(uid: string, owner: string, hash?: string, terminating = false): Pod {
  return {
    metadata: {
      uid,
      name: uid,
      namespace: 'ns',
      ...(hash === undefined ? {} : { labels: { [WellKnown.controllerRevisionHash]: hash } }),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: owner, uid: owner, controller: true }],
      ...(terminating ? { deletionTimestamp: '2026-11-25T00:00:00Z' } : {}),
    },
    spec: { containers: [] },
  };
}

const event = (type: WatchEventType, object: Pod): FleetEvent => ({ kind: 'pod', type, object });

/** Each step's event, and the counts by revision of DaemonSet `ds1` after it. */
const steps: [string, FleetEvent, Record<string, number>][] = [
  ['a pod of revision 1', event('ADDED', pod('p1', 'ds1', 'aaa')), { 1: 1 }],
  ['another', event('ADDED', pod('p2', 'ds1', 'aaa')), { 1: 2 }],
  ['a pod of another DaemonSet', event('ADDED', pod('q1', 'ds2', 'aaa')), { 1: 2 }],
  ['a pod of revision 2', event('ADDED', pod('p3', 'ds1', 'bbb')), { 1: 2, 2: 1 }],
  ['a pod without the hash label', event('ADDED', pod('p4', 'ds1')), { 1: 2, 2: 1, '?': 1 }],
  ['a pod of an unknown hash', event('ADDED', pod('p5', 'ds1', 'zzz')), { 1: 2, 2: 1, '?': 2 }],
  ['a pod moves to revision 2 (relabelled)', event('MODIFIED', pod('p1', 'ds1', 'bbb')), { 1: 1, 2: 2, '?': 2 }],
  ['the same event again (idempotent)', event('MODIFIED', pod('p1', 'ds1', 'bbb')), { 1: 1, 2: 2, '?': 2 }],
  ['a pod starts terminating', event('MODIFIED', pod('p2', 'ds1', 'aaa', true)), { 2: 2, '?': 2 }],
  ['the terminating pod is deleted', event('DELETED', pod('p2', 'ds1', 'aaa', true)), { 2: 2, '?': 2 }],
  ['a live pod is deleted', event('DELETED', pod('p3', 'ds1', 'bbb')), { 2: 1, '?': 2 }],
  ['a delete of a pod never seen', event('DELETED', pod('p9', 'ds1', 'aaa')), { 2: 1, '?': 2 }],
  ['the rest are deleted', event('DELETED', pod('p1', 'ds1', 'bbb')), { '?': 2 }],
  ['…all of them', event('DELETED', pod('p4', 'ds1')), { '?': 1 }],
  ['…to none', event('DELETED', pod('p5', 'ds1', 'zzz')), {}],
];

describe('ClusterObjects.podCountsByHash', () => {
  it('keeps the counts a scan of the pods gives, event by event', () => {
    const objects = new ClusterObjects();
    for (const [name, change, expected] of steps) {
      objects.apply(change);
      const kept = revisionCountsByHash(objects.podCountsByHash('ds1'), NUMBERS);
      expect(kept, name).toEqual(revisionCounts(objects.podsOf('ds1'), NUMBERS));
      expect(kept, name).toEqual(expected);
    }
    expect(revisionCountsByHash(objects.podCountsByHash('ds2'), NUMBERS)).toEqual({ 1: 1 });
  });

  it('is empty for an unknown DaemonSet', () => {
    expect(new ClusterObjects().podCountsByHash(undefined).size).toBe(0);
  });
});
