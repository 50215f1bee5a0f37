'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fleetCostQuery } from '../data/queries';
import { formatAmounts, formatShare, formatShares, parseFleetCost, type CostView } from './fleet-cost';

/** Per DaemonSet: requests per pod × desired nodes, and the fleet total; then how much of each node daemons take. */
export function CostTable({ cluster }: { cluster: string }) {
  const cost = useQuery(fleetCostQuery(cluster));
  const view = useMemo(() => parseFleetCost(cost.data), [cost.data]);
  if (cost.isError) return <p className="text-xs">Could not load the fleet cost: {cost.error.message}</p>;
  return <CostTableView view={view} />;
}

/** The cost table for an already parsed answer (nothing when no DaemonSet is costed). */
export function CostTableView({ view }: { view: CostView }) {
  if (view.rows.length === 0) return null;
  return (
    <div className="flex flex-col gap-1">
      <table className="w-full text-left text-xs tabular-nums">
        <caption className="py-1 text-left text-sm font-semibold">Fleet cost (requests × nodes)</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col">DaemonSet</th>
            <th scope="col" className="px-2">
              Requests per pod
            </th>
            <th scope="col" className="px-2 text-right">
              Nodes
            </th>
            <th scope="col" className="px-2">
              Requests total
            </th>
            <th scope="col" className="px-2">
              Limits total
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => {
            const key = `${row.namespace}/${row.name}`;
            return (
              <tr key={key} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className="max-w-64 truncate font-normal" title={key}>
                  {key}
                  {row.problems.length > 0 ? (
                    <span title={row.problems.join('\n')} className="text-[#B34700] dark:text-[#E69F00]">
                      {' '}
                      ⚠
                    </span>
                  ) : null}
                </th>
                <td className="px-2">{formatAmounts(row.perPodRequests)}</td>
                <td className="px-2 text-right">× {row.nodes}</td>
                <td className="px-2">{formatAmounts(row.totalRequests)}</td>
                <td className="px-2">{formatAmounts(row.totalLimits)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row">Fleet total</th>
            <td className="px-2" />
            <td className="px-2" />
            <td className="px-2">{formatAmounts(view.totalRequests)}</td>
            <td className="px-2">{formatAmounts(view.totalLimits)}</td>
          </tr>
        </tfoot>
      </table>
      {view.shares.length > 0 ? (
        <p className="text-xs">
          Daemons’ share of node allocatable across {view.nodeCount} nodes — {formatShares(view.shares)}
          {view.topNodes.length > 0
            ? `. Highest: ${view.topNodes.map((top) => `${top.node} (${top.resource} ${formatShare(top.share)})`).join(', ')}`
            : ''}
        </p>
      ) : null}
    </div>
  );
}
