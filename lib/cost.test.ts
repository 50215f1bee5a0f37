import { describe, expect, it } from 'vitest';
import type { Container, DaemonSet, PodSpec } from './k8s-types';
import { daemonSetCost, fleetCost, nodeShare, podTemplateResources, sumAmounts } from './cost';

/** A container with requests and limits. */
function container(requests?: Record<string, string | number>, limits?: Record<string, string | number>, extra: Partial<Container> = {}): Container {
  return { name: 'c', resources: { requests, limits }, ...extra };
}

function daemonSet(spec: PodSpec, name = 'agent'): DaemonSet {
  return { metadata: { name, namespace: 'kube-system' }, spec: { template: { spec } } };
}

describe('podTemplateResources', () => {
  it.each([
    {
      name: 'containers are summed',
      spec: { containers: [container({ cpu: '100m', memory: '64Mi' }), container({ cpu: '150m', memory: '64Mi' })] },
      requests: { cpu: '250m', memory: '128Mi' },
    },
    {
      name: 'a limit stands in for a missing request',
      spec: { containers: [container(undefined, { cpu: '1', memory: '1Gi' }), container({ cpu: '500m' }, { cpu: '2' })] },
      requests: { cpu: '1500m', memory: '1Gi' },
    },
    {
      name: 'an init container larger than the sum sets the floor',
      spec: { containers: [container({ cpu: '100m' })], initContainers: [container({ cpu: '1', memory: '10Mi' })] },
      requests: { cpu: '1', memory: '10Mi' },
    },
    {
      name: 'a smaller init container changes nothing',
      spec: { containers: [container({ cpu: '500m' })], initContainers: [container({ cpu: '200m' })] },
      requests: { cpu: '500m' },
    },
    {
      name: 'sidecars add to the containers and to later init containers',
      spec: {
        containers: [container({ cpu: '100m' })],
        initContainers: [container({ cpu: '300m' }, undefined, { restartPolicy: 'Always' }), container({ cpu: '500m' })],
      },
      requests: { cpu: '800m' },
    },
    {
      name: 'pod overhead is added',
      spec: { containers: [container({ cpu: '100m' })], overhead: { cpu: '10m', memory: '5Mi' } },
      requests: { cpu: '110m', memory: '5Mi' },
    },
    {
      name: 'pod-level cpu/memory requests override the containers',
      spec: { containers: [container({ cpu: '100m', 'ephemeral-storage': '1Gi' })], resources: { requests: { cpu: '2' } } },
      requests: { cpu: '2', 'ephemeral-storage': '1Gi' },
    },
    { name: 'no containers cost nothing', spec: {}, requests: {} },
  ])('$name', ({ spec, requests }) => {
    expect(podTemplateResources({ spec }).requests).toEqual(requests);
  });

  it('limits: sum, init max, overhead only where a limit exists', () => {
    const spec: PodSpec = {
      containers: [container(undefined, { cpu: '1', memory: '256Mi' }), container(undefined, { cpu: '1' })],
      initContainers: [container(undefined, { memory: '1Gi' })],
      overhead: { cpu: '100m', 'example.com/gpu': '1' },
    };
    expect(podTemplateResources({ spec }).limits).toEqual({ cpu: '2100m', memory: '1Gi' });
  });

  it('reports malformed quantities by field and ignores them', () => {
    const result = podTemplateResources({ spec: { containers: [container({ cpu: 'lots', memory: '1Gi' })] } });
    expect(result.requests).toEqual({ memory: '1Gi' });
    expect(result.problems).toEqual([
      "spec.template.spec.containers[0].resources.requests[cpu]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });
});

describe('daemonSetCost and fleetCost', () => {
  const fluentBit = daemonSet({ containers: [container({ cpu: '100m', memory: '256Mi' }, { memory: '512Mi' })] }, 'fluent-bit');
  const exporter = daemonSet({ containers: [container({ cpu: 0.1, memory: '64Mi' })] }, 'node-exporter');

  it('multiplies per-pod amounts by desired nodes exactly', () => {
    expect(daemonSetCost(fluentBit, 100)).toEqual({
      namespace: 'kube-system',
      name: 'fluent-bit',
      desiredNumberScheduled: 100,
      perPod: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      total: { requests: { cpu: '10', memory: '25Gi' }, limits: { memory: '50Gi' } },
      problems: [],
    });
  });

  it('treats a nonsense node count as zero', () => {
    expect(daemonSetCost(fluentBit, -3).total.requests).toEqual({ cpu: '0', memory: '0' });
    expect(daemonSetCost(fluentBit, Number.NaN).desiredNumberScheduled).toBe(0);
  });

  it('sums the fleet without float drift', () => {
    const fleet = fleetCost([
      { daemonSet: fluentBit, desiredNumberScheduled: 3 },
      { daemonSet: exporter, desiredNumberScheduled: 3 },
    ]);
    expect(fleet.daemonSets.map((cost) => cost.name)).toEqual(['fluent-bit', 'node-exporter']);
    expect(fleet.total).toEqual({ requests: { cpu: '600m', memory: '960Mi' }, limits: { memory: '1536Mi' } });
  });
});

describe('nodeShare', () => {
  it('is the daemons’ requests over the node allocatable, per resource', () => {
    const share = nodeShare([{ cpu: '250m', memory: '512Mi' }, { cpu: '250m' }], { cpu: '2', memory: '4Gi', pods: '110' });
    expect(share).toEqual({ cpu: 0.25, memory: 0.125, pods: 0 });
  });

  it('leaves out zero and unreadable allocatable', () => {
    expect(nodeShare([{ cpu: '1' }], { cpu: '0', memory: 'junk' })).toEqual({});
  });

  it('sumAmounts adds canonical strings', () => {
    expect(sumAmounts([{ memory: '512Mi' }, { memory: '512Mi', cpu: '1' }])).toEqual({ cpu: '1', memory: '1Gi' });
  });
});
