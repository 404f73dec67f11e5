import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS } from '../support/browser';
import { startReceiver } from '../support/webhookReceiver';
import { signIn as signInAs, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';

let suite: ConsoleSuite;
let t: TestDb;
let browser: Browser;
let server: ConsoleSuite['server'];

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `editor-${name}.png`), fullPage: true });

async function signIn(page: Page, role: string) {
  await signInAs(page, suite, role);
  await page
    .getByRole('menuitem', { name: /dashboard/i })
    .first()
    .waitFor();
}

/** A draft with one unknown fact, on line 5. */
const UNKNOWN_FACT = `{
  "rules": [
    {
      "name": "r1",
      "conditions": { "all": [ { "fact": "nosuchfact", "operator": "greaterThan", "value": 0 } ] },
      "event": { "type": "flag", "params": { "queue": "spam", "priority": 10, "reason": "x" } }
    }
  ]
}`;
const VALID = UNKNOWN_FACT.replace('nosuchfact', 'linkCount');
const EMPTY_FACT = UNKNOWN_FACT.replace('nosuchfact', '');

/** Replaces the editor's whole text, as a paste would (no bracket auto-closing on the way). */
async function setDraft(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const problems = (page: Page) => page.getByTestId('policy-problem');
const activeLine = (page: Page) => page.locator('.cm-lineNumbers .cm-activeLineGutter').textContent();

describe.skipIf(!HAS_CHROMIUM)('the policy editor, charts and one-time secrets in Chromium', () => {
  beforeAll(async () => {
    suite = await startConsoleSuite();
    ({ t, browser, server } = suite);
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('asks /api/auth/me once on the sign-in page', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/me') asked.push(r.url());
    });
    await page.goto(`${server.url}/`);
    await page.waitForURL(/#\/login/);
    await page.getByLabel(/password/i).waitFor();
    // Long enough for every check react-admin makes on its way to the sign-in form.
    await page.waitForTimeout(1500);
    expect(asked).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('checks as it is typed: a syntax error replaces the schema problems, a fix leaves none, a problem jumps to its line, completion offers facts', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, 'community_manager');
    const policy = await t.db('policies').where({ applies_to: 'post' }).orderBy('id').first('id');
    await page.goto(`${server.url}/#/policies/${policy.id}/show`);
    await page.locator('.cm-lineNumbers').waitFor();

    await setDraft(page, UNKNOWN_FACT);
    await expect.poll(() => problems(page).count()).toBe(1);
    await expect.poll(() => problems(page).first().textContent()).toContain('unknown fact "nosuchfact"');
    expect(await problems(page).first().getAttribute('data-line')).toBe('5');
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);

    // A click on the problem puts the cursor on its line.
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+Home');
    expect(await activeLine(page)).toBe('1');
    await problems(page).first().click();
    await expect.poll(() => activeLine(page)).toBe('5');
    await shot(page, 'problem');

    // Breaking the JSON: the one syntax problem replaces the schema problem, it does not join it.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Backspace');
    await expect.poll(() => problems(page).first().textContent()).toContain('Not JSON');
    expect(await problems(page).count()).toBe(1);
    expect(await page.getByTestId('problem-path').count()).toBe(0);
    await shot(page, 'syntax');

    // Fixed: nothing stale is left, the draft is valid and can be saved.
    await setDraft(page, VALID);
    await page.getByText('The draft is valid.').waitFor();
    expect(await problems(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(false);

    // Completion from the document schema: fact names where a fact is named.
    await setDraft(page, EMPTY_FACT);
    await expect.poll(() => problems(page).count()).toBe(1);
    await problems(page).first().click();
    await expect.poll(() => activeLine(page)).toBe('5');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('contact');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(async () => (await options.allTextContents()).join(' ')).toContain('contactHandles');
    await shot(page, 'completion');
    await page.getByRole('option', { name: /^contactCount/ }).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('"fact": "contactCount"');
    await page.getByText('The draft is valid.').waitFor();
    await page.close();
  }, 120_000);

  it('dry-run results are named by item; a shadow publish says it runs in shadow, an enforced one that it is in force; versions show date, author and note', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, 'community_manager');
    const policy = await t.db('policies').where({ applies_to: 'post' }).orderBy('id').first('id', 'name');
    const post = await t.db('posts').whereNotNull('body').orderBy('id').first('id', 'body');
    await page.goto(`${server.url}/#/policies/${policy.id}/show/dry-run`);
    await page.getByLabel('Items').fill(String(post.id));
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('link', { name: `Item #${post.id}` }).waitFor();
    expect(await page.getByTestId('dry-run-snippet').first().textContent()).toMatch(/^“.+”$/);
    expect(await page.getByTestId('dry-run-result').first().textContent()).toMatch(new RegExp(`^Item #${post.id}“`));
    await shot(page, 'dry-run');

    await page.goto(`${server.url}/#/policies/${policy.id}/show`);
    await page.getByRole('button', { name: 'Publish in shadow mode' }).click();
    await page.getByRole('dialog', { name: 'Run this in shadow mode?' }).waitFor();
    await page.getByLabel('Note (kept with the version)').fill('trial on live traffic');
    await shot(page, 'shadow-confirm');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const shadowNote = page.getByText(/runs in shadow mode: its hits are recorded, nothing is enforced/);
    await shadowNote.waitFor();
    expect(await page.getByText(/is in force/).count()).toBe(0);
    const shadow = await t.db('policy_versions').where({ policy_id: policy.id }).orderBy('version', 'desc').first();
    expect(shadow.mode).toBe('shadow');
    expect(shadow.note).toBe('trial on live traffic');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('dialog', { name: 'Put this in force?' }).waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Version ${shadow.version + 1} is in force`).waitFor();

    // The picker: each version with its date, the author's name and the note.
    await page.getByLabel('Roll back to').click();
    const shadowOption = page.getByRole('option', { name: new RegExp(`^v${shadow.version} · Shadow`, 'i') });
    await shadowOption.waitFor();
    expect(await shadowOption.textContent()).toMatch(/Cam Manager · trial on live traffic/);
    expect(await shadowOption.textContent()).toMatch(/\d{4}/);
    await shot(page, 'versions');
    await page.keyboard.press('Escape');
    await page.close();
  }, 120_000);

  it('the board threshold asks for a percentage: 250 gets a message of its own, 25 is stored as 0.25', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, 'community_manager');
    await page.goto(`${server.url}/#/community-health`);
    const input = page.getByTestId('percent-input').first();
    await input.waitFor();
    const form = page.locator('[data-testid^="threshold-"]').first();
    const board = (await form.getAttribute('data-testid'))!.replace(/^threshold-/, '');
    await input.fill('250');
    await form.getByText('Enter a percentage from 1 to 100').waitFor();
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(await page.getByText(/expected number/).count()).toBe(0);
    await shot(page, 'percent-error');
    await input.fill('25');
    await form.getByText('1–100 %').waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => Number((await t.db('board_thresholds').where({ board }).first())?.commercial_share)).toBe(0.25);
    await page.close();
  }, 60_000);

  it('one-time secrets: the form clears, the secret can be copied; the webhook test shows the receiver’s answer', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, 'admin');
    await page.goto(`${server.url}/#/api-keys/create`);
    await page.getByLabel('Name').fill('Shop feed');
    await page.getByLabel('Platform').fill('shopfeed');
    await page.getByRole('button', { name: 'Save' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!.trim();
    expect(key.length).toBeGreaterThan(20);
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('');
    expect(await page.getByLabel('Platform').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shot(page, 'api-key-secret');

    const receiver = await startReceiver(() => 500);
    try {
      await page.goto(`${server.url}/#/webhook-subscriptions/create`);
      await page.getByLabel('Address').fill(receiver.url);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('new-webhook-secret').waitFor();
      await expect.poll(() => page.getByLabel('Address').inputValue()).toBe('');
      const sub = await t.db('webhook_subscriptions').where({ url: receiver.url }).first('id');
      await page.goto(`${server.url}/#/webhook-subscriptions/${sub.id}`);
      await page.getByRole('button', { name: 'Send test event' }).click();
      const result = page.getByTestId('webhook-test-result');
      await result.waitFor();
      expect(await result.textContent()).toMatch(/failed: HTTP 500 \(after \d+ ms\).*The receiver answered:\s*try again/s);
      await shot(page, 'webhook-test');
    } finally {
      await t.db('webhook_subscriptions').where({ url: receiver.url }).update({ active: false });
      await receiver.close();
    }
    await context.close();
  }, 90_000);

  it('charts: days on a time axis, round count ticks, every latency bar labelled', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, 'admin');
    await page.goto(`${server.url}/#/`);
    await page.locator('.recharts-surface').first().waitFor();
    await page.waitForTimeout(500);
    // Every y tick of every chart is a round step: 1, 2 or 5 × 10ⁿ apart.
    const axes = await page
      .locator('.recharts-yAxis-tick-labels')
      .evaluateAll((els) =>
        els.map((el) => [...el.querySelectorAll('text')].map((n) => Number((n.textContent ?? '').replace(/[^\d.]/g, '')))),
      );
    expect(axes.length).toBeGreaterThan(0);
    for (const ticks of axes) {
      const step = ticks[1]! - ticks[0]!;
      expect(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3)), `ticks ${ticks.join('/')}`).toBeOneOf([1, 2, 5]);
    }
    const latency = page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: 'Time to decision' }) });
    const bars = await latency.locator('.recharts-bar-rectangle').count();
    const ticks = await latency.locator('.recharts-xAxis-tick-labels text').count();
    expect(ticks).toBeGreaterThan(0);
    // Each queue named on the axis, each bar (median and p90 per queue) carrying its value.
    expect(await latency.locator('.recharts-label-list text').count()).toBe(bars);
    expect(bars).toBe(ticks * 2);
    await shot(page, 'dashboard');
    await page.close();
  }, 60_000);
});
