import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { verifyAuditChain } from '../../api/audit/auditLog';
import type { JobQueue } from '../../api/jobs/jobQueue';
import { SLA_ESCALATION_JOB } from '../../api/moderation/slaEscalation';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff, fixedClock, TEST_PASSWORD } from '../support/testApp';
import { seedSmallCommunity } from '../support/fixtures';
import { startTestJobs } from '../support/testJobs';
import { hashPassword } from '../../api/auth/password';

let t: TestDb;
let app: TrustApp;
let jobs: JobQueue;
let staff: Awaited<ReturnType<typeof createStaff>>;
let admin: { Authorization: string };
let manager: { Authorization: string };
let modA: { Authorization: string };
let modB: { Authorization: string };
let secondId: number;
const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
const MIN = 60_000;
let postIds: number[] = [];

const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await t.db(table).where(where).count({ c: '*' }).first())!.c);
const auditRows = (action: string, subjectId?: number | string) =>
  t
    .db('audit_log')
    .where({ action })
    .modify((q) => subjectId !== undefined && q.where({ subject_id: String(subjectId) }))
    .orderBy('id');

/** A fresh open flag on a post nobody flagged yet, created `minutesAgo` before the clock. */
async function openFlag(queue: string, minutesAgo: number, priority = 30): Promise<number> {
  const subject = postIds.shift()!;
  const [row] = await t
    .db('flags')
    .insert({
      subject_type: 'post',
      subject_id: subject,
      queue,
      priority,
      status: 'open',
      source: 'rule',
      reason: 'test',
      created_at: new Date(clock.now().getTime() - minutesAgo * MIN),
    })
    .returning('id');
  return Number(row.id);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  t = await createTestDb();
  staff = await createStaff(t.db);
  await seedSmallCommunity(t.db, staff.moderator.id);
  const [second] = await t
    .db('staff')
    .insert({
      email: 'second@test.example',
      display_name: 'Second Mod',
      role: 'moderator',
      password_hash: await hashPassword(TEST_PASSWORD),
      created_at: new Date(),
    })
    .returning('id');
  secondId = Number(second.id);
  jobs = await startTestJobs(t, clock);
  app = buildApp(t.db, { clock, config: { sessionTtlMs: 30 * 86_400_000 } });
  admin = await bearerFor(app, staff.admin.email);
  manager = await bearerFor(app, staff.community_manager.email);
  modA = await bearerFor(app, staff.moderator.email);
  modB = await bearerFor(app, 'second@test.example');
  const flagged = new Set((await t.db('flags').select('subject_id')).map((f: { subject_id: number }) => Number(f.subject_id)));
  postIds = (await t.db('posts').orderBy('id').select('id')).map((p: { id: number }) => Number(p.id)).filter((id) => !flagged.has(id));
}, 120_000);
afterAll(() => t.close());

