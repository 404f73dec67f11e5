import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from './testDb';
import { SCREENSHOTS, launchBrowser, serveConsole } from './browser';
import { seedDemo } from './demoSeed';
import type { DemoCredential } from '../../api/seed/demoStaff';
import { systemClock } from '../../api/deps';
import { startTestJobs } from './testJobs';

export interface ConsoleSuite {
  t: TestDb;
  creds: DemoCredential[];
  server: Awaited<ReturnType<typeof serveConsole>>;
  browser: Browser;
  close(): Promise<void>;
}

/** A seeded demo community served to a real Chromium, as a browser test file needs it; `jobs` runs backtests and reports. */
export async function startConsoleSuite(options: { jobs?: boolean } = {}): Promise<ConsoleSuite> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const t = await createTestDb();
  const creds = await seedDemo(t.db, new Date());
  const jobs = options.jobs ? await startTestJobs(t, systemClock) : undefined;
  const server = await serveConsole(t.db, jobs ? { jobs } : {});
  const browser = await launchBrowser();
  return {
    t,
    creds,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}

/** Signs in through the login form, in either language. */
export async function signIn(page: Page, suite: ConsoleSuite, role: string): Promise<void> {
  const c = suite.creds.find((x) => x.role === role)!;
  await page.goto(`${suite.server.url}/#/login`);
  await page.getByLabel(/e-mail|电子邮箱/i).fill(c.email);
  await page.getByLabel(/password|密码/i).fill(c.password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
}
