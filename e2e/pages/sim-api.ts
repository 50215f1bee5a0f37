/** Reads the simulated cluster directly, as kubectl would, to check what an action really changed. */
export async function getDaemonSet(
  namespace: string,
  name: string,
): Promise<{
  spec?: { updateStrategy?: { type?: string; rollingUpdate?: Record<string, unknown> } };
  metadata?: { annotations?: Record<string, string> };
}> {
  const base = process.env.E2E_SIM_URL;
  if (!base) throw new Error('E2E_SIM_URL is not set (playwright.config.ts sets it)');
  const response = await fetch(`${base}/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`);
  if (!response.ok) throw new Error(`GET daemonset ${namespace}/${name}: ${response.status}`);
  return (await response.json()) as Awaited<ReturnType<typeof getDaemonSet>>;
}

/** Moves the simulated cluster's clock forward (the dashboard follows simulated time), instead of sleeping. */
export async function advanceClock(ms: number): Promise<void> {
  const response = await fetch(`${process.env.E2E_SIM_URL}/_sim/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  if (!response.ok) throw new Error(`POST /_sim/clock: ${response.status} ${await response.text()}`);
}

/** Sends one fault-injection request to the simulated cluster (`POST /_sim/faults`). */
export async function injectFault(body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${process.env.E2E_SIM_URL}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /_sim/faults: ${response.status} ${await response.text()}`);
}
