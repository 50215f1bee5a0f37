import { describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/k8s-types';
import { planManage, type ManageContext, type ManageNode } from './daemon-manage';

const NOW = Date.parse('2026-01-01T00:10:00Z');

/** A bound daemon pod: `new` or `old` revision, created at minute `age` before NOW's hour. */
function pod(name: string, options: { rev?: 'new' | 'old'; ready?: boolean; phase?: string; terminating?: boolean; minute?: number } = {}): Pod {
  const { rev = 'new', ready = true, phase = 'Running', terminating = false, minute = 0 } = options;
  return {
    metadata: {
      name,
      creationTimestamp: `2026-01-01T00:0${minute}:00Z`,
      labels: { rev },
      ...(terminating ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}),
    },
    spec: { nodeName: 'n' },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
  };
}

const node = (pods: Pod[], verdict: Partial<Pick<ManageNode, 'shouldRun' | 'shouldContinueRunning'>> = {}): ManageNode => ({
  name: 'n',
  shouldRun: verdict.shouldRun ?? true,
  shouldContinueRunning: verdict.shouldContinueRunning ?? true,
  pods,
});

const context = (overrides: Partial<ManageContext> = {}): ManageContext => ({
  allowsSurge: false,
  isUpdated: (p) => p.metadata?.labels?.rev === 'new',
  minReadySeconds: 0,
  now: NOW,
  mayDeleteFailed: () => true,
  ...overrides,
});

describe('planManage (upstream manage / podsShouldBeOnNode)', () => {
  it.each<{ name: string; node: ManageNode; ctx?: Partial<ManageContext>; create: string[]; remove: string[] }>([
    { name: 'eligible node without pods gets one', node: node([]), create: ['n'], remove: [] },
    { name: 'ineligible node without pods gets none', node: node([], { shouldRun: false, shouldContinueRunning: false }), create: [], remove: [] },
    { name: 'a terminating pod blocks recreation without surge', node: node([pod('a', { terminating: true })]), create: [], remove: [] },
    { name: 'duplicates: the oldest stays', node: node([pod('young', { minute: 5 }), pod('old', { minute: 1 })]), create: [], remove: ['young'] },
    { name: 'NoExecute-style verdict deletes every live pod', node: node([pod('a'), pod('b', { terminating: true })], { shouldRun: false, shouldContinueRunning: false }), create: [], remove: ['a'] },
    { name: 'NoSchedule-style verdict keeps the pod', node: node([pod('a')], { shouldRun: false }), create: [], remove: [] },
    { name: 'a Failed pod is deleted', node: node([pod('a', { phase: 'Failed' })]), create: [], remove: ['a'] },
    { name: 'a Failed pod waits for its back-off', node: node([pod('a', { phase: 'Failed' })]), ctx: { mayDeleteFailed: () => false }, create: [], remove: [] },
    { name: 'a Succeeded pod is deleted', node: node([pod('a', { phase: 'Succeeded' })]), create: [], remove: ['a'] },
    { name: 'surge: the only pod terminating → create at once', node: node([pod('a', { terminating: true })]), ctx: { allowsSurge: true }, create: ['n'], remove: [] },
    { name: 'surge: new available → old goes', node: node([pod('old', { rev: 'old' }), pod('new', { minute: 5 })]), ctx: { allowsSurge: true }, create: [], remove: ['old'] },
    { name: 'surge: old not ready → old goes', node: node([pod('old', { rev: 'old', ready: false }), pod('new', { minute: 5, ready: false })]), ctx: { allowsSurge: true }, create: [], remove: ['old'] },
    { name: 'surge: new not yet available → both stay', node: node([pod('old', { rev: 'old' }), pod('new', { minute: 5, ready: false })]), ctx: { allowsSurge: true }, create: [], remove: [] },
    {
      name: 'surge: extra pods of either revision go, the oldest of each stays',
      node: node([pod('old1', { rev: 'old', minute: 1 }), pod('old2', { rev: 'old', minute: 2 }), pod('new1', { minute: 3, ready: false }), pod('new2', { minute: 4 })]),
      ctx: { allowsSurge: true },
      create: [],
      remove: ['new2', 'old2'],
    },
  ])('$name', ({ node: n, ctx, create, remove }) => {
    const plan = planManage([n], context(ctx));
    expect(plan.createOn).toEqual(create);
    expect(plan.delete.map((p) => p.metadata?.name).sort()).toEqual([...remove].sort());
  });

  it('reports a pending back-off so the DaemonSet is synced again', () => {
    expect(planManage([node([pod('a', { phase: 'Failed' })])], context({ mayDeleteFailed: () => false })).backoffPending).toBe(true);
  });
});
