'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ApiError } from '../data/fetch-json';
import { nodeDetailQuery } from '../data/queries';
import { PageHeader } from '../page-header';
import { daemonSetPath } from '../links';
import { parseNodeDetail } from '../why/node-detail';
import { ReasonList } from '../why/reason-list';
import { NodeFacts } from './node-facts';

/** `/c/{cluster}/nodes/{name}`: every DaemonSet's verdict on one node, with reasons; its taints, labels, conditions. */
export function NodeScreen({ cluster, name }: { cluster: string; name: string }) {
  const detail = useQuery(nodeDetailQuery(cluster, name));
  const view = detail.data === undefined ? undefined : parseNodeDetail(detail.data, name);
  const isGone = detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <main className="flex flex-col gap-4 p-4">
      <PageHeader cluster={cluster} />
      <h1 className="text-xl font-semibold break-all">Node {name}</h1>
      {detail.isPending ? <p>Loading…</p> : null}
      {isGone ? (
        <p role="alert">
          Node {name} does not exist in cluster {cluster} (it may have been removed).
        </p>
      ) : null}
      {detail.isError && !isGone ? <p role="alert">Could not load the node: {detail.error.message}</p> : null}
      {view ? (
        <>
          <section aria-label="DaemonSets on this node" className="flex flex-col gap-2">
            <h2 className="font-semibold">DaemonSets</h2>
            <ul className="flex flex-col gap-2">
              {view.verdicts.map((verdict) => {
                const [namespace = '', dsName = ''] = verdict.daemonSet.split('/');
                return (
                  <li
                    key={verdict.daemonSet}
                    className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800"
                  >
                    <p className="font-medium break-all">
                      <Link href={daemonSetPath(cluster, namespace, dsName)} className="hover:underline">
                        {verdict.daemonSet}
                      </Link>
                      : {verdict.state ?? (verdict.shouldRun ? 'should run' : 'should not run')}
                    </p>
                    {verdict.failure ? <p>Failure: {verdict.failure}</p> : null}
                    <ReasonList
                      reasons={verdict.reasons}
                      shouldContinueRunning={verdict.shouldContinueRunning}
                    />
                    {verdict.pods.length > 0 ? (
                      <p className="text-xs text-slate-600 dark:text-slate-400">
                        Pods:{' '}
                        {verdict.pods
                          .map(
                            (pod) =>
                              `${pod.name} (${pod.phase}${pod.isReady ? ', ready' : ''}${pod.isUpdated ? ', current revision' : ', older revision'}${pod.isTerminating ? ', terminating' : ''})`,
                          )
                          .join('; ')}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
          <NodeFacts taints={view.taints} labels={view.labels} conditions={view.conditions} />
        </>
      ) : null}
    </main>
  );
}
