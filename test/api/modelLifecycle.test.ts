import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { createTrustApp } from '../support/trustApp';
import { startTestJobs } from '../support/testJobs';
import type { TrustApp } from '../../api/app';
import type { Role } from '../../contract/access';
import { installShippedModel } from '../../api/models/modelRegistry';
import { trainingLabels } from '../../api/models/labelService';
import { installStarterPolicies } from '../../api/policies/starterInstall';

/*
 * A platform whose moderators keep removing, from the spam queue, a kind of post the shipped
 * model scores low (a co-op's "newsletter" that is really a members-only advert loop), and
 * approving ordinary questions. Retraining on those decisions must learn the kind.
 */
const KIND = (n: number) =>
  `Morning all, the moonberry co-op newsletter number ${n} is out, moonberry ${['members', 'friends', 'neighbours', 'pickers'][n % 4]} only`;
const ORDINARY = (n: number) =>
  `Does anyone know a good ${['charger', 'kettle', 'backpack', 'desk lamp', 'rain jacket'][n % 5]}? asking for my ${['sister', 'flatmate', 'dad'][n % 3]}, thanks ${n}`;

let t: TestDb;
let appA: TrustApp;
let appB: TrustApp;
let staff: Record<Role, { id: number; email: string }>;
let manager: { Authorization: string };
let moderator: { Authorization: string };
let compliance: { Authorization: string };
let key: string;
const clock = fixedClock(new Date('2026-11-01T08:00:00Z'));
let postSeq = 0;

beforeAll(async () => {
  t = await createTestDb();
  staff = await createStaff(t.db);
  await installStarterPolicies(t.db, clock.now());
  await installShippedModel(t.db, clock.now());
  const jobs = await startTestJobs(t, clock);
  // Two replicas on one database: A runs the jobs, B only serves.
  appA = createTrustApp(t.db, { clock, jobs });
  appB = createTrustApp(t.db, { clock });
  manager = await bearerFor(appA, staff.community_manager.email);
  moderator = await bearerFor(appA, staff.moderator.email);
  compliance = await bearerFor(appA, staff.compliance.email);
  key = await createApiKey(t.db);
}, 60_000);
afterAll(() => t?.close());

async function ingest(app: TrustApp, texts: string[]): Promise<number[]> {
  const items = texts.map((body) => ({
    id: `m-${++postSeq}`,
    kind: 'thread',
    author: { id: `a-${postSeq % 9}` },
    board: 'general',
    body,
    postedAt: clock.now().toISOString(),
  }));
  const res = await request(app).post('/api/v1/posts').set('Authorization', `Bearer ${key}`).send({ items }).expect(201);
  return res.body.items.map((i: { id: number }) => i.id);
}

async function flagAndDecide(postId: number, queue: string, action: string): Promise<number> {
  const [flag] = await t
    .db('flags')
    .insert({
      subject_type: 'post',
      subject_id: postId,
      queue,
      priority: 50,
      status: 'open',
      source: 'rule',
      reason: 'test',
      created_at: clock.now(),
    })
    .returning('id');
  clock.advance(10_000);
  const res = await request(appA)
    .post(`/api/flags/${flag.id}/decide`)
    .set(moderator)
    .send({ action, reasonCode: action === 'approve' ? 'no_violation' : 'spam' })
    .expect(201);
  return res.body.id;
}

