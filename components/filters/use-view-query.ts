'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { decodeViewQuery, viewHref, type ViewQuery } from './url-state';

/** The view's filters from the query string, and a setter that rewrites the URL (no history entry, no scroll). */
export function useViewQuery(): [ViewQuery, (patch: Partial<ViewQuery>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const query = useMemo(() => decodeViewQuery(new URLSearchParams(params.toString())), [params]);
  // Two quick changes (a select, then a toggle) must both land: each builds on the last one requested,
  // since router.replace updates the URL and this hook's params only after a transition.
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  }, [query]);
  const update = useCallback(
    (patch: Partial<ViewQuery>) => {
      latest.current = { ...latest.current, ...patch };
      router.replace(viewHref(pathname, latest.current), { scroll: false });
    },
    [pathname, router],
  );
  return [query, update];
}
