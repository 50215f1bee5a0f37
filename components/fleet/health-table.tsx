import Link from 'next/link';
import { COUNTER_FIELDS } from '@/lib/daemon-status';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { daemonSetHealth, reportedCounters, reportedVersusImplied } from './health';

const HEADINGS = ['Desired', 'Current', 'Misscheduled', 'Ready', 'Updated', 'Available', 'Unavailable'];

/** Per DaemonSet: the seven counters as `kubectl get ds` shows them, implied values where they differ, the alert verdict. */
export function HealthTable(props: {
  summaries: readonly DaemonSetSummary[];
  daemonSetHref: (namespace: string, name: string) => string;
}) {
  if (props.summaries.length === 0) return null;
  return (
    <table className="w-full text-left text-xs tabular-nums">
      <caption className="py-1 text-left text-sm font-semibold">DaemonSet health</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th scope="col">DaemonSet</th>
          {HEADINGS.map((heading) => (
            <th key={heading} scope="col" className="px-1 text-right">
              {heading}
            </th>
          ))}
          <th scope="col" className="px-2">
            Verdict
          </th>
        </tr>
      </thead>
      <tbody>
        {props.summaries.map((summary) => {
          const reported = reportedCounters(summary);
          const differences = new Map(reportedVersusImplied(summary).map((d) => [d.field, d.implied]));
          const health = daemonSetHealth(summary);
          const key = `${summary.namespace}/${summary.name}`;
          return (
            <tr key={summary.uid} className="border-b border-slate-100 dark:border-slate-900">
              <th scope="row" className="max-w-64 truncate font-normal" title={key}>
                <Link href={props.daemonSetHref(summary.namespace, summary.name)} className="hover:underline">
                  {key}
                </Link>
              </th>
              {COUNTER_FIELDS.map((field) => (
                <td key={field} className="px-1 text-right">
                  {reported[field]}
                  {differences.has(field) ? (
                    <span
                      title="implied by the pods the dashboard sees"
                      className="text-[#B34700] dark:text-[#E69F00]"
                    >
                      {' '}
                      ({differences.get(field)} implied)
                    </span>
                  ) : null}
                </td>
              ))}
              <td className="px-2">
                {health.isHealthy ? (
                  <span className="text-[#007A5A] dark:text-[#009E73]">✓ healthy</span>
                ) : (
                  <span
                    title={health.alerts
                      .map((a) => `${a.alert} (fires after ${a.forMinutes}m): ${a.description}`)
                      .join('\n')}
                    className="text-[#B34700] dark:text-[#E69F00]"
                  >
                    ⚠ {health.alerts.map((a) => a.alert).join(', ')}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
