import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../api/app';
import { testConfig } from '../../api/config';
import { systemClock } from '../../api/deps';
import { buildConsole, consoleIsStale } from '../../api/consoleBuild';
import type { Db } from '../../api/db/connect';
import type { JobQueue } from '../../api/jobs/jobQueue';
import { listenOnLoopback } from './testApp';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

if (!HAS_CHROMIUM) {
  // Loud on purpose: a skipped browser suite must never pass for a green one unnoticed.
  process.stderr.write(
    `\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (Debian) or set CHROMIUM_PATH. ***\n\n`,
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Serves the built console and the API on a free loopback port. */
export async function serveConsole(db: Db, options: { jobs?: JobQueue } = {}): Promise<{ url: string; close(): Promise<void> }> {
  if (consoleIsStale(ROOT)) await buildConsole(ROOT);
  const app = createApp({
    db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    config: testConfig(),
    consoleDir: path.join(ROOT, 'console', 'dist'),
    jobs: options.jobs,
  });
  return listenOnLoopback(app);
}
