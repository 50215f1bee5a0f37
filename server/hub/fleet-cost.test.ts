import { afterEach, describe, expect, it } from 'vitest';
import { makeDaemonPod, makeDaemonSet, makeNode } from '@/lib/fleet-model/builders';
import type { DaemonSet, Node } from '@/lib/k8s-types';
import { ClusterHub } from './cluster-hub';
import { fleetCostReport } from './fleet-cost';

const NOW = Date.UTC(2026, 5, 1, 12);
const hubs: ClusterHub[] = [];

afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

function withRequests(ds: DaemonSet, requests: Record<string, string>, limits: Record<string, string> = {}): DaemonSet {
  const containers = (ds.spec?.template?.spec?.containers ?? []).map((c) => ({ ...c, resources: { requests, limits } }));
  return { ...ds, spec: { ...ds.spec, template: { ...ds.spec?.template, spec: { ...ds.spec?.template?.spec, containers } } } } as DaemonSet;
}

function nodeWith(name: string, allocatable: Record<string, string>): Node {
  const node = makeNode(name);
  return { ...node, status: { ...node.status, allocatable } };
}

function hubWith(nodes: Node[], daemonSets: DaemonSet[], podsOn: (ds: DaemonSet) => string[] = () => nodes.map((n) => n.metadata?.name ?? '')): ClusterHub {
  const hub = new ClusterHub({ cluster: 't', now: () => NOW, progressDeadlineSeconds: 600, batchMs: 5 });
  hubs.push(hub);
  for (const node of nodes) hub.ingest({ kind: 'node', type: 'ADDED', object: node });
  for (const ds of daemonSets) {
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    for (const node of podsOn(ds)) hub.ingest({ kind: 'pod', type: 'ADDED', object: makeDaemonPod(ds, node) });
  }
  return hub;
}

describe('fleetCostReport', () => {
  it('a 256Mi request on 100 desired nodes is 25Gi, per DaemonSet and in the fleet total', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => nodeWith(`n${i}`, { cpu: '4', memory: '16Gi' }));
    const agent = withRequests(makeDaemonSet('agent'), { memory: '256Mi', cpu: '100m' }, { memory: '512Mi' });
    const logs = withRequests(makeDaemonSet('logs', { uid: 'ds-logs' }), { memory: '1Gi' });
    const report = fleetCostReport(hubWith(nodes, [logs, agent]));
    expect(report.daemonSets.map((ds) => [ds.name, ds.desiredNumberScheduled, ds.total.requests])).toEqual([
      ['agent', 100, { cpu: '10', memory: '25Gi' }],
      ['logs', 100, { memory: '100Gi' }],
    ]);
    expect(report.daemonSets[0]?.total.limits).toEqual({ memory: '50Gi' });
    expect(report.total.requests).toEqual({ cpu: '10', memory: '125Gi' });
  });

  it('node shares: daemon pods bound to each node over its allocatable, with max, median and the top nodes', () => {
    const nodes = [nodeWith('big', { memory: '8Gi' }), nodeWith('mid', { memory: '4Gi' }), nodeWith('small', { memory: '1Gi' })];
    const agent = withRequests(makeDaemonSet('agent'), { memory: '512Mi' });
    const report = fleetCostReport(hubWith(nodes, [agent]));
    expect(report.nodes.count).toBe(3);
    expect(report.nodes.summary.memory).toEqual({ max: 0.5, median: 0.125 });
    expect(report.nodes.top.map((entry) => [entry.node, entry.share.memory])).toEqual([
      ['small', 0.5],
      ['mid', 0.125],
      ['big', 0.0625],
    ]);
  });

  it('counts only nodes that have a daemon pod, and a node without allocatable yields no share', () => {
    const nodes = [nodeWith('a', { memory: '1Gi' }), nodeWith('b', { memory: '1Gi' }), makeNode('bare')];
    const agent = withRequests(makeDaemonSet('agent'), { memory: '256Mi' });
    const report = fleetCostReport(hubWith(nodes, [agent], () => ['a']));
    expect(Object.fromEntries(report.nodes.top.map((entry) => [entry.node, entry.share]))).toEqual({ a: { memory: 0.25 }, b: { memory: 0 }, bare: {} });
    expect(report.nodes.summary.memory).toEqual({ max: 0.25, median: 0.125 });
  });
});
