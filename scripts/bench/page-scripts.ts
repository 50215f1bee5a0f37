/**
 * Code that runs inside the page, as source text. tsx compiles the bench with esbuild's keepNames,
 * which wraps named inner functions in a `__name(...)` helper the page does not have; functions handed
 * to Playwright would then throw in the page, so these scripts are plain strings with JSON arguments.
 */

/** Marks the first animation frame in which the Coverage grid shows cells and at least `expectedRows` rows. */
export function gridWatcherScript(expectedRows: number): string {
  return `(() => {
  const expectedRows = ${JSON.stringify(expectedRows)};
  const state = { gridAt: null, rowCount: 0, cells: 0 };
  window.__benchGrid = state;
  const check = (frameTime) => {
    const grid = document.querySelector('[role="grid"][aria-label="Coverage"]');
    state.rowCount = Number(grid ? grid.getAttribute('aria-rowcount') : 0);
    state.cells = grid ? grid.querySelectorAll('[role="gridcell"]').length : 0;
    // aria-rowcount counts the header row too.
    if (state.cells > 0 && state.rowCount - 1 >= expectedRows) state.gridAt = frameTime;
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}

/** An expression: scrolls the grid's scroll container for `durationMs`, resolving to the frame intervals. */
export function scrollFramesScript(durationMs: number): string {
  return `new Promise((resolve) => {
  const durationMs = ${JSON.stringify(durationMs)};
  const grid = document.querySelector('[role="grid"][aria-label="Coverage"]');
  let scroller = grid ? grid.parentElement : null;
  while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
  const target = scroller || document.scrollingElement;
  if (!target) return resolve([]);
  const deltas = [];
  let last;
  let started;
  const step = (now) => {
    if (last !== undefined) deltas.push(now - last);
    last = now;
    if (started === undefined) started = now;
    if (target.scrollTop + target.clientHeight >= target.scrollHeight - 1) target.scrollTop = 0;
    else target.scrollTop += 160;
    if (deltas.length % 10 === 9) target.scrollLeft = target.scrollLeft + target.clientWidth >= target.scrollWidth - 1 ? 0 : target.scrollLeft + 240;
    if (now - started < durationMs) requestAnimationFrame(step);
    else resolve(deltas);
  };
  requestAnimationFrame(step);
})`;
}

/** Resets the probe and watches, frame by frame, for the cell named `prefix…` to carry a label other than `original`. */
export function armProbeScript(prefix: string, original: string): string {
  return `(() => {
  const selector = '[role="gridcell"][aria-label^=' + ${JSON.stringify(JSON.stringify(prefix))} + ']';
  const original = ${JSON.stringify(original)};
  const probe = { at: null };
  window.__benchProbe = probe;
  const tick = () => {
    const cell = document.querySelector(selector);
    const label = cell ? cell.getAttribute('aria-label') : null;
    if (label !== null && label !== original) probe.at = Date.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
}
