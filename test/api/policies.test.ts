import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { verifyAuditChain } from '../../api/audit/auditLog';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { withResponseValidation } from '../support/openApiValidator';

let t: TestDb;
let app: TrustApp;
let manager: { Authorization: string };
let moderator: { Authorization: string };
let platform: { Authorization: string };
const clock = fixedClock(new Date('2026-11-01T12:00:00Z'));

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await t.db(table).where(where).count({ c: '*' }).first())!.c);

const contactPolicy = {
  rules: [
    {
      name: 'contact-with-invite',
      priority: 10,
      conditions: {
        all: [
          { fact: 'contactCount', operator: 'greaterThan', value: 0 },
          { fact: 'contactInvite', operator: 'equal', value: true },
        ],
      },
      event: { type: 'flag', params: { queue: 'contact_harvesting', priority: 70, reason: 'contact handle with an invite' } },
    },
    {
      name: 'blocked-link',
      priority: 20,
      conditions: { any: [{ fact: 'linkDomains', operator: 'domainInList', value: 'blocked' }] },
      event: { type: 'hold', params: { reason: 'blocked domain' } },
    },
    {
      name: 'evidence',
      conditions: { all: [{ fact: 'contactCount', operator: 'greaterThan', value: 0 }] },
      event: { type: 'reputation_evidence', params: { component: 'discussion', weight: -1 } },
    },
  ],
};

const post = (id: string, body: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'thread',
  author: { id: `author-${id}` },
  board: 'digital',
  title: 't',
  body,
  postedAt: clock.now().toISOString(),
  ...extra,
});

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  app = buildApp(t.db, { clock });
  manager = await bearerFor(app, staff.community_manager.email);
  moderator = await bearerFor(app, staff.moderator.email);
  platform = { Authorization: `Bearer ${await createApiKey(t.db, 'forum')}` };
  await request(app)
    .post('/api/policy-lists')
    .set(manager)
    .send({ name: 'blocked', description: 'test', items: ['bad.example'] })
    .expect(201);
});
afterAll(() => t.close());

describe('policy documents', () => {
  it('refuses an invalid draft with the JSON path of each problem, writing nothing', async () => {
    const before = [await count('policies'), await count('audit_log')];
    const res = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({
        name: 'broken',
        appliesTo: 'post',
        draft: {
          rules: [
            {
              name: 'r',
              conditions: {
                all: [
                  { fact: 'karma', operator: 'equal', value: 1 },
                  { fact: 'reach', operator: 'over', value: 3 },
                ],
              },
              event: { type: 'flag', params: { queue: 'spam' } },
            },
          ],
        },
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'draft.rules[0].conditions.all[0].fact',
        'draft.rules[0].conditions.all[1].operator',
        'draft.rules[0].event.params.priority',
      ]),
    );
    expect([await count('policies'), await count('audit_log')]).toEqual(before);
  });

  it('validates as the editor types', async () => {
    const res = await request(app)
      .post('/api/policies/validate')
      .set(moderator)
      .send({ appliesTo: 'transaction', document: contactPolicy })
      .expect(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems[0].message).toMatch(/not a fact of a transaction/);
    const ok = await request(app)
      .post('/api/policies/validate')
      .set(moderator)
      .send({ appliesTo: 'post', document: contactPolicy })
      .expect(200);
    expect(ok.body).toEqual({ valid: true, problems: [] });
  });

  it('serves the document schema the editor completes from, built from the fact catalogue and the lists that exist', async () => {
    const res = await request(app).get('/api/policy-schema/post').set(moderator).expect(200);
    const leaf = res.body.$defs.leaf;
    expect(leaf.properties.fact.enum).toContain('contactHandles');
    expect(leaf.properties.fact.enum).not.toContain('buyerAgeDays');
    expect(leaf.properties.operator.anyOf[0].enum).toContain('containsPhraseFromList');
    expect(leaf.allOf[0].then.properties.value.enum).toEqual(
      (await t.db('policy_lists').orderBy('name').select('name')).map((r: { name: string }) => r.name),
    );
    expect(res.body.$defs.event.oneOf.map((e: { properties: { type: { const: string } } }) => e.properties.type.const)).toContain(
      'require_disclosure',
    );
    const orders = await request(app).get('/api/policy-schema/transaction').set(moderator).expect(200);
    expect(orders.body.$defs.leaf.properties.fact.enum).toContain('buyerAgeDays');
    await request(app).get('/api/policy-schema/comment').set(moderator).expect(400);
  });

  it('serves the catalogue of facts, operators and events', async () => {
    const res = await request(app).get('/api/policy-catalog').set(moderator).expect(200);
    expect(res.body.facts.map((f: { name: string }) => f.name)).toContain('contactHandles');
    expect(res.body.operators.map((o: { name: string }) => o.name)).toContain('containsPhraseFromList');
    expect(res.body.events.find((e: { type: string }) => e.type === 'flag').params.required).toEqual(['queue', 'priority', 'reason']);
  });
});

