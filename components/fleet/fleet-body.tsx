'use client';

import { useMemo, useState } from 'react';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import { FilterBar } from '../filters/filter-bar';
import type { CellRef, ViewQuery } from '../filters/url-state';
import { CoverageGrid } from '../grid/coverage-grid';
import { buildGridView, type NodeFacts } from '../grid/grid-view';
import { Legend } from '../grid/legend';
import { buildRowItems } from '../grid/row-items';
import { daemonSetPath, nodePath } from '../links';
import { CostTable } from './cost-table';
import { DaemonSetBars } from './daemonset-bars';
import { HealthTable } from './health-table';
import { WhyPanel } from '../why/why-panel';

/** Props of {@link FleetBody}: a snapshot to show and the view query that filters it. */
export interface FleetBodyProps {
  cluster: string;
  snapshot: FleetSnapshot;
  query: ViewQuery;
  onQuery: (patch: Partial<ViewQuery>) => void;
  facts: ReadonlyMap<string, NodeFacts> | undefined;
}

/** Filters, legend, grid, explanation, per-DaemonSet bars, cost and health: the fleet view below its header. */
export function FleetBody({ cluster, snapshot, query, onQuery, facts }: FleetBodyProps) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const view = useMemo(() => buildGridView(snapshot, query, facts), [snapshot, query, facts]);
  const items = useMemo(
    () =>
      buildRowItems({
        rows: view.rows,
        rowCounts: view.rowCounts,
        rowNames: snapshot.rows,
        groupBy: query.groupBy,
        facts,
        toggled,
      }),
    [view, snapshot.rows, query.groupBy, facts, toggled],
  );
  const totals = useMemo(
    () =>
      view.columnCounts.reduce(
        (sum, counts) => sum.map((n, i) => n + (counts[i] ?? 0)),
        [0, 0, 0, 0, 0, 0, 0],
      ),
    [view.columnCounts],
  );
  const columns = view.columns.flatMap((id) => snapshot.columns[id] ?? []);
  const namespaces = useMemo(
    () => [...new Set(snapshot.columns.flatMap((c) => (c ? [c.namespace] : [])))],
    [snapshot.columns],
  );
  const labelKeys = useMemo(
    () => [...new Set([...(facts?.values() ?? [])].flatMap((f) => Object.keys(f.labels ?? {})))].sort(),
    [facts],
  );
  const select = (cell: CellRef) => onQuery({ cell });
  const toggleState = (slug: string) =>
    onQuery({
      states: query.states.includes(slug) ? query.states.filter((s) => s !== slug) : [...query.states, slug],
    });
  const toggleGroup = (value: string) =>
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(value)) next.add(value);
      return next;
    });

  return (
    <div className="flex flex-col gap-3">
      <FilterBar
        query={query}
        onChange={onQuery}
        namespaces={namespaces}
        labelKeys={labelKeys}
        errors={view.errors}
      />
      <Legend totals={totals} selected={query.states} onToggle={toggleState} />
      {snapshot.rows.every((row) => row === null) ? (
        <p className="text-sm">This cluster has no nodes.</p>
      ) : null}
      {snapshot.columns.every((column) => column === null) ? (
        <p className="text-sm">This cluster has no DaemonSets.</p>
      ) : null}
      {view.rows.length === 0 && snapshot.rows.some((row) => row !== null) ? (
        <p className="text-sm">No node matches these filters.</p>
      ) : null}
      <div className="flex flex-col gap-3 xl:flex-row">
        <div className="min-w-0 flex-1">
          <CoverageGrid
            snapshot={snapshot}
            view={view}
            items={items}
            groupBy={query.groupBy}
            selected={query.cell}
            onSelect={select}
            onToggleGroup={toggleGroup}
            nodeHref={(node) => nodePath(cluster, node)}
            daemonSetHref={(namespace, name) => daemonSetPath(cluster, namespace, name)}
          />
        </div>
        {query.cell ? (
          <WhyPanel
            cluster={cluster}
            cell={query.cell}
            snapshot={snapshot}
            onClose={() => onQuery({ cell: undefined })}
          />
        ) : null}
      </div>
      <DaemonSetBars
        keys={columns.map((c) => `${c.namespace}/${c.name}`)}
        counts={view.columnCounts}
        onPick={(daemonSet, slug) => onQuery({ daemonSet, states: [slug] })}
      />
      <CostTable cluster={cluster} />
      <HealthTable
        summaries={columns}
        daemonSetHref={(namespace, name) => daemonSetPath(cluster, namespace, name)}
      />
    </div>
  );
}
