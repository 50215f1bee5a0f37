'use client';

import { useState } from 'react';

/** Copies text to the clipboard and says so; `label` names what is copied ("Copy link", "Copy YAML"). */
export function CopyButton({ text, label }: { text: string | (() => string); label: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2_000);
  };
  return (
    <button
      type="button"
      onClick={copy}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {label}
      <span aria-live="polite" className="ml-1 text-slate-500">
        {copied === 'done' ? '✓ copied' : copied === 'failed' ? '(copy blocked: select the text)' : ''}
      </span>
    </button>
  );
}
