import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDb } from '../support/testDb';
import { HAS_CHROMIUM } from '../support/browser';
import type { DemoCredential } from '../../api/seed/demoStaff';
import { signIn as signInAs, startConsoleSuite, type ConsoleSuite } from '../support/consoleSuite';

// axe-core is the reference engine for WCAG checks; its source is injected into the page as is
// (the page is opened with CSP bypassed for that, since the console forbids inline scripts).
const AXE_SOURCE = createRequire(import.meta.url)('node:fs').readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
) as string;

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] };

let suite: ConsoleSuite;
let t: TestDb;
let browser: Browser;
let server: ConsoleSuite['server'];
let creds: DemoCredential[];

async function signIn(page: Page, role: string) {
  await signInAs(page, suite, role);
  await page
    .getByRole('menuitem', { name: /dashboard/i })
    .first()
    .waitFor();
}

/** Names, labels and roles: what a keyboard or screen-reader user needs to work the page. */
async function violations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag21a'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !knownUpstream(v.id, n.target.join(' '))) }))
    .filter((v) => v.nodes.length > 0);
}

/**
 * react-admin 5.15's row checkbox puts its aria-label on the MUI Checkbox root instead of the
 * input (SelectRowCheckbox), so the input is unlabelled and the span carries a prohibited
 * attribute. The header checkbox does it right. Only this known upstream fault is set aside,
 * node by node, so anything else on the same pages still fails the test.
 */
function knownUpstream(rule: string, target: string): boolean {
  return (rule === 'label' || rule === 'aria-prohibited-attr') && target.includes('.RaDataTable-checkbox');
}

/** The page once its requests are done: no loading spinner in the app bar for half a second. */
async function settled(page: Page): Promise<void> {
  let quietSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() - quietSince < 500) {
    if (Date.now() > deadline) throw new Error('the page kept loading for 15 s');
    if ((await page.locator('.RaLoadingIndicator-loader').count()) > 0) quietSince = Date.now();
    await page.waitForTimeout(100);
  }
}

/** A rough accessible name of the focused element: its aria-label, else its label, else its text. */
async function focusedName(page: Page): Promise<string> {
  const name = await page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
    if (!el) return '';
    return el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '';
  });
  return name.trim();
}

/** Presses Tab until the focused element's name matches, as a keyboard-only user would. */
async function tabTo(page: Page, name: RegExp, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`${name} not reached with ${maxPresses} presses of Tab`);
}

