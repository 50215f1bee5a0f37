/** Whether `.next` holds a production build at least as new as every source file it was built from. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib', 'server', 'public'];
const SOURCE_FILES = ['next.config.js', 'package.json', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when there is no production build in `root/.next`, or a source is newer than it. */
export function buildIsStale(root: string): boolean {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((name) => newestMtime(join(root, name)));
  return Math.max(...sources) > builtAt;
}
