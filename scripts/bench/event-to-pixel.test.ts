import { describe, expect, it } from 'vitest';
import { makeDaemonSet } from '../../lib/fleet-model/builders';
import { parseCellLabel, pickProbeCell, toleratesEverything } from './event-to-pixel';

describe('parseCellLabel', () => {
  it.each([
    ['node-00001 kube-system/cni-03: Ready', { node: 'node-00001', namespace: 'kube-system', daemonSet: 'cni-03', state: 'Ready' }],
    ['n1 monitoring/agent: Not eligible', { node: 'n1', namespace: 'monitoring', daemonSet: 'agent', state: 'Not eligible' }],
  ])('%s', (label, expected) => {
    expect(parseCellLabel(label)).toEqual(expected);
  });

  it.each(['', 'node-1: Ready', 'node-1 agent: Ready', 'node-1 ns/ds Ready'])('rejects %j', (label) => {
    expect(parseCellLabel(label)).toBeUndefined();
  });
});

describe('pickProbeCell', () => {
  const everywhere = makeDaemonSet('log-shipper', { tolerations: [{ operator: 'Exists' }] });
  const gpu = makeDaemonSet('gpu-plugin', { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] });
  const plain = makeDaemonSet('node-exporter');
  const labels = [
    'n1 kube-system/log-shipper: Ready',
    'n1 kube-system/gpu-plugin: Missing',
    'n1 kube-system/node-exporter: Ready',
    'n2 kube-system/gpu-plugin: Ready',
  ];

  it('knows which DaemonSets tolerate every taint', () => {
    expect([everywhere, gpu, plain].map(toleratesEverything)).toEqual([true, false, false]);
  });

  it.each([
    ['skips wildcard tolerations and non-Ready cells', new Set<string>(), undefined, 'n1 node-exporter'],
    ['skips nodes already probed', new Set(['n1']), undefined, 'n2 gpu-plugin'],
    ['skips the DaemonSet being rolled', new Set<string>(), 'kube-system/node-exporter', 'n2 gpu-plugin'],
    ['nothing left', new Set(['n1', 'n2']), undefined, undefined],
  ])('%s', (_name, exclude, skip, expected) => {
    const cell = pickProbeCell(labels, [everywhere, gpu, plain], exclude, skip);
    expect(cell ? `${cell.node} ${cell.daemonSet}` : undefined).toBe(expected);
  });
});
