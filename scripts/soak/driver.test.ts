import { describe, expect, it } from 'vitest';
import type { Pod } from '../../lib/k8s-types';
import { flipCandidates } from './driver';
import { cellKey } from './flip-ledger';

function pod(name: string, options: { node?: string; ready?: boolean; owner?: string | null } = {}): Pod {
  const owner = options.owner === undefined ? 'agent' : options.owner;
  return {
    metadata: {
      name,
      namespace: 'ops',
      ...(owner === null ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: owner, uid: `uid-${owner}`, controller: true }] }),
    },
    spec: { containers: [], ...(options.node === undefined ? { nodeName: 'n1' } : options.node === '' ? {} : { nodeName: options.node }) },
    status: { conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }] },
  };
}

describe('flipCandidates', () => {
  it.each([
    ['a Ready daemon pod on a node', pod('a'), [{ pod: 'ops/a', cell: cellKey('ops/agent', 'n1') }]],
    ['a pod that is not Ready', pod('b', { ready: false }), []],
    ['a pod without a node', pod('c', { node: '' }), []],
    ['a pod no DaemonSet owns', pod('d', { owner: null }), []],
  ])('%s', (_name, input, expected) => {
    expect(flipCandidates([input], 1)).toEqual(expected);
  });

  it('keeps every candidate once, in an order fixed by the seed', () => {
    const pods = Array.from({ length: 50 }, (_, i) => pod(`p${i}`, { node: `n${i}` }));
    const one = flipCandidates(pods, 7).map((candidate) => candidate.pod);
    expect(new Set(one).size).toBe(50);
    expect(flipCandidates(pods, 7).map((candidate) => candidate.pod)).toEqual(one);
    expect(flipCandidates(pods, 8).map((candidate) => candidate.pod)).not.toEqual(one);
  });
});