const describeViolations = (list: AxeViolation[]) =>
  list
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join('\n  ')}`,
    )
    .join('\n');

describe.skipIf(!HAS_CHROMIUM)('console accessibility (axe-core, WCAG 2.1 A)', () => {
  beforeAll(async () => {
    suite = await startConsoleSuite();
    ({ t, browser, server, creds } = suite);
  }, 180_000);
  afterAll(async () => {
    await suite?.close();
  });

  it('every main page has named controls, labelled fields and valid roles', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(15_000);
    const found: string[] = [];
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel(/password/i).waitFor();
    const atLogin = await violations(page);
    if (atLogin.length) found.push(`login:\n${describeViolations(atLogin)}`);
    await signIn(page, 'admin');
    const flag = await t.db('flags').where({ status: 'open', subject_type: 'post' }).orderBy('priority', 'desc').first('id');
    const decision = await t.db('decisions').whereNotNull('staff_id').first('id');
    const policy = await t.db('policies').first('id');
    const post = await t.db('posts').first('id');
    const report = await t.db('reports').first('id');
    const reportedFlag = await t.db('flags').where('report_count', '>', 1).first('id');
    const statement = await t.db('statements').first('id');
    const boardAlertFlag = await t.db('flags').where({ queue: 'community' }).first('id');
    const pages: [string, string, () => Promise<unknown>][] = [
      ['dashboard', '#/', () => page.locator('.recharts-surface').first().waitFor()],
      ['flags', '#/flags', () => page.locator('tbody tr').first().waitFor()],
      ['flag', `#/flags/${flag.id}/show`, () => page.getByText(/rules? fired/).waitFor()],
      ['posts', '#/posts', () => page.locator('tbody tr').first().waitFor()],
      ['post', `#/posts/${encodeURIComponent(post.id)}/show`, () => page.locator('main').first().waitFor()],
      ['decision', `#/decisions/${decision.id}/show`, () => page.getByRole('button', { name: /reverse on appeal/i }).waitFor()],
      ['policies', '#/policies', () => page.locator('tbody tr').first().waitFor()],
      ['policy', `#/policies/${policy.id}/show`, () => page.getByText('The draft is valid.').waitFor()],
      ['compliance report', '#/compliance-report', () => page.locator('main').first().waitFor()],
      ['policy draft', `#/policies/${policy.id}/show/1`, () => page.locator('main').first().waitFor()],
      ['new policy', '#/policies/create', () => page.locator('form').first().waitFor()],
      ['policy lists', '#/policy-lists', () => page.locator('tbody tr').first().waitFor()],
      ['new staff member', '#/staff/create', () => page.locator('form').first().waitFor()],
      ['api keys', '#/api-keys', () => page.locator('main').first().waitFor()],
      ['accounts', '#/accounts', () => page.locator('tbody tr').first().waitFor()],
      ['audit log', '#/audit-log', () => page.locator('tbody tr').first().waitFor()],
      ['member reports', '#/reports', () => page.locator('tbody tr').first().waitFor()],
      ['report', `#/reports/${report.id}/show`, () => page.locator('main').first().waitFor()],
      ['reported flag', `#/flags/${reportedFlag.id}/show`, () => page.getByText(/\d+ reports, weight/).waitFor()],
      ['new webhook', '#/webhook-subscriptions/create', () => page.locator('form').first().waitFor()],
      ['webhook deliveries', '#/webhook-deliveries', () => page.locator('main').first().waitFor()],
      ['community health', '#/community-health', () => page.locator('.recharts-surface').first().waitFor()],
      ['statements', '#/statements', () => page.locator('tbody tr').first().waitFor()],
      ['statement', `#/statements/${statement.id}/show`, () => page.locator('main').first().waitFor()],
      ['appeals', '#/appeals', () => page.locator('main').first().waitFor()],
      [
        'board alert flag',
        `#/flags/${boardAlertFlag.id}/show`,
        () =>
          page
            .getByRole('link', { name: /^#\d+$/ })
            .first()
            .waitFor(),
      ],
      ['transparency report', '#/transparency-report', () => page.getByRole('button', { name: 'Generate report' }).waitFor()],
    ];
    for (const [name, hash, ready] of pages) {
      await page.goto(`${server.url}/${hash}`);
      await ready();
      await settled(page);
      const list = await violations(page);
      if (list.length) found.push(`${name}:\n${describeViolations(list)}`);
    }
    // The loading spinner has a name (react-admin leaves it unnamed): caught by slowing one answer.
    await page.route('**/api/flags?**', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      // A request the page has given up on by then needs no answer.
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${server.url}/#/flags`);
    const loader = page.locator('.RaLoadingIndicator-loader').first();
    await loader.waitFor();
    expect(await loader.getAttribute('aria-label')).toBe('Loading');
    await loader.waitFor({ state: 'detached' });
    await page.unroute('**/api/flags?**');
    // Dialogs opened from the keyboard or a button: the triage keys and the appeal reversal.
    await page.goto(`${server.url}/#/flags`);
    await page.locator('tbody tr').first().waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    const help = await violations(page);
    if (help.length) found.push(`keyboard help:\n${describeViolations(help)}`);
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/#/decisions/${decision.id}/show`);
    await page.getByRole('button', { name: /reverse on appeal/i }).click();
    await page.getByRole('dialog').waitFor();
    const appeal = await violations(page);
    if (appeal.length) found.push(`appeal dialog:\n${describeViolations(appeal)}`);
    expect(found.join('\n\n')).toBe('');
    await page.close();
  }, 180_000);
  it('a moderator works a queue with the keyboard alone: sign in, open a queue, open an item, decide', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    const moderator = creds.find((c) => c.role === 'moderator')!;
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel(/password/i).waitFor();
    // The e-mail field has the focus when the page opens.
    await expect.poll(() => focusedName(page)).toMatch(/e-mail/i);
    await page.keyboard.type(moderator.email);
    await tabTo(page, /password/i);
    await page.keyboard.type(moderator.password);
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: /^Scams: \d+/ }).waitFor();
    await tabTo(page, /^Scams: [1-9]\d*( · \d+ overdue)?$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/queue%22%3A%22scam|queue":"scam/);
    await page.getByText(/^Keys: j \/ k/).waitFor();
    await settled(page);
    // The first row is selected; o opens its evidence page.
    await page.keyboard.press('o');
    await page.waitForURL(/#\/flags\/\d+\/show/);
    const id = Number(/#\/flags\/(\d+)\/show/.exec(page.url())![1]);
    expect((await t.db('flags').where({ id }).first()).queue).toBe('scam');
    await page
      .getByText(/rules? fired|fired/)
      .first()
      .waitFor();
    await tabTo(page, /^Remove \(r\)$/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await t.db('flags').where({ id }).first()).status, { timeout: 10_000 }).toBe('decided');
    const decision = await t.db('decisions').where({ flag_id: id }).first();
    expect(decision.action).toBe('remove');
    expect(decision.staff_id).toBe((await t.db('staff').where({ email: moderator.email }).first()).id);
    await page.close();
  }, 120_000);
});
