import type { NodeCondition, Taint } from '@/lib/k8s-types';
import { formatTaint } from '@/lib/taints';

/** A node's taints, labels and conditions; long values wrap, the full text is always in the DOM. */
export function NodeFacts(props: {
  taints: readonly Taint[];
  labels: Readonly<Record<string, string>>;
  conditions: readonly NodeCondition[];
}) {
  return (
    <div className="grid gap-4 text-sm md:grid-cols-3">
      <section aria-label="Taints">
        <h2 className="font-semibold">Taints</h2>
        {props.taints.length === 0 ? <p className="text-slate-500">none</p> : null}
        <ul>
          {props.taints.map((taint) => (
            <li key={formatTaint(taint)} className="break-all">
              <code>{formatTaint(taint)}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Labels">
        <h2 className="font-semibold">Labels</h2>
        <ul>
          {Object.entries(props.labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => (
              <li key={key} className="break-all" title={`${key}=${value}`}>
                <code>
                  {key}={value}
                </code>
              </li>
            ))}
        </ul>
      </section>
      <section aria-label="Conditions">
        <h2 className="font-semibold">Conditions</h2>
        <ul>
          {props.conditions.map((condition) => (
            <li key={condition.type} title={condition.message}>
              {condition.type}={condition.status}
              {condition.reason ? ` (${condition.reason})` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