async function waitForRun(id: number) {
  for (let i = 0; i < 600; i++) {
    const res = await request(appA).get(`/api/model-training-runs/${id}`).set(manager).expect(200);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('training run did not finish');
}

describe('model lifecycle', () => {
  const kindPosts: number[] = [];
  const removalDecisions: number[] = [];
  let candidateId = 0;
  let candidateVersion = '';

  it('installs the shipped model as version 1 and records it on every scored post', async () => {
    const versions = await request(appA).get('/api/model-versions').set(manager).expect(200);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({ id: 1, status: 'active' });
    const [id] = await ingest(appB, [KIND(0)]);
    const post = await t.db('posts').where({ id }).first('spam_score', 'model_version_id');
    expect(post.model_version_id).toBe(1);
    // The premise: the shipped model does not see this kind as spam.
    expect(post.spam_score).toBeLessThan(0.3);
  });

  it('turns decisions into labels by the written mapping, with provenance', async () => {
    // Interleaved in time, so the newest labels (the hold-out) hold both kinds.
    const ids = await ingest(appA, Array.from({ length: 60 }, (_, n) => [KIND(n + 1), ORDINARY(n)]).flat());
    for (let n = 0; n < 60; n++) {
      kindPosts.push(ids[2 * n]!);
      removalDecisions.push(await flagAndDecide(ids[2 * n]!, 'spam', 'remove'));
      await flagAndDecide(ids[2 * n + 1]!, 'spam', 'approve');
    }
    // Escalation says nothing; a removal outside the spam and scam queues neither.
    const [escalated, harvested] = await ingest(appA, [ORDINARY(100), ORDINARY(101)]);
    await flagAndDecide(escalated!, 'spam', 'escalate');
    await flagAndDecide(harvested!, 'contact_harvesting', 'remove');
    const [ad] = await ingest(appA, ['New arrivals at our shop, 20% off this week only, link in bio']);
    await flagAndDecide(ad!, 'undisclosed_ad', 'require_disclosure');

    const list = await request(appA)
      .get('/api/labels')
      .query({ filter: JSON.stringify({ source: 'decision' }), range: '[0,999]' })
      .set(manager)
      .expect(200);
    expect(list.body).toHaveLength(121);
    const removal = list.body.find((l: { postId: number }) => l.postId === kindPosts[0]);
    expect(removal).toMatchObject({
      source: 'decision',
      label: 'spam',
      spam: 1,
      promo: null,
      queue: 'spam',
      staffId: staff.moderator.id,
      modelVersionId: 1,
    });
    expect(list.body.find((l: { postId: number }) => l.postId === ad)).toMatchObject({ label: 'promotion', queue: 'undisclosed_ad' });
    expect(list.body.some((l: { postId: number }) => l.postId === escalated || l.postId === harvested)).toBe(false);
    const filtered = await request(appA)
      .get('/api/labels')
      .query({ filter: JSON.stringify({ label: 'not_spam', queue: 'spam' }), range: '[0,0]' })
      .set(manager)
      .expect(200);
    expect(filtered.headers['content-range']).toBe('labels 0-0/60');
  }, 120_000);

  it('a reversal retracts its label from the next training set and writes its own', async () => {
    const reversed = removalDecisions[59]!;
    const before = await trainingLabels(t.db);
    // Four eyes: someone other than the deciding moderator reverses it (an admin here).
    const admin = await bearerFor(appA, staff.admin.email);
    await request(appA).post(`/api/decisions/${reversed}/reverse`).set(admin).send({ reason: 'appeal: a real newsletter' }).expect(201);
    const after = await trainingLabels(t.db);
    const label = await t.db('training_labels').where({ decision_id: reversed }).first();
    expect(label.retracted_at).not.toBeNull();
    expect(after.some((l) => l.id === Number(label.id))).toBe(false);
    expect(before.some((l) => l.id === Number(label.id))).toBe(true);
    const own = await t.db('training_labels').where({ decision_id: label.retracted_by_decision_id }).first();
    expect(own).toMatchObject({ spam: 0, queue: 'spam', staff_id: staff.admin.id });
    expect(after).toHaveLength(before.length);
  });

  it('refuses a malformed import whole, naming the line; a good file is written whole', async () => {
    const count = async () => Number((await t.db('training_labels').count({ c: '*' }).first())!.c);
    const n0 = await count();
    const bad = [
      JSON.stringify({ text: 'fine', spam: 1 }),
      JSON.stringify({ text: 'fine too', promo: 0 }),
      JSON.stringify({ text: 'no label at all' }),
    ].join('\n');
    const res = await request(appA)
      .post('/api/labels/import')
      .set(compliance)
      .set('Content-Type', 'application/x-ndjson')
      .send(bad)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0].path).toBe('line 3.spam');
    const csvBad = 'text,spam,queue\nhello,1,spam\nworld,7,spam\n';
    const csvRes = await request(appA).post('/api/labels/import').set(compliance).set('Content-Type', 'text/csv').send(csvBad).expect(400);
    expect(csvRes.body.errors[0].path).toMatch(/^line 3\.spam/);
    expect(await count()).toBe(n0);
    await request(appA).post('/api/labels/import').set(moderator).set('Content-Type', 'text/csv').send('text,spam\nx,1\n').expect(403);
    const ok = await request(appA)
      .post('/api/v1/labels')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'text/csv')
      .send(
        'id,text,spam,promo,labelledAt\nh-1,cheap watches here,1,,2026-10-01T00:00:00Z\nh-2,"what a lovely day, 你好",0,0,2026-10-02T00:00:00Z\n',
      )
      .expect(201);
    expect(ok.body.rows).toBe(2);
    expect(await count()).toBe(n0 + 2);
    const exported = await request(appA).get('/api/labels/export').query({ format: 'jsonl' }).set(compliance).expect(200);
    expect(exported.text.trim().split('\n')).toHaveLength((await trainingLabels(t.db)).length);
  });

  it('retrains on the labels: the candidate learns the kind and the comparison shows it', async () => {
    await request(appA).post('/api/model-training-runs').set(moderator).send({}).expect(403);
    const started = await request(appA)
      .post('/api/model-training-runs')
      .set(manager)
      .send({ labelWeight: 3, holdoutFraction: 0.3 })
      .expect(202);
    const run = await waitForRun(started.body.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    candidateId = run.candidateId;
    const version = await request(appA).get(`/api/model-versions/${candidateId}`).set(manager).expect(200);
    candidateVersion = version.body.version;
    expect(version.body.status).toBe('candidate');
    expect(version.body.trainingData.sources.platform.rows).toBeGreaterThan(0);
    const spamEn = version.body.evaluation.heads.find((h: { head: string }) => h.head === 'spam_en');
    expect(spamEn.candidate.recall).toBeGreaterThan(spamEn.active.recall);
    const moonberry = version.body.evaluation.disagreements.filter((d: { text: string }) => d.text.includes('moonberry'));
    expect(moonberry.length).toBeGreaterThan(0);
    for (const d of moonberry) expect(d.candidate).toBeGreaterThan(d.active);
    expect(version.body.evaluation.queues.find((q: { queue: string }) => q.queue === 'spam')).toBeTruthy();
  }, 180_000);

  it('a shadow model scores beside the active one, acts on nothing, and its comparison shows the flags that would appear', async () => {
    // An enforcing rule on the classifier, so the comparison has flags to move.
    const doc = {
      rules: [
        {
          name: 'classifier-spam',
          priority: 5,
          conditions: { all: [{ fact: 'spamScore', operator: 'greaterThanInclusive', value: 0.5 }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 60, reason: 'classifier' } },
        },
      ],
    };
    const [policy] = await t
      .db('policies')
      .insert({
        name: 'classifier spam (test)',
        description: '',
        applies_to: 'post',
        mode: 'enforce',
        status: 'published',
        draft: JSON.stringify(doc),
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .returning('id');
    const [pv] = await t
      .db('policy_versions')
      .insert({
        policy_id: policy.id,
        version: 1,
        document: JSON.stringify(doc),
        mode: 'enforce',
        applies_to: 'post',
        published_at: clock.now(),
      })
      .returning('id');
    await t.db('policies').where({ id: policy.id }).update({ published_version_id: pv.id });

    await request(appA).post(`/api/model-versions/${candidateId}/shadow`).set(manager).expect(200);
    const ids = await ingest(appB, [KIND(500), KIND(501), ORDINARY(500)]);
    const posts = await t.db('posts').whereIn('id', ids).orderBy('id').select('id', 'spam_score', 'model_version_id');
    expect(posts.every((p: { model_version_id: number }) => p.model_version_id === 1)).toBe(true);
    const shadow = await t.db('model_shadow_scores').whereIn('post_id', ids).orderBy('post_id');
    expect(shadow).toHaveLength(3);
    expect(shadow[0].model_version_id).toBe(candidateId);
    expect(shadow[0].spam).toBeGreaterThan(0.5);
    expect(posts[0].spam_score).toBeLessThan(0.5);
    // Acts on nothing: no flag on the kind's posts.
    expect(
      await t.db('flags').whereIn('subject_id', ids.slice(0, 2)).where({ subject_type: 'post' }).count({ c: '*' }).first(),
    ).toMatchObject({ c: 0 });

    const comparison = await request(appA).get(`/api/model-versions/${candidateId}/shadow-comparison`).set(manager).expect(200);
    const spamQueue = comparison.body.queues.find((q: { queue: string; mode: string }) => q.queue === 'spam' && q.mode === 'enforce');
    expect(spamQueue.appear).toBeGreaterThanOrEqual(2);
    expect(spamQueue.samples.appear.map((s: { postId: number }) => s.postId)).toEqual(expect.arrayContaining(ids.slice(0, 2)));
  });

  it('promotion, by a manager naming the version, switches a second replica; rollback switches it back; both audited', async () => {
    await request(appA)
      .post(`/api/model-versions/${candidateId}/promote`)
      .set(moderator)
      .send({ confirmVersion: candidateVersion })
      .expect(403);
    const wrong = await request(appA)
      .post(`/api/model-versions/${candidateId}/promote`)
      .set(manager)
      .send({ confirmVersion: 'spam-promo-000000000000' })
      .expect(400);
    expect(wrong.body.errors[0].path).toBe('confirmVersion');
    await request(appA)
      .post(`/api/model-versions/${candidateId}/promote`)
      .set(manager)
      .send({ confirmVersion: candidateVersion })
      .expect(200);
    const [afterPromotion] = await ingest(appB, [KIND(900)]);
    const promoted = await t.db('posts').where({ id: afterPromotion }).first('spam_score', 'model_version_id');
    expect(promoted.model_version_id).toBe(candidateId);
    expect(promoted.spam_score).toBeGreaterThan(0.5);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'model.promote', subject_id: String(candidateId) })
        .first(),
    ).toBeTruthy();

    const shipped = await t.db('model_versions').where({ id: 1 }).first('version', 'status');
    expect(shipped.status).toBe('retired');
    await request(appA).post('/api/model-versions/rollback').set(manager).send({ confirmVersion: shipped.version }).expect(200);
    const [afterRollback] = await ingest(appB, [KIND(901)]);
    expect(await t.db('posts').where({ id: afterRollback }).first('model_version_id')).toMatchObject({ model_version_id: 1 });
    expect(await t.db('audit_log').where({ action: 'model.rollback' }).first()).toBeTruthy();
    expect(await t.db('model_versions').where({ id: candidateId }).first('status')).toMatchObject({ status: 'retired' });
  });
});