describe('SLA per queue', () => {
  it('a community manager sets a target; the change is audited from what it was', async () => {
    const res = await request(app)
      .put('/api/queue-settings/spam')
      .set(manager)
      .send({ id: 'spam', queue: 'spam', slaMinutes: 60 })
      .expect(200);
    expect(res.body).toMatchObject({ id: 'spam', slaMinutes: 60, updatedBy: staff.community_manager.id });
    await request(app).put('/api/queue-settings/spam').set(admin).send({ slaMinutes: 45 }).expect(200);
    const rows = await auditRows('queue.sla_set', 'spam');
    expect(rows.map((r: { actor_staff_id: number; detail: unknown }) => [r.actor_staff_id, r.detail])).toEqual([
      [staff.community_manager.id, { before: null, after: 60 }],
      [staff.admin.id, { before: 60, after: 45 }],
    ]);
    await request(app).put('/api/queue-settings/spam').set(manager).send({ slaMinutes: 60 }).expect(200);
    const list = await request(app).get('/api/queue-settings').set(modA).expect(200);
    expect(list.headers['content-range']).toBe(`queue-settings 0-${list.body.length - 1}/${list.body.length}`);
    expect(list.body.find((s: { queue: string }) => s.queue === 'spam').slaMinutes).toBe(60);
    expect(list.body.find((s: { queue: string }) => s.queue === 'scam').slaMinutes).toBeNull();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('refuses bad targets field by field as problem+json, and a moderator with 403, writing nothing', async () => {
    const before = [await count('audit_log'), JSON.stringify(await t.db('queue_settings').orderBy('queue'))];
    for (const slaMinutes of [0, -5, 1.5, 'soon', 50_000, undefined]) {
      const res = await request(app).put('/api/queue-settings/scam').set(manager).send({ slaMinutes }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['slaMinutes']);
    }
    const badQueue = await request(app).put('/api/queue-settings/nonsense').set(manager).send({ slaMinutes: 30 }).expect(400);
    expect(badQueue.body.errors[0].path).toBe('queue');
    const forbidden = await request(app).put('/api/queue-settings/scam').set(modA).send({ slaMinutes: 30 }).expect(403);
    expect(forbidden.body.type).toBe('/problems/forbidden');
    expect([await count('audit_log'), JSON.stringify(await t.db('queue_settings').orderBy('queue'))]).toEqual(before);
  });

  it('marks overdue items in the queue list and counts them per queue', async () => {
    const late = await openFlag('spam', 61);
    const fresh = await openFlag('spam', 5);
    const res = await request(app)
      .get('/api/flags')
      .query({ filter: JSON.stringify({ queue: 'spam', status: 'open' }), range: '[0,99]' })
      .set(modA)
      .expect(200);
    const row = (id: number) => res.body.find((r: { id: number }) => r.id === id);
    expect(row(late)).toMatchObject({ overdue: true, slaMinutes: 60 });
    expect(row(fresh)).toMatchObject({ overdue: false, slaMinutes: 60 });
    expect(new Date(row(fresh).dueAt).getTime()).toBe(clock.now().getTime() + 55 * MIN);
    const overdueInDb = await t
      .db('flags')
      .where({ queue: 'spam', status: 'open' })
      .where('created_at', '<=', new Date(clock.now().getTime() - 60 * MIN))
      .count({ c: '*' })
      .first();
    const summary = await request(app).get('/api/queues/summary').set(modA).expect(200);
    const spam = summary.body.find((s: { queue: string }) => s.queue === 'spam');
    expect(spam).toMatchObject({
      slaMinutes: 60,
      overdue: Number(overdueInDb!.c),
      open: await count('flags', { queue: 'spam', status: 'open' }),
    });
    expect(spam.overdue).toBeGreaterThanOrEqual(1);
    // A queue with no target has nothing overdue, and a role sees only the queues it works.
    expect(summary.body.find((s: { queue: string }) => s.queue === 'scam').overdue).toBe(0);
    const cm = await request(app).get('/api/queues/summary').set(manager).expect(200);
    expect(cm.body.map((s: { queue: string }) => s.queue)).toEqual(['community']);
    const wb = await request(app).get(`/api/flags/${late}/workbench`).set(modA).expect(200);
    expect(wb.body.flag).toMatchObject({ overdue: true, slaMinutes: 60 });
  });
});

describe('SLA escalation job', () => {
  it('escalates an item past twice its target once, by the system, with an audit row; under it nothing happens', async () => {
    await request(app).put('/api/queue-settings/fake_review').set(manager).send({ slaMinutes: 30 }).expect(200);
    const stale = await openFlag('fake_review', 61, 90);
    const overdue = await openFlag('fake_review', 45, 30);
    const fresh = await openFlag('fake_review', 10, 30);
    await request(app).post(`/api/flags/${stale}/claim`).set(modA).expect(200);
    const before = await t.db('flags').whereIn('id', [overdue, fresh]).orderBy('id');

    await jobs.send(SLA_ESCALATION_JOB, {});
    const escalated = await until(
      'the stale item to escalate',
      async () => (await t.db('flags').where({ id: stale }).first()).sla_escalated_at && t.db('flags').where({ id: stale }).first(),
    );
    // The moderator holding it keeps it: the escalation raises it, it does not take it away.
    expect(escalated).toMatchObject({ priority: 100, claimed_by: staff.moderator.id, status: 'open' });
    const [row] = await auditRows('flag.sla_escalate', stale);
    expect(row).toMatchObject({ actor_kind: 'system', actor_staff_id: null, subject_type: 'flag' });
    expect(row.detail).toEqual({
      queue: 'fake_review',
      slaMinutes: 30,
      waitedMinutes: 61,
      priorityBefore: 90,
      priorityAfter: 100,
      claimKeptBy: staff.moderator.id,
    });
    // Overdue but under twice the target, and fresh: untouched.
    expect(await t.db('flags').whereIn('id', [overdue, fresh]).orderBy('id')).toEqual(before);
    expect(await auditRows('flag.sla_escalate', overdue)).toHaveLength(0);

    // The next run, later: the stale item is not escalated again; the other one now is.
    clock.advance(20 * MIN);
    await jobs.send(SLA_ESCALATION_JOB, {});
    await until('the second item to escalate', async () => (await t.db('flags').where({ id: overdue }).first()).sla_escalated_at);
    expect(await auditRows('flag.sla_escalate', stale)).toHaveLength(1);
    expect((await t.db('flags').where({ id: stale }).first()).priority).toBe(100);
    expect((await t.db('flags').where({ id: overdue }).first()).priority).toBe(50);
    expect((await t.db('flags').where({ id: fresh }).first()).sla_escalated_at).toBeNull();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('canned notes', () => {
  let templateId: number;
  const template = {
    queue: 'spam',
    slot: 1,
    title: 'Link spam',
    textEn: 'Repeated links to an outside shop are spam here.',
    textZh: '反复发布外部店铺链接属于垃圾信息。',
  };

  it('community managers create, edit and delete templates, audited; moderators cannot', async () => {
    const created = await request(app).post('/api/note-templates').set(manager).send(template).expect(201);
    templateId = created.body.id;
    expect(created.body).toMatchObject({ queue: 'spam', slot: 1, textEn: template.textEn, textZh: template.textZh });
    const [createdAudit] = await auditRows('note_template.create', templateId);
    expect(createdAudit.detail.after).toMatchObject({ queue: 'spam', slot: 1, textZh: template.textZh });

    const dup = await request(app)
      .post('/api/note-templates')
      .set(manager)
      .send({ ...template, title: 'again' })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(/problem\+json/);
    const bad = await request(app)
      .post('/api/note-templates')
      .set(manager)
      .send({ queue: 'spam', slot: 10, title: '', textEn: 'x' })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['slot', 'textZh', 'title']);

    const auditBefore = await count('audit_log');
    await request(app)
      .post('/api/note-templates')
      .set(modA)
      .send({ ...template, slot: 2 })
      .expect(403);
    await request(app).put(`/api/note-templates/${templateId}`).set(modA).send(template).expect(403);
    await request(app).delete(`/api/note-templates/${templateId}`).set(modA).expect(403);
    expect(await count('audit_log')).toBe(auditBefore);

    const second = await request(app)
      .post('/api/note-templates')
      .set(admin)
      .send({ ...template, slot: 2, title: 'Scratch' })
      .expect(201);
    await request(app)
      .put(`/api/note-templates/${second.body.id}`)
      .set(manager)
      .send({ ...second.body, title: 'Scratch 2', slot: 3 })
      .expect(200);
    const [updated] = await auditRows('note_template.update', second.body.id);
    expect([updated.detail.before.title, updated.detail.after.title, updated.detail.after.slot]).toEqual(['Scratch', 'Scratch 2', 3]);
    await request(app).delete(`/api/note-templates/${second.body.id}`).set(manager).expect(200);
    expect(await auditRows('note_template.delete', second.body.id)).toHaveLength(1);
    await request(app).get(`/api/note-templates/${second.body.id}`).set(modA).expect(404);

    const listed = await request(app)
      .get('/api/note-templates')
      .query({ filter: JSON.stringify({ queue: 'spam' }) })
      .set(modA)
      .expect(200);
    expect(listed.body.map((r: { id: number }) => r.id)).toEqual([templateId]);
  });

  it('a template sent as it is gives the statement both its texts; an edited one the edited text', async () => {
    const plain = await openFlag('spam', 1);
    const res = await request(app)
      .post(`/api/flags/${plain}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'spam', note: template.textEn, noteTemplateId: templateId })
      .expect(201);
    expect(res.body.noteTemplateId).toBe(templateId);
    const statement = await t.db('statements').where({ decision_id: res.body.id }).first();
    expect(statement.text_en).toContain(`Moderator's note: ${template.textEn}`);
    expect(statement.text_zh).toContain(`审核员说明：${template.textZh}`);

    const edited = await openFlag('spam', 1);
    const note = 'Repeated links to an outside shop are spam here; this is the third time this week.';
    const res2 = await request(app)
      .post(`/api/flags/${edited}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'spam', note, noteTemplateId: templateId })
      .expect(201);
    const statement2 = await t.db('statements').where({ decision_id: res2.body.id }).first();
    expect(statement2.text_en).toContain(note);
    expect(statement2.text_zh).toContain(note);
    expect(statement2.text_zh).not.toContain(template.textZh);
    const [audit] = await auditRows('decision.create').where('detail', '@>', JSON.stringify({ decisionId: res2.body.id }));
    expect(audit.detail.noteTemplateId).toBe(templateId);

    // A template of another queue is refused, and nothing is decided.
    const other = await openFlag('scam', 1);
    const refused = await request(app)
      .post(`/api/flags/${other}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'scam', noteTemplateId: templateId })
      .expect(400);
    expect(refused.body.errors[0].path).toBe('noteTemplateId');
    expect((await t.db('flags').where({ id: other }).first()).status).toBe('open');
  });
});

describe('who holds what', () => {
  it('an admin sees who holds which item since when, reassigns and releases, each audited; others get 403', async () => {
    const flag = await openFlag('scam', 3);
    const claimedAt = clock.now();
    await request(app).post(`/api/flags/${flag}/claim`).set(modA).expect(200);
    clock.advance(2 * MIN);
    // Renewing a claim keeps when it began.
    await request(app).post(`/api/flags/${flag}/claim`).set(modA).expect(200);
    const held = await request(app).get('/api/supervisor/claims').set(admin).expect(200);
    expect(held.body.find((h: { id: number }) => h.id === flag)).toMatchObject({
      queue: 'scam',
      claimedBy: staff.moderator.id,
      claimedByName: 'moderator',
      claimedAt: claimedAt.toISOString(),
    });

    const auditBefore = await count('audit_log');
    for (const who of [modA, manager]) {
      await request(app).get('/api/supervisor/claims').set(who).expect(403);
      await request(app).post(`/api/supervisor/claims/${flag}/release`).set(who).expect(403);
      await request(app).post(`/api/supervisor/claims/${flag}/reassign`).set(who).send({ staffId: secondId }).expect(403);
    }
    expect(await count('audit_log')).toBe(auditBefore);

    // Compliance does not work the scam queue: refused, field named.
    const wrong = await request(app)
      .post(`/api/supervisor/claims/${flag}/reassign`)
      .set(admin)
      .send({ staffId: staff.compliance.id })
      .expect(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'staffId', code: 'queue_not_worked' });
    await request(app).post(`/api/supervisor/claims/${flag}/reassign`).set(admin).send({ staffId: 'x' }).expect(400);

    await request(app).post(`/api/supervisor/claims/${flag}/reassign`).set(admin).send({ staffId: secondId }).expect(200);
    const after = await t.db('flags').where({ id: flag }).first();
    expect([Number(after.claimed_by), after.claimed_at.toISOString(), after.claimed_until.toISOString()]).toEqual([
      secondId,
      clock.now().toISOString(),
      new Date(clock.now().getTime() + 10 * MIN).toISOString(),
    ]);
    const [reassigned] = await auditRows('flag.claim_reassigned', flag);
    expect(reassigned).toMatchObject({ actor_staff_id: staff.admin.id });
    expect(reassigned.detail).toMatchObject({ from: staff.moderator.id, to: secondId, queue: 'scam' });
    // The new holder can decide; the old one is now held off.
    await request(app).post(`/api/flags/${flag}/decide`).set(modA).send({ action: 'approve', reasonCode: 'no_violation' }).expect(409);

    await request(app).post(`/api/supervisor/claims/${flag}/release`).set(admin).expect(200);
    expect(await t.db('flags').where({ id: flag }).first()).toMatchObject({ claimed_by: null, claimed_until: null, claimed_at: null });
    const [released] = await auditRows('flag.claim_released_by_supervisor', flag);
    expect(released.detail).toMatchObject({ from: secondId });
    await request(app).post(`/api/supervisor/claims/${flag}/release`).set(admin).expect(409);
    await request(app).post(`/api/flags/${flag}/decide`).set(modB).send({ action: 'approve', reasonCode: 'no_violation' }).expect(201);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
