import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS } from '../support/browser';
import { signIn as signInAs, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';
import { appEnglish } from '../../console/src/i18n/en';
import { seriousViolations } from '../support/axe';

let suite: ConsoleSuite;
let t: TestDb;
let browser: Browser;
let server: ConsoleSuite['server'];

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `team-${name}.png`), fullPage: true });
const staffId = async (role: string) =>
  (
    await t
      .db('staff')
      .where({ email: suite.creds.find((c) => c.role === role)!.email })
      .first()
  ).id as number;

async function signIn(page: Page, role: string) {
  await signInAs(page, suite, role);
  await page
    .getByRole('menuitem', { name: /dashboard|概览/i })
    .first()
    .waitFor();
}

/** A new open flag on a post, `minutesAgo` old, at the top of its queue. */
async function newFlag(queue: string, minutesAgo: number): Promise<number> {
  const flagged = t.db('flags').select('subject_id').where({ subject_type: 'post' });
  const post = await t.db('posts').whereNotIn('id', flagged).orderBy('id', 'desc').first('id');
  const [row] = await t
    .db('flags')
    .insert({
      subject_type: 'post',
      subject_id: post.id,
      queue,
      priority: 100,
      status: 'open',
      source: 'rule',
      reason: 'browser test',
      created_at: new Date(Date.now() - minutesAgo * 60_000),
    })
    .returning('id');
  return Number(row.id);
}