describe('the policy lifecycle', () => {
  let policyId: number;

  it('creates a draft, dry-runs it without writing, publishes it, and ingestion obeys it with explanations', async () => {
    const created = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({ name: 'Contact', appliesTo: 'post', mode: 'enforce', draft: contactPolicy })
      .expect(201);
    policyId = created.body.id;
    expect(created.body.status).toBe('draft');

    const before = [await count('posts'), await count('rule_hits'), await count('flags')];
    const dry = await request(app)
      .post(`/api/policies/${policyId}/dry-run`)
      .set(manager)
      .send({ items: [post('d1', '有货，加我微信 abc_12345 私聊'), post('d2', 'just a question about chargers')] })
      .expect(200);
    expect(dry.body.results[0].events.map((e: { type: string }) => e.type)).toEqual(['flag', 'reputation_evidence']);
    expect(dry.body.results[0].facts.contactKinds).toEqual(['wechat']);
    expect(dry.body.results[1].events).toEqual([]);
    // Each result is named by its item: inline items by the platform's id and a snippet of the text (masked like the rest).
    expect(dry.body.results.map((r: { subject: unknown }) => r.subject)).toEqual([
      { id: null, externalId: 'd1', snippet: 't — 有货,加我微信 ab*****45 私聊' },
      { id: null, externalId: 'd2', snippet: 't — just a question about chargers' },
    ]);
    expect(dry.body.results[0].published).toBeNull();
    expect([await count('posts'), await count('rule_hits'), await count('flags')]).toEqual(before);

    // Not yet published: ingestion ignores it.
    await request(app).post('/api/v1/posts').set(platform).send(post('p0', '加我微信 abc_12345 私聊')).expect(201);
    expect(await count('rule_hits')).toBe(0);

    const pub = await request(app).post(`/api/policies/${policyId}/publish`).set(manager).send({}).expect(201);
    expect(pub.body.version).toBe(1);
    expect(pub.body.policy.status).toBe('published');

    const ingested = await request(app)
      .post('/api/v1/posts')
      .set(platform)
      .send({
        items: [post('p1', '加我微信 abc_12345 私聊'), post('p2', '看 https://shop.bad.example/x'), post('p3', 'a normal question')],
      })
      .expect(201);
    const [p1, p2, p3] = ingested.body.items;
    expect(p1.flags).toEqual([{ queue: 'contact_harvesting', priority: 70 }]);
    expect(p2).toMatchObject({ held: true, status: 'held', flags: [] });
    expect(p3).toMatchObject({ held: false, status: 'visible', flags: [] });
    expect(await count('reputation_events', { cause_type: 'rule_hit' })).toBe(1);

    const shown = await request(app).get(`/api/posts/${p1.id}`).set(moderator).expect(200);
    const hit = shown.body.ruleHits.find((h: { ruleName: string }) => h.ruleName === 'contact-with-invite');
    expect(hit).toMatchObject({ policyName: 'Contact', version: 1, mode: 'enforce', eventType: 'flag' });
    expect(hit.explanation.all).toEqual([
      { fact: 'contactCount', operator: 'greaterThan', value: 0, factValue: 1, result: true },
      { fact: 'contactInvite', operator: 'equal', value: true, factValue: true, result: true },
    ]);
    expect(shown.body.judgedBy).toEqual([pub.body.versionId]);
  });

  it('runs a shadow policy without acting on it', async () => {
    const shadow = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({
        name: 'Shadow spam',
        appliesTo: 'post',
        mode: 'shadow',
        draft: {
          rules: [
            {
              name: 'any-link',
              conditions: { all: [{ fact: 'linkCount', operator: 'greaterThan', value: 0 }] },
              event: { type: 'hold', params: { reason: 'links' } },
            },
          ],
        },
      })
      .expect(201);
    await request(app).post(`/api/policies/${shadow.body.id}/publish`).set(manager).send({}).expect(201);
    const res = await request(app).post('/api/v1/posts').set(platform).send(post('s1', 'see https://ok.example/page')).expect(201);
    expect(res.body.items[0]).toMatchObject({ held: false, status: 'visible' });
    const hits = await t.db('rule_hits').where({ subject_id: res.body.items[0].id });
    expect(hits.map((h: { rule_name: string; mode: string }) => `${h.rule_name}:${h.mode}`)).toEqual(['any-link:shadow']);
  });

  it('keeps the version that judged each item across publishes, and rolls back by re-publishing', async () => {
    const first = await t.db('posts').where({ external_id: 'p1' }).first();
    const v1 = first.judged_by;
    const stricter = structuredClone(contactPolicy);
    stricter.rules[0]!.conditions = { all: [{ fact: 'contactCount', operator: 'greaterThan', value: 0 }] };
    await request(app)
      .put(`/api/policies/${policyId}`)
      .set(manager)
      .send({ id: policyId, name: 'Contact', draft: stricter, status: 'published', createdAt: 'ignored' })
      .expect(200);
    const v2 = await request(app).post(`/api/policies/${policyId}/publish`).set(manager).send({ note: 'any handle' }).expect(201);
    expect(v2.body.version).toBe(2);

    const later = await request(app).post('/api/v1/posts').set(platform).send(post('p4', 'wechat: abcdef123')).expect(201);
    expect(later.body.items[0].flags).toEqual([{ queue: 'contact_harvesting', priority: 70 }]);
    expect((await t.db('posts').where({ external_id: 'p1' }).first()).judged_by).toEqual(v1);

    const versions = await request(app)
      .get(
        `/api/policy-versions?filter=${encodeURIComponent(JSON.stringify({ policyId }))}&sort=${encodeURIComponent('["version","ASC"]')}`,
      )
      .set(moderator)
      .expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const back = await request(app)
      .post(`/api/policies/${policyId}/rollback`)
      .set(manager)
      .send({ versionId: versions.body[0].id, note: 'too noisy' })
      .expect(201);
    expect(back.body.version).toBe(3);
    const v3 = await t.db('policy_versions').where({ id: back.body.versionId }).first();
    expect(v3.restores_version_id).toBe(versions.body[0].id);
    expect(v3.document).toEqual(contactPolicy);
    const after = await request(app).post('/api/v1/posts').set(platform).send(post('p5', 'wechat: abcdef123')).expect(201);
    expect(after.body.items[0].flags).toEqual([]);

    // The version picker's list: newest first, each with its author's name, note and what it restored.
    const picker = await request(app).get(`/api/policies/${policyId}/versions`).set(moderator).expect(200);
    const managerName = (await t.db('staff').where({ role: 'community_manager' }).first()).display_name;
    expect(
      picker.body.versions.map((v: { version: number; authorName: string; note: string | null; restoresVersion: number | null }) => [
        v.version,
        v.authorName,
        v.note,
        v.restoresVersion,
      ]),
    ).toEqual([
      [3, managerName, 'too noisy', 1],
      [2, managerName, 'any handle', null],
      [1, managerName, null, null],
    ]);
    expect(picker.body.versions[0].publishedAt).toBe(clock.now().toISOString());

    const actions = (
      await t
        .db('audit_log')
        .where({ subject_type: 'policy', subject_id: String(policyId) })
        .orderBy('id')
    ).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['policy.create', 'policy.publish', 'policy.update', 'policy.publish', 'policy.rollback']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('raises one open flag per item and queue, never two', async () => {
    const doc = {
      rules: [
        {
          name: 'a',
          conditions: { all: [{ fact: 'textLength', operator: 'greaterThan', value: 0 }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 20, reason: 'a' } },
        },
        {
          name: 'b',
          conditions: { all: [{ fact: 'textLength', operator: 'greaterThan', value: 1 }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 40, reason: 'b' } },
        },
      ],
    };
    const p = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({ name: 'Doubles', appliesTo: 'post', mode: 'enforce', draft: doc })
      .expect(201);
    await request(app).post(`/api/policies/${p.body.id}/publish`).set(manager).send({}).expect(201);
    const res = await request(app).post('/api/v1/posts').set(platform).send(post('f1', 'hello there')).expect(201);
    const flags = await t.db('flags').where({ subject_id: res.body.items[0].id, queue: 'spam' });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ priority: 40, status: 'open', source: 'rule' });
    expect(flags[0].reason).toBe('a; b');
    await request(app).delete(`/api/policies/${p.body.id}`).set(manager).expect(200);
  });

  it('judges orders with order facts', async () => {
    const doc = {
      rules: [
        {
          name: 'new-buyer-big-order',
          conditions: {
            all: [
              { fact: 'buyerAgeDays', operator: 'lessThan', value: 3 },
              { fact: 'amount', operator: 'greaterThanInclusive', value: 2000 },
            ],
          },
          event: { type: 'flag', params: { queue: 'suspicious_order', priority: 75, reason: 'new buyer, big order' } },
        },
      ],
    };
    const p = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({ name: 'Orders', appliesTo: 'transaction', mode: 'enforce', draft: doc })
      .expect(201);
    await request(app).post(`/api/policies/${p.body.id}/publish`).set(manager).send({}).expect(201);
    const order = (id: string, amountCents: number, joinedAt: string) => ({
      id,
      buyer: { id: `b-${id}`, joinedAt },
      vendor: { id: 'v-1' },
      amountCents,
      status: 'completed',
      orderedAt: clock.now().toISOString(),
    });
    const res = await request(app)
      .post('/api/v1/transactions')
      .set(platform)
      .send({
        items: [
          order('o1', 300000, clock.now().toISOString()),
          order('o2', 300000, '2024-01-01T00:00:00Z'),
          order('o3', 1000, clock.now().toISOString()),
        ],
      })
      .expect(201);
    expect(res.body.items.map((i: { flags: unknown[] }) => i.flags.length)).toEqual([1, 0, 0]);
  });

  it('lets only community managers and admins change policies', async () => {
    await request(app).post(`/api/policies/${policyId}/publish`).set(moderator).send({}).expect(403);
    await request(app).put(`/api/policies/${policyId}`).set(moderator).send({ name: 'x' }).expect(403);
    await request(app).post(`/api/policies/${policyId}/rollback`).set(manager).send({ versionId: 999999 }).expect(400);
  });
});

