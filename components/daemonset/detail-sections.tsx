import Link from 'next/link';
import type { OpenAction } from '../actions/action-bar';
import type { DaemonSetDetailView } from './daemonset-detail';
import { RevisionHistory } from './revision-history';

/** Blocking nodes, pods that do not run, revision history and recent events, from the detail endpoint. */
export function DetailSections(props: {
  detail: DaemonSetDetailView;
  daemonSet: string;
  canAct: boolean;
  onRollback: (open: OpenAction) => void;
  nodeHref: (node: string) => string;
}) {
  const { detail } = props;
  return (
    <>
      <section aria-label="Blocking nodes" className="flex flex-col gap-1 text-sm">
        <h2 className="font-semibold">Blocking nodes</h2>
        {detail.blockingNodes.length === 0 ? (
          <p className="text-slate-500">None: no node holds the rollout back.</p>
        ) : null}
        <ul className="flex flex-col gap-1">
          {detail.blockingNodes.map((blocking) => (
            <li key={`${blocking.node}/${blocking.pod}`} className="break-all">
              <Link href={props.nodeHref(blocking.node)} className="font-medium hover:underline">
                {blocking.node}
              </Link>{' '}
              ({blocking.pod}): {blocking.cause}
            </li>
          ))}
        </ul>
        {detail.podsNotRunning.length > 0 ? (
          <details>
            <summary className="cursor-pointer">{detail.podsNotRunning.length} pods not running</summary>
            <ul className="flex flex-col gap-0.5 text-xs">
              {detail.podsNotRunning.map((pod) => (
                <li key={pod.pod} className="break-all">
                  {pod.pod}
                  {pod.node ? ` on ${pod.node}` : ''}: {pod.phase}, {pod.reason} — {pod.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <section aria-label="History" className="flex flex-col gap-2">
        <h2 className="font-semibold">Revision history</h2>
        <RevisionHistory
          revisions={detail.revisions}
          daemonSet={props.daemonSet}
          canAct={props.canAct}
          onRollback={props.onRollback}
        />
      </section>
      <section aria-label="Events" className="flex flex-col gap-1 text-sm">
        <h2 className="font-semibold">Recent events</h2>
        {detail.events.length === 0 ? <p className="text-slate-500">No recent events.</p> : null}
        <ul className="flex max-h-64 flex-col gap-0.5 overflow-auto text-xs">
          {detail.events.map((event, i) => (
            <li
              key={`${event.metadata?.uid ?? i}`}
              className={event.type === 'Warning' ? 'text-[#B34700] dark:text-[#E69F00]' : ''}
            >
              {event.lastTimestamp ?? event.eventTime ?? ''} {event.type} {event.reason}{' '}
              {event.involvedObject?.kind}/{event.involvedObject?.name}: {event.message}
              {event.count && event.count > 1 ? ` (×${event.count})` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
