import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followSimClock } from './sim-clock';

let server: Server | undefined;

async function serve(body: unknown, status = 200): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(req.url === '/_sim/clock' ? status : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('followSimClock', () => {
  it('follows a manual simulated clock exactly', async () => {
    const clock = await followSimClock(await serve({ now: 1_000_000, speed: 1, manual: true }));
    expect(clock.now()).toBe(1_000_000);
    clock.stop();
  });

  it('interpolates a sped-up clock', async () => {
    const clock = await followSimClock(await serve({ now: 5_000_000, speed: 10, manual: false }));
    const first = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clock.now() - first).toBeGreaterThanOrEqual(400);
    clock.stop();
  });

  it('falls back to wall time when the simulator has no clock endpoint', async () => {
    const clock = await followSimClock(await serve({}, 404));
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
  });
});
