import fs from 'node:fs';
import path from 'node:path';

const STAMP = '.build-stamp';

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
  const inputs = ['console/src', 'console/index.html', 'console/vite.config.ts', 'contract', 'rules', 'package-lock.json'];
  return inputs.some((p) => newestMtime(path.join(root, p)) > stamp.mtimeMs);
}

export async function buildConsole(root: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'console', 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(path.join(root, 'console', 'dist', STAMP), new Date().toISOString());
}
