'use client';

import type { RowSort, ViewQuery } from './url-state';
import { TextFilter } from './text-filter';

/** Props of {@link FilterBar}: the query, its setter, and choices offered from the fleet. */
export interface FilterBarProps {
  query: ViewQuery;
  onChange: (patch: Partial<ViewQuery>) => void;
  namespaces: readonly string[];
  labelKeys: readonly string[];
  errors: readonly string[];
}

/** Namespace, DaemonSet, node, label and taint filters, sort, grouping and "problems only". */
export function FilterBar({ query, onChange, namespaces, labelKeys, errors }: FilterBarProps) {
  return (
    <search className="flex flex-wrap items-end gap-3" aria-label="Filters">
      <label className="flex flex-col gap-0.5 text-xs">
        <span className="text-slate-600 dark:text-slate-400">Namespace</span>
        <select
          value={query.namespace}
          onChange={(event) => onChange({ namespace: event.target.value })}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">all</option>
          {[...new Set([...namespaces, query.namespace].filter(Boolean))].sort().map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <TextFilter
        label="DaemonSet"
        value={query.daemonSet}
        placeholder="name contains"
        onChange={(daemonSet) => onChange({ daemonSet })}
      />
      <TextFilter
        label="Node"
        value={query.node}
        placeholder="name contains"
        onChange={(node) => onChange({ node })}
      />
      <TextFilter
        label="Node labels"
        value={query.label}
        placeholder="role=edge,!gpu"
        onChange={(label) => onChange({ label })}
        invalid={errors.some((e) => e.startsWith('label'))}
      />
      <TextFilter
        label="Taint"
        value={query.taint}
        placeholder="key=value:Effect"
        onChange={(taint) => onChange({ taint })}
        invalid={errors.some((e) => e.startsWith('taint'))}
      />
      <TextFilter
        label="Group by label"
        value={query.groupBy}
        placeholder="topology.kubernetes.io/zone"
        list="daemonscope-label-keys"
        onChange={(groupBy) => onChange({ groupBy })}
      />
      <datalist id="daemonscope-label-keys">
        {labelKeys.map((key) => (
          <option key={key} value={key} />
        ))}
      </datalist>
      <label className="flex flex-col gap-0.5 text-xs">
        <span className="text-slate-600 dark:text-slate-400">Sort nodes</span>
        <select
          value={query.sort}
          onChange={(event) => onChange({ sort: event.target.value as RowSort })}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="name">by name</option>
          <option value="problems">problems first</option>
        </select>
      </label>
      <label className="flex items-center gap-1.5 pb-1 text-sm">
        <input
          type="checkbox"
          checked={query.problemsOnly}
          onChange={(event) => onChange({ problemsOnly: event.target.checked })}
        />
        Problems only
      </label>
      {errors.length > 0 ? (
        <ul className="basis-full text-xs text-[#B34700] dark:text-[#E69F00]" aria-live="polite">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </search>
  );
}
