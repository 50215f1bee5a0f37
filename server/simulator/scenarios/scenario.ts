import 'server-only';
import type { SimStore } from '../store';
import { seedDemo } from './demo';
import { seedScale } from './scale';
import { createSeeder } from './seed';

/** The scenarios `npm run sim -- --scenario` accepts. */
export const SCENARIOS = ['demo', 'scale', 'empty'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** What to seed: a scenario and, for `scale`, its size and seed. */
export interface ScenarioOptions {
  scenario: ScenarioName;
  nodes?: number;
  daemonSets?: number;
  seed?: number;
}

/** Defaults of the scale scenario when no size is given. */
export const SCALE_DEFAULTS = { nodes: 1_000, daemonSets: 20, seed: 1 } as const;

/**
 * Seeds `store` with the scenario at simulated time `now`. `empty` adds nothing: the store already
 * holds the `default` and `kube-system` namespaces.
 */
export function seedScenario(store: SimStore, now: number, options: ScenarioOptions): void {
  switch (options.scenario) {
    case 'demo':
      return seedDemo(createSeeder(store, { now, checkFit: true }), now);
    case 'scale':
      return seedScale(createSeeder(store, { now, checkFit: false }), now, {
        nodes: options.nodes ?? SCALE_DEFAULTS.nodes,
        daemonSets: options.daemonSets ?? SCALE_DEFAULTS.daemonSets,
        seed: options.seed ?? SCALE_DEFAULTS.seed,
      });
    case 'empty':
      return;
  }
}
