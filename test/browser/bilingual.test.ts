import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, SCREENSHOTS } from '../support/browser';
import { signIn, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';
import { seriousViolations } from '../support/axe';

// A screenshot waits for fonts; on the shared machine that alone has taken over 20 s.
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, timeout: 60_000 });

let suite: ConsoleSuite;

describe.skipIf(!HAS_CHROMIUM)('server text in the Chinese console', () => {
  beforeAll(async () => {
    suite = await startConsoleSuite();
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('shows audit actions, flag reasons, policy names and server validation messages in Chinese, axe-clean', async () => {
    const page = await suite.browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    try {
      await signIn(page, suite, 'admin');
      await page.getByRole('menuitem', { name: '帖子' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh');

      // Audit log: the sign-in just made is listed as 登录 about a 员工, not as auth.login / staff.
      await page.goto(`${suite.server.url}/#/audit-log`);
      const signInRow = page.locator('tbody tr').filter({ hasText: '登录' }).first();
      await signInRow.waitFor();
      await expect.poll(() => signInRow.textContent()).toContain('员工');
      expect(await page.locator('tbody').textContent()).not.toContain('auth.login');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'audit-log-zh');

      // A flag whose reason a starter rule wrote, on the item page.
      const flag = await suite.t.db('flags').where({ status: 'open', reason: 'Counterfeit trade terms' }).first('id');
      const seeded =
        flag ?? (await suite.t.db('flags').where({ status: 'open', reason: 'Member report: offers counterfeit goods' }).first('id'));
      expect(seeded, 'the demo seed has an open counterfeit flag').toBeTruthy();
      await page.goto(`${suite.server.url}/#/flags/${seeded.id}/show`);
      await page
        .getByText(flag ? '假货交易用语' : '成员举报：出售假货')
        .first()
        .waitFor();
      expect(await page.locator('main').textContent()).not.toContain('Counterfeit trade terms');
      await shot(page, 'flag-reason-zh');

      // The queue list's reasons.
      await page.goto(`${suite.server.url}/#/flags`);
      await page.locator('tbody tr').first().waitFor();
      await expect.poll(() => page.locator('tbody').textContent()).toMatch(/成员举报|版主巡查|假货交易用语|要求在平台外付款/);
      expect(await page.locator('tbody').textContent()).not.toMatch(/Member report:|Moderator patrol:/);

      // Starter policies by their Chinese names and descriptions.
      await page.goto(`${suite.server.url}/#/policies`);
      await page.getByText('假货', { exact: true }).waitFor();
      await page.getByText('假货交易黑话（高仿、A货、1:1、replica）。').waitFor();
      expect(await page.locator('tbody').textContent()).not.toContain('Counterfeit trade slang');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'policies-zh');

      // A problem only the server finds (the name is over its 100 characters), shown on its field in Chinese.
      await page.goto(`${suite.server.url}/#/staff/create`);
      await page.getByLabel(/电子邮箱/).fill('new.person@example.com');
      await page.getByLabel(/姓名/).fill('名'.repeat(101));
      await page.getByLabel(/角色/).click();
      await page.getByRole('option', { name: '审核员' }).click();
      await page.getByLabel(/密码/).first().fill('a long enough password');
      await page.getByRole('button', { name: /保存/ }).click();
      await page.getByText('最多 100 个字符').first().waitFor();
      expect(await page.locator('form').textContent()).not.toContain('Too big');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'server-validation-zh');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('writes dates in the console’s language, not the browser’s', async () => {
    // An English browser with the console switched to Chinese: the period fields follow the console.
    const page = await suite.browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    try {
      await signIn(page, suite, 'admin');
      await page.getByRole('menuitem', { name: 'Posts' }).waitFor();
      await page.goto(`${suite.server.url}/#/compliance-report`);
      // The group's text is the sections, then the outlined field's legend (its label).
      const from = page.getByRole('group', { name: 'From' });
      await expect.poll(() => from.textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}From$/);
      await page
        .getByRole('button', { name: /language|English/i })
        .first()
        .click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
      const fromZh = page.getByRole('group', { name: '起始' });
      await expect.poll(() => fromZh.textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2}起始$/);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh');
      // Typed digits fill year, month and day in the Chinese order.
      await fromZh.getByRole('spinbutton').first().click();
      await page.keyboard.type('20261102');
      await expect.poll(() => fromZh.textContent()).toBe('2026/11/02起始');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'date-input-zh');

      // The labels list's time filter: the same order, with the time, and an ISO instant in the query.
      await page.goto(`${suite.server.url}/#/labels`);
      await page.getByRole('button', { name: '添加筛选' }).click();
      await page.getByRole('menuitemcheckbox', { name: '标注时间从' }).click();
      const since = page.getByRole('group', { name: '标注时间从' });
      await since.getByRole('spinbutton').first().click();
      await page.keyboard.type('202611021530');
      await expect.poll(() => since.textContent()).toBe('2026/11/02 15:30标注时间从');
      await expect.poll(() => decodeURIComponent(page.url())).toContain('"labelledAt_gte":"2026-11-02T');
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'datetime-filter-zh');
    } finally {
      await page.close();
    }
  }, 90_000);
});
