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
    const answered = new Set<string>();
    for (const file of fs.readdirSync(dir)) {
      const noted = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { called: string[]; answered: string[] };
      noted.called.forEach((k) => called.add(k));
      noted.answered.forEach((k) => answered.add(k));
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (called.size === 0) return;
    const all = contractRouteKeys();
    const uncalled = all.filter((k) => !called.has(k));
    console.log(
      `\nOpenAPI: ${all.length} contract routes; ${all.length - uncalled.length} called by this run (every JSON answer validated), ${answered.size} of them with a 2xx JSON answer; ${uncalled.length} not called:`,
    );
    for (const k of uncalled) console.log(`  ${k}`);
    const noSuccess = all.filter((k) => called.has(k) && !answered.has(k));
    console.log(
      `OpenAPI: called but never answered 2xx JSON in this run (refusals only, or a non-JSON/empty success): ${noSuccess.length}`,
    );
    for (const k of noSuccess) console.log(`  ${k}`);
  };
}
