import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './options';

describe('parseBenchOptions', () => {
  it('has the documented defaults', () => {
    expect(parseBenchOptions([], true)).toEqual({
      nodes: 5000, daemonsets: 50, seed: 1, churnSeconds: 60, simSpeed: 1, maxUnavailable: '20%', probes: 15, rebuilds: 9, skip: [], verbose: false,
    });
  });

  it('reads every flag', () => {
    const options = parseBenchOptions(
      ['--nodes', '500', '--daemonsets', '10', '--json', 'out.json', '--churn-seconds', '600', '--sim-speed', '2.5', '--max-unavailable', '5', '--skip', 'browser,churn', '--verbose'],
      true,
    );
    expect(options).toMatchObject({ nodes: 500, daemonsets: 10, json: 'out.json', churnSeconds: 600, simSpeed: 2.5, maxUnavailable: '5', skip: ['browser', 'churn'], verbose: true });
  });

  it.each([
    [['--nodes', 'many'], /--nodes must be a whole number from 1 to 200000, got "many"/],
    [['--nodes', '0'], /--nodes must be a whole number/],
    [['--nodes', '2.5'], /--nodes must be a whole number/],
    [['--daemonsets', '-3'], /--daemonsets|unknown option/],
    [['--churn-seconds', 'ten'], /--churn-seconds must be a whole number/],
    [['--sim-speed', '0'], /must be a positive number, got "0"/],
    [['--max-unavailable', '0%'], /positive count or percentage/],
    [['--skip', 'model,gpu'], /unknown phase gpu/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['stray'], /too many arguments/],
  ])('rejects %j', (args, message) => {
    expect(() => parseBenchOptions(args, true)).toThrow(message);
  });
});
