import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS, launchBrowser, serveConsole } from '../support/browser';
import { resetDemoStaff, type DemoCredential } from '../../api/seed/demoStaff';
import { seedDemoCommunity } from '../../api/seed/seedDemo';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { createPolicyRuntime } from '../../api/policies/policyRuntime';

let t: TestDb;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveConsole>>;
let creds: DemoCredential[];

const cred = (role: string) => creds.find((c) => c.role === role)!;

async function signIn(page: Page, role: string) {
  await page.goto(`${server.url}/#/login`);
  await page.getByLabel(/e-mail|电子邮箱/i).fill(cred(role).email);
  await page.getByLabel(/password|密码/i).fill(cred(role).password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!HAS_CHROMIUM)('console shell in Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    t = await createTestDb();
    creds = await resetDemoStaff(t.db, new Date());
    await installStarterPolicies(t.db, new Date());
    await seedDemoCommunity(t.db, { now: new Date(), engine: { runtime: createPolicyRuntime() } });
    server = await serveConsole(t.db);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('refuses a wrong password with a visible message', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${server.url}/`);
    await page.getByLabel(/e-mail/i).fill(cred('admin').email);
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/wrong e-mail or password/i);
    await shot(page, 'login');
    await page.close();
  });

  it('an admin signs in, sees the queues on the dashboard and browses posts', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    await signIn(page, 'admin');
    await page.getByRole('table', { name: /open flags/i }).waitFor();
    await page.getByRole('table', { name: /open flags/i }).getByText('Contact harvesting').waitFor();
    // Counts come from the API's Content-Range totals; the seed leaves contact-harvesting flags open.
    const row = page.getByRole('row', { name: /Contact harvesting/ });
    expect(Number((await row.getByRole('cell').nth(1).textContent())?.trim())).toBeGreaterThan(0);
    await shot(page, 'dashboard');
    await page.getByRole('menuitem', { name: 'Posts' }).click();
    await page.getByText(/1-25 of \d{4}/).waitFor();
    await shot(page, 'posts-list');
    await page.locator('tbody tr').first().click();
    await page.getByText(/Replies|Orders referred/).first().waitFor();
    await shot(page, 'post-show');
    await page.getByRole('menuitem', { name: 'Flags' }).click();
    await page.locator('tbody tr').first().waitFor();
    await shot(page, 'flags-list');
    for (const item of ['Staff', 'API keys', 'Audit log']) await page.getByRole('menuitem', { name: item }).waitFor();
    await page.close();
  });

  it('a moderator does not see administration pages', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, 'moderator');
    await page.getByRole('menuitem', { name: 'Flags' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Staff' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${server.url}/#/staff`);
    await page.getByText(/don't have the right permissions|access denied/i).first().waitFor();
    await page.close();
  });

  it('switches the interface to Chinese', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, 'compliance');
    await page.getByRole('menuitem', { name: 'Posts' }).waitFor();
    await page.getByRole('button', { name: /language|English/i }).first().click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: '帖子' }).waitFor();
    await page.getByRole('menuitem', { name: '标记' }).waitFor();
    await shot(page, 'dashboard-zh');
    await page.close();
  });
});
