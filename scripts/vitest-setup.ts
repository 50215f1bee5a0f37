/**
 * Property tests run with a fixed seed so CI is repeatable; set FC_SEED to explore other seeds
 * locally (a failure prints its seed and path for replay).
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261125);
fc.configureGlobal({ seed: Number.isFinite(seed) ? seed : 20261125 });