describe('policy lists', () => {
  it('audits what was added and removed, and refuses to delete a list in use', async () => {
    const list = (
      await request(app)
        .get(`/api/policy-lists?filter=${encodeURIComponent('{"name":"blocked"}')}`)
        .set(moderator)
        .expect(200)
    ).body[0];
    await request(app)
      .put(`/api/policy-lists/${list.id}`)
      .set(manager)
      .send({ ...list, items: ['bad.example', 'worse.example', 'worse.example '] })
      .expect(200);
    const audit = await t.db('audit_log').where({ action: 'list.update' }).orderBy('id', 'desc').first();
    expect(audit.detail).toMatchObject({ name: 'blocked', added: ['worse.example'], removed: [] });
    const res = await request(app).post('/api/v1/posts').set(platform).send(post('l1', 'go to http://a.worse.example now')).expect(201);
    expect(res.body.items[0].held).toBe(true);
    const refused = await request(app).delete(`/api/policy-lists/${list.id}`).set(manager).expect(409);
    expect(refused.body.usedBy).toEqual(['Contact']);
  });

  it('validates list input', async () => {
    const res = await request(app)
      .post('/api/policy-lists')
      .set(manager)
      .send({ name: 'Bad Name', items: [42] })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['items[0]', 'name']);
  });
});

