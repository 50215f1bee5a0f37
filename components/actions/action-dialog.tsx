'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useActionPost, type ActionAnswer, type ActionBody } from '../data/mutations';
import { DryRunView } from './dry-run-view';

/** Props of {@link ActionDialog}. */
export interface ActionDialogProps {
  /** The dialog's title, e.g. "Roll back kube-system/fluent-bit to revision 3". */
  title: string;
  url: string;
  /** The request body, with a precondition (generation) read just now: the dry run and Confirm both use it. */
  resolveBody: () => Promise<ActionBody>;
  /** True once the live stream reports what the confirmed action did. */
  isConfirmed: (answer: ActionAnswer) => boolean;
  onClose: () => void;
}

function errorText(error: Error): string {
  const status =
    'status' in error && typeof error.status === 'number' && error.status > 0 ? `${error.status} ` : '';
  const reason =
    'reason' in error && typeof error.reason === 'string' && error.reason !== '' ? `${error.reason}: ` : '';
  return `${status}${reason}${error.message}`;
}

/**
 * A modal dialog for one action: runs the server-side dry run at once, shows what will change and the
 * kubectl equivalent, and sends the real request on Confirm. Afterwards it says "pending" until the
 * stream reports the change: the UI never claims what the cluster has not reported.
 */
export function ActionDialog({ title, url, resolveBody, isConfirmed, onClose }: ActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const post = useActionPost();
  // Confirm sends exactly what the dry run showed: same body, same generation precondition.
  const preview = useMutation({
    mutationFn: async () => {
      const body = await resolveBody();
      return { body, answer: await post(url, { ...body, dryRun: true }) };
    },
  });
  const confirm = useMutation({ mutationFn: (body: ActionBody) => post(url, body) });
  const runPreview = preview.mutate;

  useEffect(() => {
    ref.current?.showModal();
    runPreview();
  }, [runPreview]);

  const answer = confirm.data;
  const isDone = answer !== undefined && isConfirmed(answer);
  const kubectl = confirm.data?.kubectl ?? preview.data?.answer.kubectl;
  const reviewed = preview.data?.body;
  return (
    <dialog
      ref={ref}
      aria-labelledby="action-dialog-title"
      onClose={onClose}
      className="m-auto w-[min(44rem,95vw)] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
    >
      <div className="flex flex-col gap-3">
        <h2 id="action-dialog-title" className="text-base font-semibold break-all">
          {title}
        </h2>
        {preview.isPending ? (
          <p className="text-sm">Asking the API server what this would change (dry run)…</p>
        ) : null}
        {preview.data ? <DryRunView result={preview.data.answer.result} /> : null}
        {kubectl ? (
          <div className="text-sm">
            <p className="text-xs text-slate-600 dark:text-slate-400">kubectl equivalent</p>
            <code className="block rounded bg-slate-100 p-2 text-xs break-all dark:bg-slate-900">
              {kubectl}
            </code>
          </div>
        ) : null}
        {preview.error ? (
          <p role="alert" className="text-sm text-[#B34700] dark:text-[#E69F00]">
            Dry run failed: {errorText(preview.error)}
          </p>
        ) : null}
        {confirm.error ? (
          <p role="alert" className="text-sm text-[#B34700] dark:text-[#E69F00]">
            Failed: {errorText(confirm.error)}
          </p>
        ) : null}
        {answer && !isDone ? (
          <p className="text-sm">Pending: sent; waiting for the cluster to report the change…</p>
        ) : null}
        {isDone ? (
          <p className="text-sm text-[#007A5A] dark:text-[#009E73]">Done: the cluster reports the change.</p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
          >
            {answer ? 'Close' : 'Cancel'}
          </button>
          {preview.error || confirm.error ? (
            <button
              type="button"
              onClick={() => {
                confirm.reset();
                runPreview();
              }}
              className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
            >
              Review again
            </button>
          ) : null}
          {answer ? null : (
            <button
              type="button"
              onClick={() => reviewed && confirm.mutate(reviewed)}
              disabled={confirm.isPending || reviewed === undefined || preview.isPending}
              className="rounded bg-slate-900 px-3 py-1 text-sm text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
            >
              Confirm
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}
