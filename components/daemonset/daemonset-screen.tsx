'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ActionBar, type OpenAction } from '../actions/action-bar';
import { UpdateNodeButton, UpdateNodeReason, useUpdateNodeAccess } from '../actions/update-node-button';
import { ApiError } from '../data/fetch-json';
import { daemonSetDetailQuery, sessionQuery } from '../data/queries';
import { useFleetStream } from '../data/use-fleet-stream';
import { useViewQuery } from '../filters/use-view-query';
import { TextFilter } from '../filters/text-filter';
import { Legend } from '../grid/legend';
import { CELL_CODES } from '@/lib/cell-state';
import { nodePath } from '../links';
import { LoadProgress } from '../load-progress';
import { PageHeader } from '../page-header';
import { WhyPanel } from '../why/why-panel';
import { columnRows, findColumn } from './column-rows';
import { DetailSections } from './detail-sections';
import { parseDaemonSetDetail } from './daemonset-detail';
import { NodeList } from './node-list';
import { RolloutChart } from './rollout-chart';
import { RolloutVerdict } from './rollout-verdict';
import { SpecSummary } from './spec-summary';
import { WhatIfPanel } from '../whatif/what-if-panel';

/** `/c/{cluster}/daemonsets/{ns}/{name}`: one DaemonSet's coverage, why, rollout, history and actions. */
export function DaemonSetScreen({
  cluster,
  namespace,
  name,
}: {
  cluster: string;
  namespace: string;
  name: string;
}) {
  const key = `${namespace}/${name}`;
  const stream = useFleetStream(cluster, key);
  const [query, setQuery] = useViewQuery();
  const [open, setOpen] = useState<OpenAction | undefined>();
  const detailQuery = useQuery(daemonSetDetailQuery(cluster, namespace, name));
  const session = useQuery(sessionQuery());
  const updateNode = useUpdateNodeAccess(cluster, namespace, name);
  const updateNodeReasonId = useId();
  const detail = detailQuery.data === undefined ? undefined : parseDaemonSetDetail(detailQuery.data);
  const column = stream.snapshot ? findColumn(stream.snapshot, key) : undefined;
  const isGone =
    (stream.snapshot !== undefined && column === undefined) ||
    (detailQuery.error instanceof ApiError && detailQuery.error.status === 404);
  const rows =
    stream.snapshot && column
      ? columnRows(stream.snapshot, column, {
          node: query.node,
          states: query.states,
          showNotEligible: query.states.length > 0,
        })
      : [];
  const totals = CELL_CODES.map((code) => (column ? [...column.cells].filter((c) => c === code).length : 0));
  const samples = stream.rollout?.samples ?? [];
  const codeOf = (node: string) =>
    stream.snapshot && column ? column.cells[stream.snapshot.rows.indexOf(node)] : undefined;
  // Under OnDelete a node is updated by hand: deleting its old pod (state Updating, code U).
  const isUpdatedByHand = column?.updateStrategy.type === 'OnDelete';
  const hasOldPods = column !== undefined && [...column.cells].includes('U');

  return (
    <main className="flex flex-col gap-4 p-4">
      <PageHeader cluster={cluster} stream={stream} />
      <h1 className="text-xl font-semibold break-all">DaemonSet {key}</h1>
      <LoadProgress status={stream.status} hasSnapshot={stream.snapshot !== undefined} />
      {isGone ? (
        <p role="alert" className="rounded border border-[#D55E00] p-2 text-sm">
          DaemonSet {key} does not exist in cluster {cluster} (it may have been deleted while this page was
          open).
        </p>
      ) : null}
      {column ? (
        <>
          <ActionBar cluster={cluster} summary={column} open={open} onOpen={setOpen} />
          <section aria-label="Spec and status" className="flex flex-col gap-2">
            <SpecSummary summary={column} detail={detail} />
            <RolloutVerdict progress={stream.rollout?.progress} latest={samples[samples.length - 1]} />
          </section>
          <section aria-label="Rollout" className="flex flex-col gap-2">
            <h2 className="font-semibold">Rollout</h2>
            <RolloutChart feed={stream.rollout} />
          </section>
          <section aria-label="Nodes" className="flex flex-col gap-2">
            <h2 className="font-semibold">Nodes</h2>
            <div className="flex flex-wrap items-end gap-3">
              <TextFilter
                label="Node"
                value={query.node}
                placeholder="name contains"
                onChange={(node) => setQuery({ node })}
              />
              <Legend
                totals={totals}
                selected={query.states}
                onToggle={(slug) =>
                  setQuery({
                    states: query.states.includes(slug)
                      ? query.states.filter((s) => s !== slug)
                      : [...query.states, slug],
                  })
                }
              />
            </div>
            {isUpdatedByHand && hasOldPods ? (
              <UpdateNodeReason id={updateNodeReasonId} access={updateNode} />
            ) : null}
            <div className="flex flex-col gap-3 xl:flex-row">
              <div className="min-w-0 flex-1">
                <NodeList
                  rows={rows}
                  daemonSet={key}
                  nodeHref={(node) => nodePath(cluster, node)}
                  onWhy={(node) => setQuery({ cell: { node, daemonSet: key } })}
                  actions={(row) =>
                    isUpdatedByHand && row.code === 'U' && updateNode.isShown ? (
                      <UpdateNodeButton
                        cluster={cluster}
                        namespace={namespace}
                        name={name}
                        node={row.node}
                        state={updateNode.state}
                        reasonId={updateNodeReasonId}
                        isStillOld={() => codeOf(row.node) === 'U'}
                      />
                    ) : null
                  }
                />
              </div>
              {query.cell && stream.snapshot ? (
                <WhyPanel
                  cluster={cluster}
                  cell={query.cell}
                  snapshot={stream.snapshot}
                  onClose={() => setQuery({ cell: undefined })}
                />
              ) : null}
            </div>
          </section>
          {detail ? (
            <WhatIfPanel
              key={JSON.stringify([
                detail.spec.nodeSelector,
                detail.spec.tolerations,
                detail.spec.requiredNodeAffinity,
              ])}
              cluster={cluster}
              spec={detail.spec}
            />
          ) : null}
          {detail ? (
            <DetailSections
              detail={detail}
              daemonSet={key}
              canAct={session.data?.readOnly === false}
              onRollback={setOpen}
              nodeHref={(node) => nodePath(cluster, node)}
            />
          ) : null}
        </>
      ) : null}
      {detailQuery.isError && !isGone ? (
        <p role="alert">Could not load the DaemonSet’s details: {detailQuery.error.message}</p>
      ) : null}
    </main>
  );
}