describe('classifier scores as facts', () => {
  it('feeds an injected scorer’s probabilities to the rules and stores them on the post', async () => {
    const { createApp } = await import('../../api/app');
    const { testConfig } = await import('../../api/config');
    const pino = (await import('pino')).default;
    const scorer = {
      version: 'fake-1',
      scoreTexts: (texts: readonly string[]) => texts.map((x) => ({ spam: x.includes('WIN') ? 0.99 : 0.01, promo: 0.5 })),
    };
    const scored = withResponseValidation(createApp({ db: t.db, clock, logger: pino({ level: 'silent' }), config: testConfig(), scorer }));
    const doc = {
      rules: [
        {
          name: 'very-spammy',
          conditions: { all: [{ fact: 'spamScore', operator: 'greaterThan', value: 0.9 }] },
          event: { type: 'flag', params: { queue: 'spam', priority: 50, reason: 'classifier' } },
        },
      ],
    };
    const p = await request(scored)
      .post('/api/policies')
      .set(manager)
      .send({ name: 'Classifier', appliesTo: 'post', mode: 'enforce', draft: doc })
      .expect(201);
    await request(scored).post(`/api/policies/${p.body.id}/publish`).set(manager).send({}).expect(201);
    const res = await request(scored)
      .post('/api/v1/posts')
      .set(platform)
      .send({ items: [post('c1', 'WIN a free phone'), post('c2', 'which charger?')] })
      .expect(201);
    expect(res.body.items.map((i: { flags: unknown[] }) => i.flags.length)).toEqual([1, 0]);
    const stored = await t
      .db('posts')
      .whereIn(
        'id',
        res.body.items.map((i: { id: number }) => i.id),
      )
      .orderBy('id')
      .select('spam_score', 'promo_score');
    expect(stored).toEqual([
      { spam_score: 0.99, promo_score: 0.5 },
      { spam_score: 0.01, promo_score: 0.5 },
    ]);
    await request(scored).delete(`/api/policies/${p.body.id}`).set(manager).expect(200);
  });
});

