import { redirect } from 'next/navigation';
import { fleetPath } from '@/components/links';
import { getRegistry } from '@/server/clusters/global-registry';

export const dynamic = 'force-dynamic';

/** `/`: the first cluster's fleet view (`demo` first unless disabled). */
export default async function Home() {
  const clusters = await getRegistry().list();
  const first = clusters[0];
  if (first) redirect(fleetPath(first.name));
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">Daemonscope</h1>
      <p>
        No cluster is configured: start with the embedded demo (omit --no-demo) or pass --kubeconfig FILE.
      </p>
    </main>
  );
}
