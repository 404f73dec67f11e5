import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const IGNORED = new Set(['node_modules', 'data', 'coverage', '.git']);

describe("README's folder table", () => {
  it('names every top-level folder, and only those', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| folder | what lives there |'));
    const named = [...table.matchAll(/^\| `([^`]+?)\/?` \|/gm)].map((m) => m[1]!).filter((n) => n !== '.ci/run');
    const folders = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !IGNORED.has(d.name) && (d.name === '.ci' || !d.name.startsWith('.')))
      .map((d) => d.name)
      .filter((n) => n !== '.ci');
    expect(named.sort()).toEqual(folders.sort());
  });
});
