'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { podDeleteUrl } from '../data/mutations';
import { nodeDetailQuery } from '../data/queries';
import { parseNodeDetail } from '../why/node-detail';
import { ActionDialog } from './action-dialog';

/**
 * "Update this node" under OnDelete: deletes the node's old daemon pod so the controller recreates it
 * from the current template. The pod's name comes from the node's detail, read when the button is used.
 */
export function UpdateNodeButton(props: {
  cluster: string;
  namespace: string;
  name: string;
  node: string;
  isStillOld: () => boolean;
}) {
  const [isOpen, setOpen] = useState(false);
  const detail = useQuery({
    ...nodeDetailQuery(props.cluster, props.node),
    enabled: isOpen,
    refetchInterval: false,
  });
  const key = `${props.namespace}/${props.name}`;
  const pod = detail.data
    ? parseNodeDetail(detail.data, props.node)
        .verdicts.find((v) => v.daemonSet === key)
        ?.pods.find((p) => !p.isUpdated && !p.isTerminating)
    : undefined;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-700"
        aria-label={`Update this node: ${props.node}`}
      >
        Update this node
      </button>
      {isOpen && detail.isFetched && !pod ? (
        <span role="alert" className="text-xs">
          no old pod on {props.node} any more
        </span>
      ) : null}
      {isOpen && pod ? (
        <ActionDialog
          title={`Update ${props.node}: delete pod ${pod.name} so ${key} recreates it from the current template`}
          url={podDeleteUrl(props.cluster, props.namespace, pod.name)}
          resolveBody={async () => (pod.resourceVersion ? { resourceVersion: pod.resourceVersion } : {})}
          isConfirmed={() => !props.isStillOld()}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
