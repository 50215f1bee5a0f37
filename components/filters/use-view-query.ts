'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { decodeViewQuery, viewHref, type ViewQuery } from './url-state';

/** The view's filters from the query string, and a setter that rewrites the URL (no history entry, no scroll). */
export function useViewQuery(): [ViewQuery, (patch: Partial<ViewQuery>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const query = useMemo(() => decodeViewQuery(new URLSearchParams(params.toString())), [params]);
  // Two quick changes (a select, then a toggle) must both land: build on the URL as it is now, not
  // on this render's copy, which router.replace has not refreshed yet.
  const update = useCallback(
    (patch: Partial<ViewQuery>) => {
      const current = decodeViewQuery(new URLSearchParams(window.location.search));
      router.replace(viewHref(pathname, { ...current, ...patch }), { scroll: false });
    },
    [pathname, router],
  );
  return [query, update];
}
