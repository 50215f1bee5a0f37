/**
 * The model phase as a program of its own, for {@link measureModelBundled}: options as JSON in argv[2],
 * progress lines on stderr, the result as JSON on stdout.
 */
import { measureModel, type ModelBenchOptions } from './model-bench';

const options = JSON.parse(process.argv[2] ?? '{}') as Omit<ModelBenchOptions, 'log'>;
const result = measureModel({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(JSON.stringify(result));
