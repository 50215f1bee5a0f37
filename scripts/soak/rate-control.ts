/**
 * How many pods to make unready per second so the dashboard's watches see the target event rate.
 * One flip causes more than one watch event (the pod's Ready=False, the kubelet's Ready=True a little
 * later, and DaemonSet status writes the controller coalesces), and how many depends on the fleet and
 * on how busy the simulator is. So the ratio is learned from what the proxy counts, second by second.
 */

/** The controller's state. */
export interface RateState {
  /** Flips to ask for per second now. */
  flipsPerSecond: number;
  /** Smoothed watch events per flip the simulator made. */
  eventsPerFlip: number;
}

/** What one control window (about a second) saw. */
export interface RateWindow {
  /** Flips the simulator made in the window. */
  flips: number;
  /** Watch events the proxy counted in the window. */
  events: number;
}

/** Before anything is measured: the pod's two writes, plus a DaemonSet status write now and then. */
export const INITIAL_EVENTS_PER_FLIP = 2.5;
/** Weight of the newest window in the smoothed ratio. */
const SMOOTHING = 0.3;
/** The ratio is taken as within these bounds (a window's counts may straddle its flips' reverts). */
const MIN_EVENTS_PER_FLIP = 1;
const MAX_EVENTS_PER_FLIP = 10;

/** The starting state for a target rate (events per second). */
export function initialRate(targetEventsPerSecond: number): RateState {
  return { flipsPerSecond: targetEventsPerSecond / INITIAL_EVENTS_PER_FLIP, eventsPerFlip: INITIAL_EVENTS_PER_FLIP };
}

/**
 * The next state after a window. Windows with too few flips to say anything (< 5) keep the ratio.
 * Flips per second never exceed the target (each flip is at least one event).
 */
export function nextRate(state: RateState, window: RateWindow, targetEventsPerSecond: number): RateState {
  let eventsPerFlip = state.eventsPerFlip;
  if (window.flips >= 5) {
    const observed = Math.min(MAX_EVENTS_PER_FLIP, Math.max(MIN_EVENTS_PER_FLIP, window.events / window.flips));
    eventsPerFlip = state.eventsPerFlip + SMOOTHING * (observed - state.eventsPerFlip);
  }
  const flipsPerSecond = Math.min(targetEventsPerSecond, Math.max(0, targetEventsPerSecond / eventsPerFlip));
  return { flipsPerSecond, eventsPerFlip };
}

/** Spreads a per-second rate over ticks: how many flips this tick, carrying the fraction to the next. */
export function flipsForTick(flipsPerSecond: number, tickMs: number, carry: number): { flips: number; carry: number } {
  const due = carry + (flipsPerSecond * tickMs) / 1000;
  const flips = Math.floor(due);
  return { flips, carry: due - flips };
}
