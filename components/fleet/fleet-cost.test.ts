import { describe, expect, it } from 'vitest';
import { formatAmounts, formatShare, formatShares, orderResources, parseFleetCost } from './fleet-cost';

const report = {
  daemonSets: [
    {
      namespace: 'kube-system',
      name: 'node-agent',
      desiredNumberScheduled: 100,
      perPod: { requests: { memory: '256Mi', cpu: '50m' }, limits: {} },
      total: { requests: { memory: '25Gi', cpu: '5' }, limits: { memory: '50Gi' } },
      problems: [],
    },
  ],
  total: { requests: { memory: '25Gi', cpu: '5' }, limits: { memory: '50Gi' } },
  nodes: {
    count: 100,
    summary: { memory: { max: 0.5, median: 0.125 }, cpu: { max: 0.004, median: 0 } },
    top: [{ node: 'n1', share: { cpu: 0.01, memory: 0.5 } }],
  },
};

describe('parseFleetCost', () => {
  it('reads a well-formed answer', () => {
    const view = parseFleetCost(report);
    expect(view.rows).toEqual([
      {
        namespace: 'kube-system',
        name: 'node-agent',
        nodes: 100,
        perPodRequests: { memory: '256Mi', cpu: '50m' },
        totalRequests: { memory: '25Gi', cpu: '5' },
        totalLimits: { memory: '50Gi' },
        problems: [],
      },
    ]);
    expect(view.shares.map((line) => line.resource)).toEqual(['cpu', 'memory']);
    expect(view.topNodes).toEqual([{ node: 'n1', resource: 'memory', share: 0.5 }]);
    expect(view.nodeCount).toBe(100);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'oops'],
    ['wrong field types', { daemonSets: 'x', total: 3, nodes: { count: 'many', summary: [], top: {} } }],
  ])('yields an empty view for %s', (_name, body) => {
    expect(parseFleetCost(body)).toEqual({
      rows: [],
      totalRequests: {},
      totalLimits: {},
      nodeCount: 0,
      shares: [],
      topNodes: [],
    });
  });

  it('skips malformed entries and values but keeps the rest', () => {
    const view = parseFleetCost({
      daemonSets: [
        { name: 'ok', desiredNumberScheduled: -3, perPod: { requests: { cpu: 5, memory: '1Gi' } } },
        { namespace: 'x' },
        7,
      ],
      nodes: {
        summary: { cpu: { max: 'high', median: 0 }, memory: { max: 0.2, median: 0.1 } },
        top: [
          { node: 'a', share: { cpu: NaN } },
          { node: 'b', share: { memory: 0.3 } },
        ],
      },
    });
    expect(view.rows).toMatchObject([
      { name: 'ok', namespace: '', nodes: 0, perPodRequests: { memory: '1Gi' } },
    ]);
    expect(view.shares).toEqual([{ resource: 'memory', max: 0.2, median: 0.1 }]);
    expect(view.topNodes).toEqual([{ node: 'b', resource: 'memory', share: 0.3 }]);
  });
});

describe('formatting', () => {
  it.each<[Record<string, string>, string]>([
    [{ memory: '25Gi', cpu: '5' }, 'cpu 5, memory 25Gi'],
    [
      { 'nvidia.com/gpu': '2', memory: '1Gi', 'ephemeral-storage': '10Gi' },
      'memory 1Gi, ephemeral-storage 10Gi, nvidia.com/gpu 2',
    ],
    [{}, '—'],
  ])('formatAmounts(%j) is %s', (amounts, text) => {
    expect(formatAmounts(amounts)).toBe(text);
  });

  it.each<[number, string]>([
    [0, '0%'],
    [0.004, '<1%'],
    [0.125, '13%'],
    [1.5, '150%'],
  ])('formatShare(%d) is %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it('orders cpu and memory first, then the rest by name, without duplicates', () => {
    expect(orderResources(['pods', 'memory', 'cpu', 'hugepages-2Mi', 'memory'])).toEqual([
      'cpu',
      'memory',
      'hugepages-2Mi',
      'pods',
    ]);
  });

  it('summarises shares per resource', () => {
    expect(formatShares(parseFleetCost(report).shares)).toBe(
      'cpu: max <1%, median 0%; memory: max 50%, median 13%',
    );
  });
});