describe.skipIf(!HAS_CHROMIUM)('team and time in Chromium: canned notes, overdue marks, who holds what', () => {
  beforeAll(async () => {
    suite = await startConsoleSuite();
    ({ t, browser, server } = suite);
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('a moderator picks a canned note with n and its digit, edits it, decides with r; the statement carries the edited note', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    await signIn(page, 'moderator');
    const me = await staffId('moderator');
    const template = await t.db('note_templates').where({ queue: 'spam', slot: 2 }).first();
    expect(template).toBeTruthy();
    const flag = await newFlag('spam', 5);
    await page.goto(`${server.url}/#/flags/${flag}/show`);
    await page.locator(`[data-workbench="${flag}"]`).waitFor();
    await page.locator('[data-template-slot="2"]').waitFor();
    const note = page.getByTestId('decision-note');
    expect(await note.inputValue()).toBe('');
    // n opens the picker; 2 picks the queue's second note and puts the cursor in the field.
    await page.keyboard.press('n');
    await page
      .getByRole('status')
      .filter({ hasText: /Pick a canned note|选择常用说明/ })
      .waitFor();
    await page.keyboard.press('2');
    await expect.poll(() => note.inputValue()).toMatch(new RegExp(`^(${escape(template.text_en)}|${escape(template.text_zh)})$`));
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typed into the note, the decision keys do nothing; Esc leaves the field and r decides.
    await page.keyboard.press('End');
    await page.keyboard.type(' Third warning this week.');
    const edited = await note.inputValue();
    expect(edited.endsWith(' Third warning this week.')).toBe(true);
    expect(await t.db('decisions').where({ flag_id: flag }).first()).toBeUndefined();
    await shot(page, 'canned-note');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await page.waitForURL((u) => !u.hash.includes(`/flags/${flag}/show`));
    // The decision is sent when its undo window closes.
    const decision = await expect
      .poll(async () => t.db('decisions').where({ flag_id: flag }).first(), { timeout: 20_000 })
      .toBeTruthy()
      .then(() => t.db('decisions').where({ flag_id: flag }).first());
    expect(decision).toMatchObject({ action: 'remove', staff_id: me, note: edited, note_template_id: template.id });
    const statement = await t.db('statements').where({ decision_id: decision.id }).first();
    expect(statement.text_en).toContain(edited);
    expect(statement.text_zh).toContain(edited);
    await page.close();
  }, 120_000);

  it('a queue target set on the settings page marks late items overdue in the list and counts them in the menu', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    await signIn(page, 'admin');
    const late = await newFlag('scam', 45);
    // The demo's scam target is an hour: not yet overdue.
    expect((await t.db('queue_settings').where({ queue: 'scam' }).first()).sla_minutes).toBe(60);
    await page.goto(`${server.url}/#/queue-settings/scam`);
    const minutes = page.getByLabel(/Target time to decision/);
    await minutes.waitFor();
    await minutes.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await t.db('queue_settings').where({ queue: 'scam' }).first()).sla_minutes).toBe(30);
    expect(await t.db('audit_log').where({ action: 'queue.sla_set', subject_id: 'scam' }).first()).toMatchObject({
      detail: { before: 60, after: 30 },
    });

    await page.goto(`${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue: 'scam' }))}`);
    const row = page
      .locator('tbody tr')
      .filter({ has: page.locator('[data-overdue="true"]') })
      .first();
    await row.waitFor();
    const lateRow = page.locator('tbody tr', { hasText: 'browser test' }).first();
    await lateRow
      .locator('[data-overdue="true"]')
      .getByText(/^Overdue \d+ minutes?$/)
      .waitFor();
    // The menu counts the queue's overdue items beside its open ones.
    const overdue = Number(
      (await t
        .db('flags')
        .where({ queue: 'scam', status: 'open' })
        .where('created_at', '<=', new Date(Date.now() - 30 * 60_000))
        .count({ c: '*' })
        .first())!.c,
    );
    const open = Number((await t.db('flags').where({ queue: 'scam', status: 'open' }).count({ c: '*' }).first())!.c);
    await page.getByRole('menuitem', { name: `${appEnglish.enums.queue.scam}: ${open} · ${overdue} overdue` }).waitFor();
    expect(overdue).toBeGreaterThanOrEqual(1);
    await shot(page, 'overdue');
    expect(await seriousViolations(page)).toEqual([]);
    // The item page says so too.
    await page.goto(`${server.url}/#/flags/${late}/show`);
    await page.locator(`[data-workbench="${late}"] [data-overdue="true"]`).waitFor();
    await page.close();
  }, 120_000);

  it('an admin sees who holds what, reassigns a claim and releases it; a moderator has no such view', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    const flag = await newFlag('fake_review', 3);
    const holder = await staffId('moderator');
    const other = (await t.db('staff').where({ email: 'moderator2@trust.demo' }).first()).id as number;
    const claimedAt = new Date();
    await t
      .db('flags')
      .where({ id: flag })
      .update({ claimed_by: holder, claimed_at: claimedAt, claimed_until: new Date(Date.now() + 10 * 60_000) });

    await signIn(page, 'admin');
    await page.getByRole('menuitem', { name: 'Who holds what' }).click();
    const row = page.locator(`[data-held="${flag}"]`);
    await row.locator('[data-holder]').getByText('莫小丁 (Moderator)').waitFor();
    await shot(page, 'supervisor');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Reassign flag #${flag}` }).click();
    const dialog = page.getByRole('dialog', { name: `Give flag #${flag} to` });
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: /Mo Reyes/ }).click();
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.locator('[data-holder]').getByText('Mo Reyes (Moderator)').waitFor();
    expect(Number((await t.db('flags').where({ id: flag }).first()).claimed_by)).toBe(other);
    const reassigned = await t
      .db('audit_log')
      .where({ action: 'flag.claim_reassigned', subject_id: String(flag) })
      .first();
    expect(reassigned.detail).toMatchObject({ from: holder, to: other });

    await page.getByRole('button', { name: `Release flag #${flag}` }).click();
    await row.waitFor({ state: 'detached' });
    expect((await t.db('flags').where({ id: flag }).first()).claimed_by).toBeNull();
    expect(
      await t
        .db('audit_log')
        .where({ action: 'flag.claim_released_by_supervisor', subject_id: String(flag) })
        .first(),
    ).toBeTruthy();
    await page.close();

    // A moderator sees no supervisor menu, and the page itself refuses.
    const mod = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    mod.setDefaultTimeout(20_000);
    await signIn(mod, 'moderator');
    expect(await mod.getByRole('menuitem', { name: /Who holds what|认领情况/ }).count()).toBe(0);
    await mod.goto(`${server.url}/#/supervisor`);
    await mod
      .getByRole('alert')
      .filter({ hasText: /Access denied|拒绝|denied/i })
      .waitFor();
    await mod.close();
  }, 120_000);

  it('a community manager writes a canned note in both languages on the console; the pages stay axe-clean', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(20_000);
    await signIn(page, 'community_manager');
    const found: string[] = [];
    await page.goto(`${server.url}/#/queue-settings`);
    await page.locator('tbody tr').first().waitFor();
    found.push(...(await seriousViolations(page)).map((v) => `queue targets: ${v}`));
    await page.goto(`${server.url}/#/note-templates`);
    await page.locator('tbody tr').first().waitFor();
    found.push(...(await seriousViolations(page)).map((v) => `canned notes: ${v}`));
    await page.goto(`${server.url}/#/note-templates/create`);
    await page.locator('form').waitFor();
    found.push(...(await seriousViolations(page)).map((v) => `new canned note: ${v}`));
    expect(found).toEqual([]);
    await page.getByLabel('Queue').click();
    await page.getByRole('option', { name: 'Member reports' }).click();
    await page.getByLabel(/^Key/).fill('7');
    await page.getByLabel('Title').fill('Doxxing');
    await page.getByLabel('Text in English').fill('This post shares another member’s personal details.');
    await page.getByLabel('Text in Chinese').fill('此帖公开了其他会员的个人信息。');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = await expect
      .poll(() => t.db('note_templates').where({ queue: 'member_reports', slot: 7 }).first())
      .toBeTruthy()
      .then(() => t.db('note_templates').where({ queue: 'member_reports', slot: 7 }).first());
    expect(row).toMatchObject({
      title: 'Doxxing',
      text_zh: '此帖公开了其他会员的个人信息。',
      created_by: await staffId('community_manager'),
    });
    expect(
      await t
        .db('audit_log')
        .where({ action: 'note_template.create', subject_id: String(row.id) })
        .first(),
    ).toBeTruthy();
    await shot(page, 'canned-notes');
    await page.close();
  }, 120_000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
