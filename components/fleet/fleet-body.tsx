'use client';

import { useCallback, useMemo, useState } from 'react';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import { FilterBar } from '../filters/filter-bar';
import type { CellRef, ViewQuery } from '../filters/url-state';
import { CoverageGrid } from '../grid/coverage-grid';
import { buildGridView, nameOrderedRows, type NodeFacts } from '../grid/grid-view';
import { Legend } from '../grid/legend';
import { buildRowItems } from '../grid/row-items';
import { daemonSetPath, nodePath } from '../links';
import { CostTable } from './cost-table';
import { DaemonSetBars } from './daemonset-bars';
import { HealthTable } from './health-table';
import { useThrottledValue } from './use-throttled-value';
import { WhyPanel } from '../why/why-panel';

/** Props of {@link FleetBody}: a snapshot to show and the view query that filters it. */
export interface FleetBodyProps {
  cluster: string;
  snapshot: FleetSnapshot;
  query: ViewQuery;
  onQuery: (patch: Partial<ViewQuery>) => void;
  facts: ReadonlyMap<string, NodeFacts> | undefined;
}

/**
 * How often the panels below the grid (per-DaemonSet bars, health table) follow live changes. The grid
 * shows every change at the next frame; these summaries may trail by up to this much.
 */
const PANEL_REFRESH_MS = 1_000;

/** Filters, legend, grid, explanation, per-DaemonSet bars, cost and health: the fleet view below its header. */
export function FleetBody({ cluster, snapshot, query, onQuery, facts }: FleetBodyProps) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  // Deltas change cells, not node names: the filtered name order (a sort of every node) is kept
  // until the nodes, the node filters or the node list change.
  const ordered = useMemo(
    () =>
      nameOrderedRows(
        snapshot.rows,
        { node: query.node, label: query.label, taint: query.taint },
        facts,
      ),
    [snapshot.rows, query.node, query.label, query.taint, facts],
  );
  const view = useMemo(
    () => buildGridView(snapshot, query, facts, ordered),
    [snapshot, query, facts, ordered],
  );
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
  const columns = useMemo(
    () => view.columns.flatMap((id) => snapshot.columns[id] ?? []),
    [view.columns, snapshot.columns],
  );
  const livePanels = useMemo(
    () => ({ summaries: columns, counts: view.columnCounts }),
    [columns, view.columnCounts],
  );
  const panels = useThrottledValue(livePanels, PANEL_REFRESH_MS);
  const daemonSetHref = useCallback(
    (namespace: string, name: string) => daemonSetPath(cluster, namespace, name),
    [cluster],
  );
  const pickBar = useCallback(
    (daemonSet: string, slug: string) => onQuery({ daemonSet, states: [slug] }),
    [onQuery],
  );
  // The same elements while `panels` is unchanged, so React skips them on the renders in between.
  const bars = useMemo(
    () => (
      <DaemonSetBars
        keys={panels.summaries.map((c) => `${c.namespace}/${c.name}`)}
        counts={panels.counts}
        onPick={pickBar}
      />
    ),
    [panels, pickBar],
  );
  const health = useMemo(
    () => <HealthTable summaries={panels.summaries} daemonSetHref={daemonSetHref} />,
    [panels, daemonSetHref],
  );
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
            daemonSetHref={daemonSetHref}
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
      {bars}
      <CostTable cluster={cluster} />
      {health}
    </div>
  );
}
