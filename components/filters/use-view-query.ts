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
  const update = useCallback(
    (patch: Partial<ViewQuery>) => router.replace(viewHref(pathname, { ...query, ...patch }), { scroll: false }),
    [pathname, query, router],
  );
  return [query, update];
}
