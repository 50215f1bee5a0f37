import { COUNTER_FIELDS } from '@/lib/daemon-status';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { daemonSetHealth, reportedCounters } from '../fleet/health';
import type { DaemonSetDetailView } from './daemonset-detail';
import { rolloutStatusLine } from './rollout-line';

const show = (value: unknown) => (value === undefined || value === null ? '—' : String(value));

/** Strategy, images, placement, the seven counters (reported and implied), the mixin verdict, kubectl's line. */
export function SpecSummary({
  summary,
  detail,
}: {
  summary: DaemonSetSummary;
  detail: DaemonSetDetailView | undefined;
}) {
  const reported = reportedCounters(summary);
  const health = daemonSetHealth(summary);
  const line = rolloutStatusLine(summary);
  const strategy = summary.updateStrategy;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        <dt className="text-slate-600 dark:text-slate-400">Update strategy</dt>
        <dd>
          {strategy.type}
          {strategy.type === 'RollingUpdate'
            ? ` (maxUnavailable ${show(strategy.maxUnavailable ?? 1)}, maxSurge ${show(strategy.maxSurge ?? 0)})`
            : ''}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">minReadySeconds</dt>
        <dd>{summary.minReadySeconds}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Current revision</dt>
        <dd>{show(summary.currentRevisionNumber ?? detail?.currentRevision)}</dd>
        {detail?.images.length ? (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Images</dt>
            <dd className="break-all">{detail.images.join(', ')}</dd>
          </>
        ) : null}
        {detail?.cost ? (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Requests</dt>
            <dd>
              per pod{' '}
              {Object.entries(detail.cost.perPod)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'none'}
              ; all desired pods{' '}
              {Object.entries(detail.cost.total)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'none'}
            </dd>
          </>
        ) : null}
      </dl>
      <table className="w-fit text-xs tabular-nums">
        <thead>
          <tr>
            <th scope="col" />
            {COUNTER_FIELDS.map((field) => (
              <th
                key={field}
                scope="col"
                className="px-1.5 text-right font-normal text-slate-600 dark:text-slate-400"
              >
                {field}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="pr-2 text-left font-medium">
              reported
            </th>
            {COUNTER_FIELDS.map((field) => (
              <td key={field} className="px-1.5 text-right">
                {reported[field]}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className="pr-2 text-left font-medium">
              implied by pods
            </th>
            {COUNTER_FIELDS.map((field) => (
              <td
                key={field}
                className={`px-1.5 text-right ${summary.implied[field] === reported[field] ? '' : 'font-semibold text-[#B34700] dark:text-[#E69F00]'}`}
              >
                {summary.implied[field]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p>
        <span className="text-slate-600 dark:text-slate-400">kubectl rollout status: </span>
        <code className="text-xs">{line.text}</code>
      </p>
      <p>
        {health.isHealthy ? (
          <span className="text-[#007A5A] dark:text-[#009E73]">
            ✓ healthy (no kubernetes-mixin DaemonSet alert condition holds)
          </span>
        ) : (
          health.alerts.map((a) => (
            <span key={a.alert} className="block text-[#B34700] dark:text-[#E69F00]">
              ⚠ {a.alert} (fires after {a.forMinutes}m): {a.description}
            </span>
          ))
        )}
      </p>
    </div>
  );
}