describe('four eyes on publication (POLICY_PUBLISH_FOUR_EYES=1)', () => {
  it("refuses publication by the draft's last editor, lets a colleague publish, and audits an admin override", async () => {
    const staff = await createStaff(t.db);
    const strict = buildApp(t.db, { clock, config: { policyPublishFourEyes: true } });
    const author = await bearerFor(strict, staff.community_manager.email);
    const admin = await bearerFor(strict, staff.admin.email);
    const created = await request(strict)
      .post('/api/policies')
      .set(author)
      .send({ name: 'Four eyes', appliesTo: 'post', draft: contactPolicy })
      .expect(201);
    const before = [await count('policy_versions'), await count('audit_log')];
    const own = await request(strict).post(`/api/policies/${created.body.id}/publish`).set(author).send({}).expect(403);
    expect(own.headers['content-type']).toMatch(/problem\+json/);
    expect([await count('policy_versions'), await count('audit_log')]).toEqual(before);
    // The admin publishes someone else's draft: no override.
    await request(strict).post(`/api/policies/${created.body.id}/publish`).set(admin).send({}).expect(201);
    expect((await t.db('audit_log').where({ action: 'policy.publish' }).orderBy('id', 'desc').first()).detail.override).toBeUndefined();
    // The admin edits the draft and publishes it: allowed, marked as an override.
    const edited = { rules: contactPolicy.rules.map((r) => ({ ...r, priority: 11 })) };
    await request(strict).put(`/api/policies/${created.body.id}`).set(admin).send({ draft: edited }).expect(200);
    await request(strict).post(`/api/policies/${created.body.id}/publish`).set(admin).send({}).expect(201);
    expect((await t.db('audit_log').where({ action: 'policy.publish' }).orderBy('id', 'desc').first()).detail).toMatchObject({
      override: 'four_eyes',
    });
    // Off by default: the author publishes their own draft.
    const relaxed = await request(app)
      .post('/api/policies')
      .set(manager)
      .send({ name: 'One pair of eyes', appliesTo: 'post', draft: contactPolicy })
      .expect(201);
    await request(app).post(`/api/policies/${relaxed.body.id}/publish`).set(manager).send({}).expect(201);
  });
});
