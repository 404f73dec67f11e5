import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS } from '../support/browser';
import { signIn as signInAs, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';
import { seriousViolations } from '../support/axe';

let suite: ConsoleSuite;
let t: TestDb;
let browser: Browser;
let server: ConsoleSuite['server'];

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `retired-${name}.png`), fullPage: true });

async function signIn(page: Page, role: string) {
  await signInAs(page, suite, role);
  await page
    .getByRole('menuitem', { name: /dashboard|概览/i })
    .first()
    .waitFor();
}

/** Picks an option of a list filter drawn as a select (react-admin's NullableBooleanInput). */
async function pickFilter(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

describe.skipIf(!HAS_CHROMIUM)(
  'retired rows in Chromium: a delete deactivates or revokes, the row leaves the list, a filter shows it again',
  () => {
    beforeAll(async () => {
      suite = await startConsoleSuite();
      ({ t, browser, server } = suite);
    }, 180_000);
    afterAll(async () => {
      await suite?.close();
    });

    it('an admin deactivates a staff member after a confirmation; the status filter shows them again', async () => {
      const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
      page.setDefaultTimeout(20_000);
      await signIn(page, 'admin');
      const member = await t.db('staff').where({ email: 'moderator2@trust.demo' }).first();
      expect(member.active).toBe(true);
      await page.goto(`${server.url}/#/staff`);
      const row = page.getByRole('row', { name: new RegExp(member.display_name.replace(/[()]/g, '\\$&')) });
      await row.waitFor();
      // Not on one's own row (the API would refuse it), though the other rows have theirs.
      await row.getByRole('button', { name: 'Deactivate' }).waitFor();
      expect(
        await page
          .getByRole('row', { name: /Ada Admin/ })
          .getByRole('button', { name: 'Deactivate' })
          .count(),
      ).toBe(0);
      // The row's button says what it does; the dialog asks first.
      await row.getByRole('button', { name: 'Deactivate' }).click();
      const dialog = page.getByRole('dialog', { name: `Deactivate ${member.display_name}?` });
      await dialog.waitFor();
      await dialog.getByText(/can no longer sign in/).waitFor();
      await shot(page, 'staff-confirm');
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing has changed before the confirmation.
      expect((await t.db('staff').where({ id: member.id }).first()).active).toBe(true);
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('Staff member deactivated').waitFor();
      await row.waitFor({ state: 'detached' });
      expect(page.url()).toMatch(/#\/staff(\?|$)/);
      expect((await t.db('staff').where({ id: member.id }).first()).active).toBe(false);
      expect(
        await t
          .db('audit_log')
          .where({ action: 'staff.deactivate', subject_id: String(member.id) })
          .first(),
      ).toBeTruthy();
      // Still hidden after a reload: the API leaves deactivated members out of the default list.
      await page.reload();
      await page.getByRole('row', { name: /Ada Admin/ }).waitFor();
      expect(await row.count()).toBe(0);
      await pickFilter(page, 'Status', 'Deactivated');
      await row.waitFor();
      // Only the deactivated: the admin is active, so not listed under this filter.
      expect(await page.getByRole('row', { name: /Ada Admin/ }).count()).toBe(0);
      expect(await row.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
      await shot(page, 'staff-deactivated');
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }, 120_000);

    it('an admin makes an API key, renames it (name only, no secret shown), revokes it; the Revoked filter shows it', async () => {
      const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
      page.setDefaultTimeout(20_000);
      await signIn(page, 'admin');
      await page.goto(`${server.url}/#/api-keys/create`);
      await page.getByLabel(/^Name/).fill('Forum (staging)');
      await page.getByLabel(/^Platform/).fill('forum-staging');
      await page.getByRole('button', { name: 'Save' }).click();
      const fullKey = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
      const key = await t.db('api_keys').where({ source: 'forum-staging' }).first();
      expect(key).toBeTruthy();
      expect(fullKey).toContain(key.prefix);
      expect(fullKey.length).toBeGreaterThan(key.prefix.length);

      await page.goto(`${server.url}/#/api-keys`);
      await page.getByRole('row', { name: /Forum \(staging\)/ }).click();
      await page.waitForURL((u) => u.hash.startsWith(`#/api-keys/${key.id}`));
      const name = page.getByLabel(/^Name/);
      await name.waitFor();
      expect(await name.inputValue()).toBe('Forum (staging)');
      // The platform is fixed; the whole key is nowhere on the page (only its prefix).
      expect(await page.getByLabel(/^Platform/).getAttribute('readonly')).not.toBeNull();
      expect(await page.content()).not.toContain(fullKey);
      expect(await seriousViolations(page)).toEqual([]);
      await name.fill('Forum (staging, old)');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await t.db('api_keys').where({ id: key.id }).first()).name).toBe('Forum (staging, old)');
      expect((await t.db('api_keys').where({ id: key.id }).first()).source).toBe('forum-staging');

      await page.goto(`${server.url}/#/api-keys`);
      const row = page.getByRole('row', { name: /Forum \(staging, old\)/ });
      await row.waitFor();
      await row.getByRole('button', { name: 'Revoke' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke the key "Forum (staging, old)"?' });
      await dialog.waitFor();
      await dialog.getByText(/cannot be undone/).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect((await t.db('api_keys').where({ id: key.id }).first()).revoked_at).toBeNull();
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('API key revoked').waitFor();
      await row.waitFor({ state: 'detached' });
      // The click on the dialog did not open the row behind it.
      expect(page.url()).toMatch(/#\/api-keys(\?|$)/);
      expect((await t.db('api_keys').where({ id: key.id }).first()).revoked_at).not.toBeNull();
      // Still hidden after a reload; with no live key left, the list stays (not the "no keys yet" page) so its filter can be used.
      await page.reload();
      await page.getByText(/^No API keys found/).waitFor();
      expect(await row.count()).toBe(0);
      await pickFilter(page, 'Revoked', 'Revoked');
      await row.waitFor();
      await row.getByText('Revoked', { exact: true }).waitFor();
      expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
      await shot(page, 'api-key-revoked');
      // The other way round: live keys only.
      await pickFilter(page, 'Revoked', 'Live');
      await row.waitFor({ state: 'detached' });
      await page.close();
    }, 120_000);

    it('a policy archived from the list and a webhook disabled from its page leave their lists; their filters show them', async () => {
      const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
      page.setDefaultTimeout(20_000);
      await signIn(page, 'admin');
      await page.goto(`${server.url}/#/policies`);
      await page.getByRole('combobox', { name: 'Status' }).waitFor();
      const archive = page.locator('tbody tr').getByRole('button', { name: 'Archive' });
      const countOf = async (q: ReturnType<typeof t.db>) => Number((await q.count({ c: '*' }).first())!.c);
      const live = await countOf(t.db('policies').whereNot({ status: 'archived' }));
      // The pagination counts what the list holds: every policy but the archived ones.
      await page.getByText(new RegExp(`^1-\\d+ of ${live}$`)).waitFor();
      await archive.first().click();
      const dialog = page.getByRole('dialog', { name: /^Archive policy #\d+\?$/ });
      await dialog.waitFor();
      const archivedId = Number((await dialog.getByRole('heading').textContent())!.match(/#(\d+)/)![1]);
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('Policy archived').waitFor();
      await page.getByText(new RegExp(`^1-\\d+ of ${live - 1}$`)).waitFor();
      expect(page.url()).toMatch(/#\/policies(\?|$)/);
      expect((await t.db('policies').where({ id: archivedId }).first()).status).toBe('archived');
      await pickFilter(page, 'Status', 'Archived');
      const archivedCount = await countOf(t.db('policies').where({ status: 'archived' }));
      expect(archivedCount).toBeGreaterThan(0);
      await page.getByText(new RegExp(`^1-${archivedCount} of ${archivedCount}$`)).waitFor();
      expect(await archive.count()).toBe(0);

      await page.goto(`${server.url}/#/webhook-subscriptions/create`);
      await page.getByLabel(/^Address/).fill('https://hooks.example.com/trust');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('new-webhook-secret').waitFor();
      const hook = await t.db('webhook_subscriptions').where({ url: 'https://hooks.example.com/trust' }).first();
      await page.goto(`${server.url}/#/webhook-subscriptions/${hook.id}`);
      await page.getByLabel(/^Address/).waitFor();
      // From the form's toolbar, beside Save (the page's top actions carry the same button).
      await page.getByRole('toolbar').getByRole('button', { name: 'Disable' }).click();
      const confirm = page.getByRole('dialog', { name: 'Disable the webhook to https://hooks.example.com/trust?' });
      await confirm.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('Webhook disabled').waitFor();
      await page.waitForURL((u) => /^#\/webhook-subscriptions(\?|$)/.test(u.hash));
      expect((await t.db('webhook_subscriptions').where({ id: hook.id }).first()).active).toBe(false);
      const row = page.getByRole('row', { name: /hooks\.example\.com/ });
      await page.getByRole('combobox', { name: 'Active' }).waitFor();
      await expect.poll(async () => row.count()).toBe(0);
      await pickFilter(page, 'Active', 'Disabled');
      await row.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }, 120_000);
  },
);
