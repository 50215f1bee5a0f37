'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { nodeListQuery } from '../data/queries';
import { parsePlacement, placementOf, placementYaml, whatIf } from './what-if';

const names = (list: readonly string[]) =>
  list.length > 20 ? `${list.slice(0, 20).join(', ')}, … (${list.length})` : list.join(', ');

/** Edit the DaemonSet's nodeSelector / tolerations / affinity as YAML and see which nodes gain or lose it. */
export function WhatIfPanel({ cluster, spec }: { cluster: string; spec: Record<string, unknown> }) {
  const current = useMemo(() => placementOf(spec), [spec]);
  const [text, setText] = useState(() => placementYaml(current));
  const nodes = useQuery(nodeListQuery(cluster));
  const parsed = parsePlacement(text);
  const result =
    parsed.ok && nodes.data
      ? whatIf(nodes.data, current, parsed.placement, spec.hostNetwork === true)
      : undefined;
  return (
    <section aria-label="What-if" className="flex flex-col gap-2 text-sm">
      <h2 className="font-semibold">What if the placement changed?</h2>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-600 dark:text-slate-400">
          nodeSelector, tolerations and affinity of the pod template (YAML; evaluated here, nothing is
          applied)
        </span>
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={8}
          spellCheck={false}
          aria-invalid={!parsed.ok}
          className="w-full max-w-2xl rounded border border-slate-300 bg-white p-2 font-mono text-xs aria-invalid:border-[#D55E00] dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {parsed.ok ? null : <p className="text-[#B34700] dark:text-[#E69F00]">{parsed.error}</p>}
      {nodes.isError ? (
        <p className="text-slate-500">
          What-if needs the node list (GET /api/c/{cluster}/nodes): {nodes.error.message}
        </p>
      ) : null}
      {result ? (
        <div aria-live="polite">
          <p>
            Gains {result.gain.length} node{result.gain.length === 1 ? '' : 's'}
            {result.gain.length > 0 ? `: ${names(result.gain)}` : ''}
          </p>
          <p>
            Loses {result.lose.length} node{result.lose.length === 1 ? '' : 's'}
            {result.lose.length > 0 ? `: ${names(result.lose)}` : ''}
          </p>
          <p className="text-xs text-slate-500">{result.unchanged} nodes unchanged</p>
        </div>
      ) : null}
    </section>
  );
}
