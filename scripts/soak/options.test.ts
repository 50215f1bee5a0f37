import { describe, expect, it } from 'vitest';
import { parseSoakOptions } from './options';

describe('parseSoakOptions', () => {
  it('has the documented defaults (the issue\'s soak: 200 clients, 1,000 events/s, 10 minutes)', () => {
    expect(parseSoakOptions([], true)).toEqual({
      nodes: 1_000, daemonsets: 20, seed: 1, clients: 200, slowClients: 5, eventsPerSecond: 1_000, minutes: 10, warmupSeconds: 120,
      sampleSeconds: 5, slowStallSeconds: 300, rssSlopeMbPerMin: 2, latencyBudgetMs: 1_000, simSpeed: 1, verbose: false,
    });
  });

  it('reads every flag', () => {
    const options = parseSoakOptions(
      ['--nodes', '200', '--daemonsets', '5', '--seed', '3', '--clients', '20', '--slow-clients', '2', '--events-per-second', '100', '--minutes', '0.5',
        '--warmup-seconds', '10', '--sample-seconds', '1', '--slow-stall-seconds', '8', '--rss-slope-mb-per-min', '5', '--latency-budget-ms', '2000',
        '--sim-speed', '2', '--json', 'soak.json', '--profile', 'prof', '--verbose'],
      true,
    );
    expect(options).toEqual({
      nodes: 200, daemonsets: 5, seed: 3, clients: 20, slowClients: 2, eventsPerSecond: 100, minutes: 0.5, warmupSeconds: 10, sampleSeconds: 1,
      slowStallSeconds: 8, rssSlopeMbPerMin: 5, latencyBudgetMs: 2_000, simSpeed: 2, json: 'soak.json', profile: 'prof', verbose: true,
    });
  });

  it.each([
    [['--clients', 'lots'], /--clients must be a whole number from 1 to 5000, got "lots"/],
    [['--clients', '0'], /--clients must be a whole number/],
    [['--events-per-second', '1.5'], /--events-per-second must be a whole number/],
    [['--minutes', '0'], /--minutes must be a number above 0 and at most 1440, got "0"/],
    [['--minutes', 'ten'], /--minutes must be a number above 0/],
    [['--rss-slope-mb-per-min', '-1'], /--rss-slope-mb-per-min|unknown option/],
    [['--slow-clients', '200'], /--slow-clients \(200\) must be fewer than --clients \(200\)/],
    [['--clients', '3', '--slow-clients', '5'], /must be fewer than --clients/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['stray'], /too many arguments/],
  ])('rejects %j', (args, message) => {
    expect(() => parseSoakOptions(args, true)).toThrow(message);
  });
});
