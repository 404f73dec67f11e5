import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contractRouteKeys } from './openApiValidator';

/**
 * vitest globalSetup: each test file notes the contract routes it called (openApiValidator.ts);
 * at the end of the run this prints the routes no file of the run called.
 */
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-exercised-'));
  process.env.OPENAPI_EXERCISED_DIR = dir;
  return () => {
    const called = new Set<string>();
    for (const file of fs.readdirSync(dir)) for (const key of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as string[]) called.add(key);
    fs.rmSync(dir, { recursive: true, force: true });
    if (called.size === 0) return;
    const all = contractRouteKeys();
    const uncalled = all.filter((k) => !called.has(k));
    console.log(`\nOpenAPI: ${all.length} contract routes; ${all.length - uncalled.length} called (and their answers validated) by this run; ${uncalled.length} not called:`);
    for (const k of uncalled) console.log(`  ${k}`);
  };
}
