import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What a run writes (the demo database, screenshots) is not the project's shape. */
const WRITTEN_BY_RUNS = new Set(['node_modules', 'data', 'test-artifacts', 'coverage', '.git']);

/** The folders the repository holds: from git when this is a checkout, else from the disk less what runs write. */
function projectFolders(): string[] {
  try {
    const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
    return [...new Set(files.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))];
  } catch {
    return fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !WRITTEN_BY_RUNS.has(d.name))
      .map((d) => d.name);
  }
}

describe("README's folder table", () => {
  it('names every top-level folder, and only those', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| folder | what lives there |'));
    const named = [...table.matchAll(/^\| `([^`]+?)\/?` \|/gm)].map((m) => m[1]!).filter((n) => n !== '.ci/run');
    const folders = projectFolders().filter((n) => n !== '.ci');
    expect(named.sort()).toEqual(folders.sort());
  });
});
