import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS } from '../support/browser';
import { signIn as signInAs, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';
import { UNDO_MS } from '../../console/src/flags/undoWindow';
import { queueWordsChinese } from '../../console/src/i18n/queueWords';

let suite: ConsoleSuite;
let t: TestDb;
let browser: Browser;
let server: ConsoleSuite['server'];

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `workbench-${name}.png`), fullPage: true });
const staffId = async (role: string) =>
  (
    await t
      .db('staff')
      .where({ email: suite.creds.find((c) => c.role === role)!.email })
      .first()
  ).id as number;
const openIdFromUrl = (page: Page) => Number(/#\/flags\/(\d+)\/show/.exec(page.url())?.[1]);
/** The item page has loaded its one answer for this flag. */
const workbenchReady = (page: Page, id: number) => page.locator(`[data-workbench="${id}"]`).waitFor();

async function signIn(page: Page, role: string) {
  await signInAs(page, suite, role);
  await page
    .getByRole('menuitem', { name: /dashboard|概览/i })
    .first()
    .waitFor();
}

/**
 * Stops the page's clock where it is (its timers wait) until `page.clock.resume()`, so what the
 * test does meanwhile, however slowly the machine does it, cannot race the Undo offer's time.
 * pauseAt stops at a time still ahead: the page's time plus a margin, grown if the call lands later.
 */
async function holdClock(page: Page): Promise<void> {
  for (const margin of [250, 2_000, 10_000]) {
    const ok = await page.clock.pauseAt((await page.evaluate(() => Date.now())) + margin).then(
      () => true,
      () => false,
    );
    if (ok) return;
  }
  throw new Error('the page clock could not be paused');
}

const zhQueueName = (queue: string) => queueWordsChinese.queue[queue as keyof typeof queueWordsChinese.queue];

/** Open items of a queue, in the order the queue is worked (priority, then oldest first), as claim-next takes them. */
async function openInQueueOrder(queue: string, limit: number, unclaimedOnly: boolean): Promise<number[]> {
  const rows = (await t
    .db('flags')
    .where({ status: 'open', queue })
    .modify((q) => unclaimedOnly && q.whereNull('claimed_by'))
    .orderBy([
      { column: 'priority', order: 'desc' },
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit)
    .select('id')) as Array<{ id: number }>;
  return rows.map((r) => Number(r.id));
}

/** The queue that has the most open, unclaimed items (the demo seed decides which). */
async function busiestQueue(): Promise<{ queue: string; open: number }> {
  const rows = (await t
    .db('flags')
    .where({ status: 'open' })
    .whereNull('claimed_by')
    .groupBy('queue')
    .select('queue')
    .count({ c: '*' })
    .orderBy('c', 'desc')) as unknown as Array<{ queue: string; c: number | string }>;
  return { queue: rows[0]!.queue, open: Number(rows[0]!.c) };
}

describe.skipIf(!HAS_CHROMIUM)('the moderator workbench in Chromium', () => {
  beforeAll(async () => {
    suite = await startConsoleSuite();
    ({ t, browser, server } = suite);
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('the item page: two columns, the author named, keys work, ? shows them, the next item opens claimed and Undo brings the last one back', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    // The page's clock is Playwright's (running at the real pace until held), so the Undo offer's time can be held still.
    await page.clock.install();
    await signIn(page, 'moderator');
    const me = await staffId('moderator');
    const reply = await t
      .db('flags as f')
      .join('posts as p', 'p.id', 'f.subject_id')
      .where({ 'f.status': 'open', 'f.subject_type': 'post', 'p.kind': 'reply' })
      .whereNull('f.claimed_by')
      .orderBy('f.priority', 'desc')
      .first('f.id', 'f.queue', 'p.author_id');
    const author = await t.db('accounts').where({ id: reply.author_id }).first();
    await page.goto(`${server.url}/#/flags/${reply.id}/show`);
    await workbenchReady(page, reply.id);
    // Two columns on a wide screen: the decision panel sits to the right of the content.
    const content = await page.getByRole('heading', { name: 'The item' }).boundingBox();
    const panel = await page.getByRole('complementary', { name: 'Decision' }).boundingBox();
    expect(panel!.x).toBeGreaterThan(content!.x + content!.width - 1);
    await page.getByText(`@${author.handle}`).first().waitFor();
    await page.getByRole('heading', { name: 'Thread context' }).waitFor();
    await page.getByText('Opening post').first().waitFor();
    await page.getByText('Nobody holds this item').waitFor();
    await shot(page, 'item');
    await page.keyboard.press('?');
    await page
      .getByRole('dialog', { name: 'Keyboard' })
      .getByText(/this queue’s action/)
      .waitFor();
    await shot(page, 'item-keys');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // c claims, with the holder's name and the time left.
    await page.keyboard.press('c');
    await page.getByText(/You hold this item \(\d+ min left\)/).waitFor();
    expect((await t.db('flags').where({ id: reply.id }).first()).claimed_by).toBe(me);

    // e escalates: the next item of the same queue opens, already claimed by this moderator.
    // The page's timers are held from here to the Undo click: on a loaded machine these steps take longer than the offer lasts.
    await holdClock(page);
    await page.keyboard.press('e');
    await page.waitForURL((u) => /#\/flags\/\d+\/show/.test(u.hash) && !u.hash.includes(`/flags/${reply.id}/`));
    const next = openIdFromUrl(page);
    await workbenchReady(page, next);
    const nextRow = await t.db('flags').where({ id: next }).first();
    expect(nextRow.queue).toBe(reply.queue);
    // The item looked up ahead opens at once and is claimed behind it.
    await expect.poll(async () => (await t.db('flags').where({ id: next }).first()).claimed_by).toBe(me);
    // The offer lasts its time counted from when it shows, not from the key: a second short of it, it is still there.
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    await page.clock.runFor(UNDO_MS - 1_000);
    expect(await undo.isVisible()).toBe(true);
    // Undo: back to the escalated item, nothing decided; the item opened after it is given back.
    await undo.click();
    await page.clock.resume();
    await page.waitForURL((u) => u.hash.includes(`/flags/${reply.id}/show`));
    await workbenchReady(page, reply.id);
    await shot(page, 'after-undo');
    await expect.poll(async () => (await t.db('flags').where({ id: next }).first()).claimed_by).toBeNull();
    expect(await t.db('decisions').where({ flag_id: reply.id }).first()).toBeUndefined();
    // b goes back to the queue, titled by its name.
    await page.keyboard.press('b');
    await page
      .getByText(/^Queue: /)
      .first()
      .waitFor();
    await page.close();
  }, 120_000);

  it('opens whatever is next, claimed, when the item looked up ahead was taken meanwhile', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.clock.install();
    await signIn(page, 'moderator');
    const me = await staffId('moderator');
    const other = await staffId('admin');
    const { queue } = await busiestQueue();
    const [first, second] = await openInQueueOrder(queue, 2, true);
    // The page looks the queue's next item up ahead and fetches its page.
    const lookedAhead = page.waitForResponse((r) => r.url().endsWith(`/api/flags/${second}/workbench`));
    await page.goto(`${server.url}/#/flags/${first}/show`);
    await workbenchReady(page, first!);
    await lookedAhead;
    // Another moderator takes it before this one decides.
    await t
      .db('flags')
      .where({ id: second })
      .update({ claimed_by: other, claimed_at: new Date(), claimed_until: new Date(Date.now() + 600_000) });
    await holdClock(page);
    await page.keyboard.press('a');
    await page.waitForURL((u) => /#\/flags\/\d+\/show/.test(u.hash) && ![first, second].some((id) => u.hash.includes(`/flags/${id}/`)));
    const third = openIdFromUrl(page);
    await workbenchReady(page, third);
    expect((await t.db('flags').where({ id: third }).first()).claimed_by).toBe(me);
    expect((await t.db('flags').where({ id: second }).first()).claimed_by).toBe(other);
    // Undo gives back the item opened instead, and leaves the other moderator's alone.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.clock.resume();
    await page.waitForURL((u) => u.hash.includes(`/flags/${first}/show`));
    await expect.poll(async () => (await t.db('flags').where({ id: third }).first()).claimed_by).toBeNull();
    expect((await t.db('flags').where({ id: second }).first()).claimed_by).toBe(other);
    expect(await t.db('decisions').where({ flag_id: first }).first()).toBeUndefined();
    await t.db('flags').whereIn('id', [first!, second!]).update({ claimed_by: null, claimed_at: null, claimed_until: null });
    await page.close();
  }, 120_000);

  it('keyboard only: a moderator decides 20 items from one queue without the mouse', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.clock.install();
    await signIn(page, 'moderator');
    const me = await staffId('moderator');
    const { queue, open } = await busiestQueue();
    expect(open).toBeGreaterThanOrEqual(21);
    await page.goto(`${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}`);
    await page.locator('tbody tr').first().waitFor();
    // A key pressed while the list is still refetching has no row yet: pressed again (at most three times).
    for (let tries = 0; tries < 3; tries++) {
      await page.keyboard.press('o');
      if (
        await page.waitForURL(/#\/flags\/\d+\/show/, { timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        break;
    }
    await page.waitForURL(/#\/flags\/\d+\/show/);
    const decided: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = openIdFromUrl(page);
      await workbenchReady(page, id);
      decided.push(id);
      // Approve is every queue's a; the last decision is left in its undo window and flushed below.
      await page.keyboard.press('a');
      await page.waitForURL((u) => !u.hash.includes(`/flags/${id}/show`));
    }
    expect(new Set(decided).size).toBe(20);
    // The last decision's Undo offer runs out by itself: its time is run on the page's clock, not waited for.
    await page.clock.runFor(UNDO_MS);
    await expect
      .poll(
        async () =>
          Number(
            (await t.db('decisions').whereIn('flag_id', decided).where({ staff_id: me, action: 'approve' }).count({ c: '*' }).first())!.c,
          ),
        { timeout: 20_000 },
      )
      .toBe(20);
    const flags = await t.db('flags').whereIn('id', decided);
    expect(flags.every((f) => f.queue === queue && f.status === 'decided')).toBe(true);
    expect(
      Number(
        (await t
          .db('audit_log')
          .where({ action: 'decision.create' })
          .whereIn(
            'subject_id',
            flags.map((f) => String(f.subject_id)),
          )
          .count({ c: '*' })
          .first())!.c,
      ),
    ).toBeGreaterThanOrEqual(20);
    await shot(page, 'after-20');
    await page.close();
  }, 180_000);

  it('the queue list: titled by its queue, author, reach, age and claim columns, the queue’s own key, snippets highlighted', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    await signIn(page, 'moderator');
    await page.goto(`${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue: 'undisclosed_ad' }))}`);
    await page.locator('tbody tr').first().waitFor();
    await page.getByText('Queue: Undisclosed ads').first().waitFor();
    await page.getByText(/Keys: j \/ k to move, a approve, r require disclosure/).waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(expect.arrayContaining(['Item', 'Author', 'Reach', 'Waiting', 'Claimed by']));
    expect(headers).not.toContain('Queue');
    await shot(page, 'queue-list');
    await page.close();
  }, 60_000);

  it('the queue list’s first paint: the same rows before the console has loaded, in its language, asked for once, then out of the way', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const signedIn = await context.newPage();
    await signIn(signedIn, 'moderator');
    // A page of its own (the session's cookie, nothing loaded): a load, not a move within the console.
    const page = await context.newPage();
    const { queue } = await busiestQueue();
    // What the first paint showed, noted the moment it appears (it is gone once the console draws its list).
    await page.addInitScript(`new MutationObserver(() => {
      const fp = document.getElementById('first-paint');
      if (!fp || window.__firstPaint) return;
      window.__firstPaint = {
        title: fp.querySelector('h1').textContent,
        headers: [...fp.querySelectorAll('th')].map((th) => th.textContent),
        ids: [...fp.querySelectorAll('tbody tr')].map((tr) => Number(tr.dataset.id)),
        consoleRows: document.querySelectorAll('#root tbody tr').length,
      };
    }).observe(document, { childList: true, subtree: true });`);
    const listRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/flags\?/.test(r.url())) listRequests.push(r.url());
    });
    await page.goto(`${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}`);
    await page.locator('#root tbody tr').first().waitFor();
    const requestsBeforeConsoleRows = listRequests.length;
    await expect.poll(() => page.locator('#first-paint').count()).toBe(0);
    const shown = (await page.evaluate('window.__firstPaint')) as {
      title: string;
      headers: string[];
      ids: number[];
      consoleRows: number;
    } | null;
    expect(shown).not.toBeNull();
    expect(shown!.consoleRows).toBe(0);
    expect(shown!.title).toBe(`队列：${zhQueueName(queue)}`);
    expect(shown!.headers).toEqual(expect.arrayContaining(['优先级', '条目', '作者', '触达', '等待时长', '认领人']));
    const expected = await openInQueueOrder(queue, 25, false);
    expect(shown!.ids).toEqual(expected);
    // The console took the first paint's answer over instead of asking again.
    expect(requestsBeforeConsoleRows).toBe(1);
    // Held up on its way, the console's entry leaves the first paint on screen: its picture, then the console.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = await context.newPage();
    await slow.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await slow.goto(`${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}`, {
      waitUntil: 'commit',
    });
    await slow.locator('#first-paint tbody tr').first().waitFor();
    await shot(slow, 'queue-first-paint-zh');
    release();
    await slow.locator('#root tbody tr').first().waitFor();
    await expect.poll(() => slow.locator('#first-paint').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('compliance sees only its queue; bulk remove asks first and can be undone', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.clock.install();
    await signIn(page, 'compliance');
    await page.getByRole('menuitem', { name: /^Undisclosed ads: \d+/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: /^Spam: \d+/ }).count()).toBe(0);
    await page.goto(`${server.url}/#/flags`);
    await page.getByText('Queue: Undisclosed ads').first().waitFor();
    await page.locator('tbody tr').first().waitFor();
    const ids = await openInQueueOrder('undisclosed_ad', 2, true);
    await page.locator('tbody tr').nth(0).locator('input[type=checkbox]').check();
    await page.locator('tbody tr').nth(1).locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: 'Remove selected (queue action)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decide 2 selected items?' });
    await dialog.getByText(/Require disclosure/).waitFor();
    await shot(page, 'bulk-confirm');
    // The offer is held from when it shows to the Undo click, as on the item page. The confirmation closes on the page's
    // running clock first; the claims are kept waiting until the clock is held, and the offer only comes after them.
    let sendClaims = () => {};
    const claimsMayGo = new Promise<void>((resolve) => (sendClaims = resolve));
    await page.route('**/api/flags/*/claim', async (route) => {
      await claimsMayGo;
      await route.continue();
    });
    await dialog.getByRole('button', { name: 'Decide' }).click();
    await dialog.waitFor({ state: 'detached' });
    await holdClock(page);
    sendClaims();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.unroute('**/api/flags/*/claim');
    await page.getByText(/Undone: 2 items released/).waitFor();
    await page.clock.resume();
    const after = await t.db('flags').whereIn('id', ids);
    expect(after.every((f) => f.status === 'open' && f.claimed_by === null)).toBe(true);
    expect(await t.db('decisions').whereIn('flag_id', ids).first()).toBeUndefined();
    // An item of a queue compliance does not work: it reads the item and is offered nothing that would answer 403.
    const spam = await t.db('flags').where({ status: 'open', queue: 'spam' }).first('id');
    await page.goto(`${server.url}/#/flags/${spam.id}/show`);
    await workbenchReady(page, Number(spam.id));
    await page.getByText('Your role does not work this queue').waitFor();
    expect(await page.getByRole('button', { name: /^(Approve|Claim)/ }).count()).toBe(0);
    await page.close();
  }, 90_000);

  it('the item page in Chinese', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await signIn(page, 'moderator');
    const flag = await t
      .db('flags')
      .where({ status: 'open', subject_type: 'post' })
      .whereNull('claimed_by')
      .orderBy('priority', 'desc')
      .first('id');
    await page.goto(`${server.url}/#/flags/${flag.id}/show`);
    await workbenchReady(page, flag.id);
    await page.getByRole('heading', { name: '条目内容' }).waitFor();
    await page.getByRole('complementary', { name: '处理' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh');
    await shot(page, 'item-zh');
    await page.close();
  }, 60_000);
});
