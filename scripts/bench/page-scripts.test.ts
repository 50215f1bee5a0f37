import { describe, expect, it } from 'vitest';
import { armProbeScript, gridWatcherScript, scrollFramesScript } from './page-scripts';

describe('page scripts', () => {
  it.each([
    ['grid watcher', gridWatcherScript(5000)],
    ['scroll frames', scrollFramesScript(4000)],
    ['probe', armProbeScript('node-1 kube-system/cni: ', 'node-1 kube-system/cni: Ready')],
  ])('%s is valid JavaScript with no bundler helpers', (_name, source) => {
    expect(() => new Function(source)).not.toThrow();
    expect(source).not.toMatch(/__name|__publicField/);
  });

  it('quotes labels safely inside the CSS attribute selector', () => {
    const source = armProbeScript('n"1 ns/ds: ', 'x');
    const expression = /const selector = (.*);/.exec(source)?.[1] ?? "''";
    expect(new Function(`return ${expression};`)()).toBe('[role="gridcell"][aria-label^="n\\"1 ns/ds: "]');
  });
});
