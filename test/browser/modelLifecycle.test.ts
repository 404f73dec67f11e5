import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/testDb';
import { HAS_CHROMIUM, SCREENSHOTS, launchBrowser, serveConsole } from '../support/browser';
import { TEST_PASSWORD, createApiKey, createStaff } from '../support/testApp';
import { startTestJobs } from '../support/testJobs';
import { systemClock } from '../../api/deps';
import { installShippedModel } from '../../api/models/modelRegistry';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import type { Role } from '../../contract/access';
import { seriousViolations } from '../support/axe';

const KIND = (n: number) =>
  `Morning all, the moonberry co-op newsletter number ${n} is out, moonberry ${['members', 'friends', 'neighbours', 'pickers'][n % 4]} only`;
const ORDINARY = (n: number) =>
  `Does anyone know a good ${['charger', 'kettle', 'backpack', 'desk lamp', 'rain jacket'][n % 5]}? asking for my ${['sister', 'flatmate', 'dad'][n % 3]}, thanks ${n}`;

let t: TestDb;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveConsole>>;
let staff: Record<Role, { id: number; email: string }>;
let key: string;
let moderator: string;
let seq = 0;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Posts from the platform and decisions by a moderator: what makes labels, done outside the community manager's console. */
async function ingest(texts: string[]): Promise<number[]> {
  const items = texts.map((body) => ({
    id: `b-${++seq}`,
    kind: 'thread',
    author: { id: `a-${seq % 9}` },
    board: 'general',
    body,
    postedAt: new Date().toISOString(),
  }));
  const res = await request(server.url).post('/api/v1/posts').set('Authorization', `Bearer ${key}`).send({ items }).expect(201);
  return res.body.items.map((i: { id: number }) => i.id);
}

async function moderate(pairs: number): Promise<void> {
  const ids = await ingest(Array.from({ length: pairs }, (_, n) => [KIND(seq + n), ORDINARY(seq + n)]).flat());
  for (const [i, id] of ids.entries()) {
    const [flag] = await t
      .db('flags')
      .insert({
        subject_type: 'post',
        subject_id: id,
        queue: 'spam',
        priority: 50,
        status: 'open',
        source: 'rule',
        reason: 'test',
        created_at: new Date(),
      })
      .returning('id');
    await request(server.url)
      .post(`/api/flags/${flag.id}/decide`)
      .set('Authorization', moderator)
      .send({ action: i % 2 === 0 ? 'remove' : 'approve', reasonCode: i % 2 === 0 ? 'spam' : 'no_violation' })
      .expect(201);
  }
}

const status = (page: Page) => page.locator('[data-testid^="model-status-"]');

async function confirmDialog(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(!HAS_CHROMIUM)('the model lifecycle from the console', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    t = await createTestDb();
    staff = await createStaff(t.db);
    await installStarterPolicies(t.db, new Date());
    await installShippedModel(t.db, new Date());
    const jobs = await startTestJobs(t, systemClock);
    server = await serveConsole(t.db, { jobs });
    browser = await launchBrowser();
    key = await createApiKey(t.db);
    const login = await request(server.url)
      .post('/api/auth/login')
      .send({ email: staff.moderator.email, password: TEST_PASSWORD, mode: 'token' })
      .expect(200);
    moderator = `Bearer ${login.body.token}`;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('a community manager sees labels accumulate, trains a candidate, reads the comparison, shadows, promotes and rolls back', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel(/e-mail/i).fill(staff.community_manager.email);
    await page.getByLabel(/password/i).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();

    // Labels accumulate as moderators decide.
    await moderate(10);
    await page.getByRole('menuitem', { name: 'Labels' }).click();
    await page.getByText(/of 20$/).waitFor();
    await moderate(50);
    await page.reload();
    await page.getByText(/of 120$/).waitFor();
    await page
      .getByText(/moonberry co-op/)
      .first()
      .waitFor();
    await shot(page, 'labels');
    expect(await seriousViolations(page, { strict: true })).toEqual([]);

    // Train a candidate and watch it run.
    await page.getByRole('menuitem', { name: 'Models' }).click();
    await page.getByRole('button', { name: 'Train a candidate' }).click();
    await page.getByLabel('Share of the newest labels held out').fill('0.3');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page
      .getByTestId('training-run')
      .getByText(/Succeeded/)
      .waitFor({ timeout: 150_000 });
    const candidateRow = page.getByRole('row').filter({ hasText: 'Candidate' });
    await candidateRow.waitFor();
    await shot(page, 'models');

    // Read the comparison: the candidate catches the kind the shipped model missed.
    await candidateRow.click();
    const comparison = page.getByTestId('model-comparison');
    await comparison.waitFor();
    await comparison
      .getByRole('row', { name: /Spam \(English\)/ })
      .first()
      .waitFor();
    await page
      .getByTestId('disagreements')
      .getByText(/moonberry/)
      .first()
      .waitFor();
    await expect.poll(async () => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'model-comparison');
    expect(await seriousViolations(page, { strict: true })).toEqual([]);

    // Shadow: it scores new posts beside the active model, and the page shows how flags would differ.
    await page.getByRole('button', { name: 'Put in shadow' }).click();
    await confirmDialog(page);
    await status(page).getByText('Shadow', { exact: true }).waitFor();
    await ingest([KIND(1000), KIND(1001), ORDINARY(1000)]);
    await page.reload();
    await page.getByTestId('shadow-comparison').waitFor();
    await shot(page, 'model-shadow');

    // Promote, with the figures named in the confirmation.
    await page.getByRole('button', { name: 'Promote' }).click();
    await page.getByTestId('confirm-figures').waitFor();
    expect(await page.getByRole('dialog').textContent()).toMatch(/Spam \(English\)/);
    await confirmDialog(page);
    await status(page).getByText('Active', { exact: true }).waitFor();
    expect((await t.db('model_versions').where({ status: 'active' }).first('id')).id).not.toBe(1);

    // Roll back to the shipped model.
    await page.getByRole('button', { name: /Roll back/ }).click();
    await confirmDialog(page);
    await status(page).getByText('Retired', { exact: true }).waitFor();
    expect((await t.db('model_versions').where({ status: 'active' }).first('id')).id).toBe(1);
    expect(
      await t
        .db('audit_log')
        .whereIn('action', ['model.train', 'model.shadow', 'model.promote', 'model.rollback'])
        .where({ actor_staff_id: staff.community_manager.id })
        .count({ c: '*' })
        .first(),
    ).toMatchObject({ c: 4 });
    await shot(page, 'model-rolled-back');
    await page.close();
  }, 300_000);
});
