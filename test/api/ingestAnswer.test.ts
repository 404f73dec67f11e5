import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp, createApiKey, createStaff } from '../support/testApp';
import { policyService } from '../../api/policies/policyService';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { buildDemoCommunity } from '../../api/seed/demoCommunity';
import { itemStates } from '../../api/ingest/itemState';

/*
 * A new post's answer is built from what was just decided for it rather than read back, so it
 * must say exactly what is stored: status, labels, disclosure requirement and every open flag with
 * the priority stored (reach, confidence and reputation applied), in the stored order.
 */
let t: TestDb;
let app: TrustApp;
let key: string;

beforeAll(async () => {
  t = await createTestDb();
  const now = new Date('2026-11-01T00:00:00Z');
  await installStarterPolicies(t.db, now);
  // A community flag on every long post, so that some posts carry flags in several queues and the
  // answer's order of flags is compared too; and a label, which no starter policy gives.
  const staff = await createStaff(t.db, now);
  const policies = policyService(t.db);
  const extra = await policies.create(
    {
      name: 'Long posts to the community queue, disclosed ads labelled',
      appliesTo: 'post',
      mode: 'enforce',
      draft: {
        rules: [
          {
            name: 'long',
            conditions: { all: [{ fact: 'textLength', operator: 'greaterThan', value: 40 }] },
            event: { type: 'flag', params: { queue: 'community', priority: 95, reason: 'long post' } },
          },
          {
            name: 'disclosed',
            conditions: { all: [{ fact: 'hasDisclosure', operator: 'equal', value: true }] },
            event: { type: 'label', params: { label: 'ad' } },
          },
        ],
      },
    },
    { staffId: staff.community_manager.id },
    now,
  );
  await policies.publish(extra, {}, { staffId: staff.community_manager.id }, now);
  app = buildApp(t.db, { config: { ingestRateLimit: 1_000_000 } });
  key = await createApiKey(t.db, 'forum');
});
afterAll(() => t?.close());

type Answer = {
  id: number;
  created: boolean;
  status: string;
  held: boolean;
  labels: string[];
  disclosureRequired: boolean;
  flags: Array<{ queue: string; priority: number }>;
};

async function send(body: object): Promise<Answer[]> {
  const res = await request(app).post('/api/v1/posts').set('Authorization', `Bearer ${key}`).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.items;
}

async function expectAnswersStored(answers: Answer[]) {
  const stored = await itemStates(
    t.db,
    'post',
    answers.map((a) => a.id),
  );
  for (const a of answers) {
    const { status, held, labels, disclosureRequired, flags } = a;
    expect({ status, held, labels, disclosureRequired, flags }, `post ${a.id}`).toEqual(stored.get(a.id));
  }
}

describe('the answer to a new post', () => {
  it('is what is stored, in batches and single posts, with reputation moving priorities', async () => {
    const demo = buildDemoCommunity({ seed: 11, anchor: new Date('2026-11-20T00:00:00Z'), days: 4 });
    const threads = demo.posts.filter((p) => p.kind !== 'reply' && !p.threadId);
    const replies = demo.posts.filter((p) => p.threadId && threads.some((th) => th.id === p.threadId));
    const half = Math.min(400, Math.floor(threads.length / 2));
    const first = await send({ items: threads.slice(0, half) });
    await expectAnswersStored(first);

    // Known reputations shift flag priorities up and down; the answers must carry the shifted values.
    const authors: Array<{ id: number }> = await t.db('accounts').where({ type: 'member' }).select('id').orderBy('id');
    await Promise.all(
      authors.map((a, i) =>
        t
          .db('accounts')
          .where({ id: a.id })
          .update({ reputation_score: i % 3 === 0 ? 5 : i % 3 === 1 ? 95 : null }),
      ),
    );

    // Threads first, then replies, in batches; the last 60 replies one request each, at once, so
    // the single-post path groups them.
    const rest = [...threads.slice(half), ...replies];
    const second: Answer[] = [];
    for (let i = 0; i < rest.length - 60; i += 400)
      second.push(...(await send({ items: rest.slice(i, Math.min(i + 400, rest.length - 60)) })));
    await expectAnswersStored(second);
    const singles = await Promise.all(rest.slice(-60).map((p) => send(p)));
    await expectAnswersStored(singles.flat());

    const all = [...first, ...second, ...singles.flat()];
    // The corpus must exercise what is being compared, or this test proves nothing.
    expect(all.filter((a) => a.flags.length > 0).length).toBeGreaterThan(20);
    expect(all.some((a) => a.flags.length > 1)).toBe(true);
    expect(all.some((a) => a.held)).toBe(true);
    expect(all.some((a) => a.labels.length > 0)).toBe(true);
    expect(all.some((a) => a.disclosureRequired)).toBe(true);
    const shifted = await t.db.raw(
      `select count(*) as c from flags f join posts p on p.id = f.subject_id join accounts a on a.id = p.author_id where f.subject_type = 'post' and a.reputation_score is not null`,
    );
    expect(Number(shifted.rows[0].c)).toBeGreaterThan(0);

    // Sent again, every post is read back from storage and answers the same.
    const again = await send({ items: threads.slice(0, half) });
    expect(again.map((a) => a.created)).toEqual(first.map(() => false));
    expect(again.map(({ created: _c, ...rest }) => rest)).toEqual(first.map(({ created: _c, ...rest }) => rest));
  });
});
