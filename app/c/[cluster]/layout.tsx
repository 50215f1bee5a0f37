import type { ReactNode } from 'react';
import { AuthGate } from '@/components/auth/auth-gate';
import { decodeSegment } from '@/components/links';
import { getConfig } from '@/server/config';

/** Every `/c/{cluster}/…` page, shown in token and proxy modes only to a signed-in user. */
export default async function ClusterLayout(props: { children: ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await props.params;
  return (
    <AuthGate cluster={decodeSegment(cluster)} mode={getConfig().auth.mode}>
      {props.children}
    </AuthGate>
  );
}
