/**
 * The moderator's first load and keyboard overhead, measured in Chromium against the app with the
 * seeded demo community (embedded PGlite, built console, compression on).
 *
 * - Queue list: from navigation to the first rows visible, in a fresh browser context each time
 *   (nothing cached: a full load) and in the same context again (cached scripts: Back or a
 *   second visit). Target: median ≤ 500 ms.
 * - Keyboard: 20 items of one queue decided with `a` on the item page; per decision, from the
 *   key press to the next item's page filled. Target: median ≤ 300 ms.
 *
 * Figures vary up to 2× between runs on a shared 2-core machine: compare within one run.
 */
import { performance } from 'node:perf_hooks';
import type { BrowserContext } from 'playwright-core';
import { HAS_CHROMIUM } from '../test/support/browser';
import { startConsoleSuite } from '../test/support/consoleSuite';
import { percentile, report, round } from './report';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const DECISIONS = 20;

async function main() {
  if (!HAS_CHROMIUM) throw new Error('bench:queue-load needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH)');
  const suite = await startConsoleSuite();
  const { t, browser, server } = suite;
  try {
    const cred = suite.creds.find((c) => c.role === 'moderator')!;
    // One sign-in; its cookies are reused by every context below.
    const login = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const res = await login.request.post(`${server.url}/api/auth/login`, { data: { email: cred.email, password: cred.password } });
    if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
    const state = await login.storageState();
    await login.close();

    const rows = (await t.db('flags').where({ status: 'open' }).groupBy('queue').select('queue').count({ c: '*' }).orderBy('c', 'desc')) as unknown as Array<{ queue: string; c: string | number }>;
    const queue = rows[0]!.queue;
    const listUrl = `${server.url}/#/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}`;

    const loadOnce = async (context: BrowserContext) => {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(listUrl);
      await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      const ms = performance.now() - t0;
      await page.close();
      return ms;
    };
    // One unmeasured load warms the server (query plans, the first compression of each asset).
    const warmup = await browser.newContext({ storageState: state });
    await loadOnce(warmup);
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ storageState: state, locale: 'en-US', viewport: { width: 1440, height: 900 } });
      cold.push(await loadOnce(context));
      warm.push(await loadOnce(context));
      await context.close();
    }
    await warmup.close();

    // Keyboard: open the queue's first item, then decide 20 with `a`.
    const context = await browser.newContext({ storageState: state, locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(listUrl);
    await page.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    // A key pressed while the list is still refetching has no row yet: pressed again (at most three times).
    for (let tries = 0; tries < 3; tries++) {
      await page.keyboard.press('o');
      if (await page.waitForURL(/#\/flags\/\d+\/show/, { timeout: 5_000 }).then(() => true, () => false)) break;
    }
    await page.waitForURL(/#\/flags\/\d+\/show/);
    const currentId = () => Number(/#\/flags\/(\d+)\/show/.exec(page.url())?.[1]);
    let id = currentId();
    await page.locator(`[data-workbench="${id}"]`).waitFor();
    const perDecision: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const t0 = performance.now();
      await page.keyboard.press('a');
      await page.waitForURL((u) => /#\/flags\/\d+\/show/.test(u.hash) && !u.hash.includes(`/flags/${id}/show`), { timeout: 30_000 });
      const next = currentId();
      await page.locator(`[data-workbench="${next}"]`).waitFor({ timeout: 30_000 });
      perDecision.push(performance.now() - t0);
      id = next;
    }
    await context.close();

    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const figures = {
      queue,
      loads: LOADS,
      fullLoadMedianMs: round(percentile(sorted(cold), 50)),
      fullLoadP95Ms: round(percentile(sorted(cold), 95)),
      cachedLoadMedianMs: round(percentile(sorted(warm), 50)),
      cachedLoadP95Ms: round(percentile(sorted(warm), 95)),
      decisions: DECISIONS,
      keyToNextItemMedianMs: round(percentile(sorted(perDecision), 50)),
      keyToNextItemP95Ms: round(percentile(sorted(perDecision), 95)),
      targets: { fullLoadMedianMs: 500, keyToNextItemMedianMs: 300 },
    };
    report(
      [
        `queue list (${queue}), navigation to rows visible, ${LOADS} loads each:`,
        `  full load (fresh context)   median ${figures.fullLoadMedianMs} ms, p95 ${figures.fullLoadP95Ms} ms   (target median ≤ 500 ms)`,
        `  cached scripts (same ctx)   median ${figures.cachedLoadMedianMs} ms, p95 ${figures.cachedLoadP95Ms} ms`,
        `keyboard, ${DECISIONS} decisions with a on the item page, key press to next item filled:`,
        `  median ${figures.keyToNextItemMedianMs} ms, p95 ${figures.keyToNextItemP95Ms} ms   (target median ≤ 300 ms)`,
      ],
      figures,
    );
  } finally {
    await suite.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
