'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { isCellCode } from '@/lib/cell-state';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import { nodeDetailQuery } from '../data/queries';
import type { CellRef } from '../filters/url-state';
import { stateName } from '../grid/cell-style';
import { daemonSetPath, nodePath } from '../links';
import { automaticTolerations } from './automatic-tolerations';
import { parseNodeDetail, type NodeDetailView, type VerdictView } from './node-detail';
import { ReasonList } from './reason-list';
import { STATE_WORDS } from './state-words';

/** "taint X — tolerated by the default toleration Y": the server's list when it sends one, else worked out here. */
function automaticLines(
  taints: NodeDetailView['taints'],
  verdict: VerdictView | undefined,
): { taint: string; toleration: string }[] {
  if (verdict?.automaticTolerations) {
    return verdict.automaticTolerations.flatMap((applied) =>
      applied.toleratesHere.map((taint) => ({ taint, toleration: applied.toleration })),
    );
  }
  return automaticTolerations(taints, verdict?.hostNetwork ?? false).map((a) => ({
    taint: a.taint,
    toleration: `${a.toleration.key ?? ''} (${a.toleration.operator ?? ''}, ${a.toleration.effect ?? ''})`,
  }));
}

/** The code of a cell by names, from the live snapshot. */
function codeOf(snapshot: FleetSnapshot, cell: CellRef): string | undefined {
  const row = snapshot.rows.indexOf(cell.node);
  const column = snapshot.columns.find((c) => c !== null && `${c.namespace}/${c.name}` === cell.daemonSet);
  return row < 0 || !column ? undefined : column.cells[row];
}

/** The explanation of one cell (`role="region"`, `aria-label="Why"`): state, reasons, fixes, automatic tolerations. */
export function WhyPanel({
  cluster,
  cell,
  snapshot,
  onClose,
}: {
  cluster: string;
  cell: CellRef;
  snapshot: FleetSnapshot;
  onClose: () => void;
}) {
  const detail = useQuery(nodeDetailQuery(cluster, cell.node));
  const code = codeOf(snapshot, cell);
  const parsed = detail.data === undefined ? undefined : parseNodeDetail(detail.data, cell.node);
  const verdict = parsed?.verdicts.find((v) => v.daemonSet === cell.daemonSet);
  const automatic = automaticLines(parsed?.taints ?? [], verdict);
  const [namespace = '', name = ''] = cell.daemonSet.split('/');
  return (
    <section
      role="region"
      aria-label="Why"
      className="flex w-full shrink-0 flex-col gap-2 rounded border border-slate-200 p-3 text-sm xl:w-[26rem] dark:border-slate-800"
    >
      <header className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">
          <Link href={nodePath(cluster, cell.node)} className="hover:underline">
            {cell.node}
          </Link>{' '}
          ×{' '}
          <Link href={daemonSetPath(cluster, namespace, name)} className="hover:underline">
            {cell.daemonSet}
          </Link>
          : {code === undefined ? 'not in the grid' : stateName(code)}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close explanation"
          className="px-1 text-lg leading-none"
        >
          ×
        </button>
      </header>
      {code === undefined ? <p>This node or DaemonSet is no longer in the cluster.</p> : null}
      {code !== undefined && isCellCode(code) ? <p>{STATE_WORDS[code]}</p> : null}
      {verdict?.failure ? <p>Failure: {verdict.failure}</p> : null}
      {detail.isPending ? <p className="text-slate-500">Loading the node’s verdicts…</p> : null}
      {detail.isError ? (
        <p className="text-[#B34700] dark:text-[#E69F00]">
          Could not load the explanation: {detail.error.message}
        </p>
      ) : null}
      {verdict ? (
        <ReasonList reasons={verdict.reasons} shouldContinueRunning={verdict.shouldContinueRunning} />
      ) : null}
      {automatic.length > 0 ? (
        <div>
          <h3 className="font-medium">Tolerated automatically</h3>
          <ul className="list-disc pl-5">
            {automatic.map((a) => (
              <li key={`${a.taint} ${a.toleration}`}>
                taint <code>{a.taint}</code> — tolerated by <code>{a.toleration}</code>, which the DaemonSet
                controller adds to every daemon pod
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
