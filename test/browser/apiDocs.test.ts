import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchBrowser } from '../support/browser';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp, listenOnLoopback } from '../support/testApp';
import { CONTRACT_ROUTES } from '../../contract/routes';

describe.skipIf(!HAS_CHROMIUM)('API docs page in Chromium', () => {
  let t: TestDb;
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    t = await createTestDb();
    server = await listenOnLoopback(buildApp(t.db));
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('renders every operation under the app CSP, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    // Swagger UI shows each tag's operations expanded: one block per contract route.
    expect(await page.locator('.opblock').count()).toBe(CONTRACT_ROUTES.length);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
