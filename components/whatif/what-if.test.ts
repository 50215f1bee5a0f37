import { describe, expect, it } from 'vitest';
import type { Node } from '@/lib/k8s-types';
import { parsePlacement, placementOf, placementYaml, whatIf } from './what-if';

const node = (name: string, labels: Record<string, string> = {}, taints: Node['spec'] = {}): Node => ({
  metadata: { name, labels },
  spec: taints,
});
const nodes = [
  node('edge-1', { role: 'edge' }),
  node('edge-2', { role: 'edge' }),
  node('worker-1', { role: 'worker' }),
  node(
    'cp-1',
    { role: 'cp' },
    { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  ),
];

describe('whatIf', () => {
  it.each<[string, string, string, string[], string[]]>([
    ['narrowing the nodeSelector loses nodes', '{}', 'nodeSelector: { role: edge }', [], ['worker-1']],
    [
      'dropping the nodeSelector gains nodes',
      'nodeSelector: { role: edge }',
      'nodeSelector: {}',
      ['worker-1'],
      [],
    ],
    [
      'tolerating the control-plane taint gains cp-1',
      '{}',
      'tolerations: [{ key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule }]',
      ['cp-1'],
      [],
    ],
    [
      'required node affinity',
      '{}',
      'affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [ { matchExpressions: [ { key: role, operator: In, values: [worker] } ] } ] } } }',
      [],
      ['edge-1', 'edge-2'],
    ],
  ])('%s', (_name, before, after, gain, lose) => {
    const current = parsePlacement(before);
    const edited = parsePlacement(after);
    if (!current.ok || !edited.ok) throw new Error('bad test YAML');
    const result = whatIf(nodes, current.placement, edited.placement, false);
    expect(result.gain).toEqual(gain);
    expect(result.lose).toEqual(lose);
    expect(result.unchanged).toBe(nodes.length - gain.length - result.lose.length);
  });
});

describe('parsePlacement', () => {
  it.each([
    ['nodeSelector: [', 'not valid YAML'],
    ['- a', 'expected a mapping'],
    ['nodeName: x', 'unknown field nodeName'],
    ['nodeSelector: { gpu: true }', 'quote numbers and booleans'],
    ['tolerations: x', 'tolerations must be a list'],
    ['affinity: [1]', 'affinity must be a mapping'],
  ])('refuses %j', (text, reason) => {
    const parsed = parsePlacement(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });

  it('reads an empty text as no constraint', () => {
    expect(parsePlacement('')).toEqual({ ok: true, placement: {} });
  });
});

describe('placementOf / placementYaml', () => {
  it('round-trips the detail spec through the editor text', () => {
    const placement = placementOf({
      nodeSelector: { role: 'edge' },
      tolerations: [{ operator: 'Exists' }],
      requiredNodeAffinity: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }],
    });
    const parsed = parsePlacement(placementYaml(placement));
    expect(parsed).toEqual({ ok: true, placement });
  });

  it('starts an unconstrained DaemonSet with empty fields', () => {
    expect(
      placementYaml(placementOf({ nodeSelector: {}, tolerations: [], requiredNodeAffinity: null })),
    ).toBe('nodeSelector: {}\ntolerations: []\n');
  });
});
