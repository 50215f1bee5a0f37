import 'server-only';

/** What the simulator's clock endpoint answers (`GET /_sim/clock`). */
interface ClockReading {
  now: number;
  speed: number;
  manual: boolean;
}

function parseReading(value: unknown): ClockReading | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { now, speed, manual } = value as Record<string, unknown>;
  if (typeof now !== 'number' || !Number.isFinite(now)) return undefined;
  return { now, speed: typeof speed === 'number' && speed > 0 ? speed : 1, manual: manual === true };
}

/**
 * The clock of a simulated cluster running in another process (DAEMONSCOPE_DEMO_URL). Its timestamps
 * follow simulated time (sped up, or moved by tests), and availability, rollout samples and the stuck
 * deadline must be judged on that time. Reads `GET /_sim/clock` now and every `refreshMs`, and
 * interpolates in between; wall time when the simulator has no such endpoint.
 */
export async function followSimClock(baseUrl: string, refreshMs = 1_000): Promise<{ now: () => number; stop: () => void }> {
  let reading: { at: number; value: ClockReading } | undefined;
  const read = async () => {
    try {
      const response = await fetch(new URL('/_sim/clock', baseUrl), { signal: AbortSignal.timeout(2_000) });
      const value = response.ok ? parseReading(await response.json()) : undefined;
      reading = value === undefined ? undefined : { at: Date.now(), value };
      return value !== undefined;
    } catch {
      return reading !== undefined;
    }
  };
  if (!(await read())) return { now: Date.now, stop: () => {} };
  const timer = setInterval(() => void read(), refreshMs);
  timer.unref?.();
  return {
    now: () => {
      if (reading === undefined) return Date.now();
      const { at, value } = reading;
      return value.manual ? value.now : value.now + (Date.now() - at) * value.speed;
    },
    stop: () => clearInterval(timer),
  };
}
