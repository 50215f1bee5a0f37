'use client';

import { useEffect, useRef, useState } from 'react';

/** A labelled text box that reports its value after typing pauses, so the URL is not rewritten per key. */
export function TextFilter(props: {
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  list?: string;
  invalid?: boolean;
}) {
  const [draft, setDraft] = useState(props.value);
  const [lastValue, setLastValue] = useState(props.value);
  // A value changed from outside (back button, a chart click) replaces the draft.
  if (props.value !== lastValue) {
    setLastValue(props.value);
    setDraft(props.value);
  }
  // The parent re-renders on every stream update with a new callback; the pause timer must not restart then.
  const onChange = useRef(props.onChange);
  useEffect(() => {
    onChange.current = props.onChange;
  }, [props.onChange]);
  const { value } = props;
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onChange.current(draft), 250);
    return () => clearTimeout(timer);
  }, [draft, value]);
  return (
    <label className="flex flex-col gap-0.5 text-xs">
      <span className="text-slate-600 dark:text-slate-400">{props.label}</span>
      <input
        type="search"
        value={draft}
        list={props.list}
        placeholder={props.placeholder}
        aria-invalid={props.invalid ?? false}
        onChange={(event) => setDraft(event.target.value)}
        className="w-40 rounded border border-slate-300 bg-white px-2 py-1 text-sm aria-invalid:border-[#D55E00] dark:border-slate-700 dark:bg-slate-900"
      />
    </label>
  );
}
