import * as k8s from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimStore } from '../store';
import { type ApiServer } from './server';
import { makeDaemonSet, makeNode, startTestServer } from './test-builders';

let store: SimStore;
let server: ApiServer;
let kc: k8s.KubeConfig;

beforeEach(async () => {
  ({ store, server } = await startTestServer());
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'u' }],
    currentContext: 'sim',
  });
});
afterEach(async () => {
  await server.close();
});

/** Resolves when `check` passes, polling every 10 ms (for events that arrive over the watch). */
async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('@kubernetes/client-node against the simulated API server', () => {
  it('lists, reads, patches and gets 404/409 as ApiExceptions', async () => {
    store.create('nodes', makeNode('n1'));
    store.create('daemonsets', makeDaemonSet('agent'));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    expect((await core.listNode()).items.map((node) => node.metadata?.name)).toEqual(['n1']);
    const ds = await apps.readNamespacedDaemonSet({ name: 'agent', namespace: 'kube-system' });
    expect(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable).toBe(1);
    const patched = await apps.patchNamespacedDaemonSet(
      { name: 'agent', namespace: 'kube-system', body: { spec: { template: { spec: { containers: [{ name: 'main', image: 'agent:2' }] } } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect([patched.metadata?.generation, patched.spec?.template.spec?.containers[0]?.image]).toEqual([2, 'agent:2']);
    await expect(apps.readNamespacedDaemonSet({ name: 'nope', namespace: 'kube-system' })).rejects.toMatchObject({ code: 404 });
    const stale = { ...ds, metadata: { ...ds.metadata, labels: { x: 'y' } } };
    await expect(apps.replaceNamespacedDaemonSet({ name: 'agent', namespace: 'kube-system', body: stale })).rejects.toMatchObject({ code: 409 });
  });

  it('drives an informer: initial list, live add/update/delete, and a relist after 410', async () => {
    store.create('nodes', makeNode('n1'));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/nodes', () => core.listNode());
    const log: string[] = [];
    informer.on('add', (node) => log.push(`add ${node.metadata?.name ?? ''}`));
    informer.on('update', (node) => log.push(`update ${node.metadata?.name ?? ''}`));
    informer.on('delete', (node) => log.push(`delete ${node.metadata?.name ?? ''}`));
    informer.on('error', () => log.push('error'));
    await informer.start();
    try {
      await eventually(() => expect(log).toEqual(['add n1']));
      store.create('nodes', makeNode('n2'));
      store.update('nodes', makeNode('n1', { labels: { zone: 'a' } }));
      store.delete('nodes', undefined, 'n2');
      await eventually(() => expect(log).toEqual(['add n1', 'add n2', 'update n1', 'delete n2']));

      // Expire the open watch: the informer relists; an object deleted meanwhile is reported deleted.
      log.length = 0;
      server.faults.compact({ expireOpenWatches: true });
      store.create('nodes', makeNode('n3'));
      await eventually(() => expect(informer.list().map((node) => node.metadata?.name).sort()).toEqual(['n1', 'n3']));
      expect(log).not.toContain('error');
    } finally {
      await informer.stop();
    }
  });
});
