'use client';

import Link from 'next/link';
import { ClusterSwitcher } from './cluster-switcher';
import { CopyButton } from './copy-button';
import type { StreamState } from './data/stream-state';
import { fleetPath } from './links';
import { LiveStatus } from './live-status';

/**
 * The header every page shares: the product name (a link back to the fleet, except on the fleet page
 * itself, where it is the page's heading), the cluster switcher, the live state of the stream when the
 * page has one, and the copy-link button.
 */
export function PageHeader({
  cluster,
  stream,
  isFleetPage = false,
}: {
  cluster: string;
  stream?: StreamState;
  isFleetPage?: boolean;
}) {
  return (
    <header className="flex flex-wrap items-center gap-4">
      {isFleetPage ? (
        <h1 className="text-lg font-semibold">Daemonscope</h1>
      ) : (
        <Link href={fleetPath(cluster)} className="text-lg font-semibold hover:underline">
          Daemonscope
        </Link>
      )}
      <ClusterSwitcher cluster={cluster} />
      {stream ? <LiveStatus stream={stream} /> : null}
      <CopyButton text={() => window.location.href} label="Copy link" />
    </header>
  );
}
