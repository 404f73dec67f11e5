import fs from 'node:fs';
import path from 'node:path';

const STAMP = '.build-stamp';
const STAMP_PREFIX = 'production ';

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The console is stale when any of its sources, the shared API modules it imports, or the lock file changed after the last build. */
export function consoleIsStale(root: string): boolean {
  const stamp = fs.statSync(path.join(root, 'console', 'dist', STAMP), { throwIfNoEntry: false });
  if (!stamp) return true;
  // A build from before the mode was stamped may be a development one (see buildConsole).
  if (!fs.readFileSync(path.join(root, 'console', 'dist', STAMP), 'utf8').startsWith(STAMP_PREFIX)) return true;
  const inputs = ['console/src', 'console/index.html', 'console/vite.config.ts', 'contract', 'rules', 'package-lock.json'];
  return inputs.some((p) => newestMtime(path.join(root, p)) > stamp.mtimeMs);
}

/**
 * Always a production build: Vite builds React's development copy (and the development JSX
 * runtime, several times slower to draw) whenever NODE_ENV is set to anything else, as the test
 * runner sets it to "test".
 */
export async function buildConsole(root: string): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'console', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  fs.writeFileSync(path.join(root, 'console', 'dist', STAMP), `${STAMP_PREFIX}${new Date().toISOString()}`);
}
