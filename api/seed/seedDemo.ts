import type { Knex } from 'knex';
import { labelStoredDecisions } from '../models/labelService';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { ingestPosts } from '../ingest/ingestPosts';
import { ingestTransactions } from '../ingest/ingestTransactions';
import { upsertAccounts } from '../ingest/upsertAccounts';
import { accountRefSchema, postInputSchema, transactionInputSchema } from '../../contract/schemas/ingest';
import { buildDemoCommunity } from './demoCommunity';
import { seededRandom } from '../../rules/seededRandom';
import type { TrustEngine } from '../ingest/ingestResult';
import { recordReputationEvents } from '../reputation/reputationStore';
import { DECISION_WEIGHTS } from '../../rules/reputation/beta';
import { seedMemberReports } from './seedReports';
import { seedTeamSettings } from './seedTeamSettings';

export const DEMO_SOURCE = 'demo';
export const DEMO_SEED = 20_261_125;
const DEMO_THRESHOLDS: Array<[string, number]> = [
  ['digital', 0.1],
  ['outdoor', 0.08],
  ['beauty', 0.15],
  ['food', 0.15],
];

export interface SeedSummary {
  seeded: boolean;
  accounts: number;
  posts: number;
  transactions: number;
  partnerships: number;
  flags: number;
  openFlags: number;
  decisions: number;
}

/** A batch arrives a minute after its last item, and never after the seed's own time. */
function arrivedAt(times: Date[], now: Date): Date {
  return new Date(Math.min(now.getTime(), Math.max(...times.map((t) => t.getTime())) + 60_000));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Moderators' ids by the generator's index; the demo's decisions are spread across them. */
async function moderatorIds(trx: Knex.Transaction): Promise<number[]> {
  const rows = await trx('staff')
    .whereIn('role', ['moderator', 'admin'])
    .orderBy([{ column: 'role', order: 'desc' }, 'id'])
    .select('id');
  return rows.map((r: { id: number }) => r.id);
}

/**
 * Writes the demo community once. The whole seed is one transaction ending in an audit row that
 * marks it done, so an interrupted seed leaves nothing and a repeated one writes nothing. Items go
 * through the same ingestion code as a platform's, parsed by the same schemas.
 */
export async function seedDemoCommunity(
  db: Db,
  options: { now: Date; seed?: number; anchor?: Date; engine?: TrustEngine },
): Promise<SeedSummary> {
  const done = await db('audit_log').where({ action: 'seed.demo_community' }).first('id');
  if (done) return { seeded: false, ...(await summary(db)) };

  // Day-aligned, so a restart later the same day builds the same community.
  const anchor = options.anchor ?? new Date(Math.floor(options.now.getTime() / 86_400_000) * 86_400_000);
  const community = buildDemoCommunity({ seed: options.seed ?? DEMO_SEED, anchor });
  await db.transaction(async (trx) => {
    await upsertAccounts(
      trx,
      DEMO_SOURCE,
      community.accounts.map((a) => accountRefSchema.parse(a)),
      options.now,
    );
    // Partnerships first: they are what makes a creator's praise an advertisement when posts are judged.
    const accountIds = new Map<string, number>(
      (await trx('accounts').where({ source: DEMO_SOURCE }).select('id', 'external_id')).map((r: { id: number; external_id: string }) => [
        r.external_id,
        r.id,
      ]),
    );
    await trx('partnerships').insert(
      community.partnerships.map((p) => ({
        creator_id: accountIds.get(p.creator)!,
        brand_id: accountIds.get(p.brand)!,
        kind: p.kind,
        starts_at: p.startsAt,
        ends_at: p.endsAt,
        campaign: p.campaign,
        source: 'platform',
        created_at: options.now,
      })),
    );
    // Community managers watch the boards where vendors are most active: crossing raises a community flag.
    await trx('board_thresholds').insert(
      DEMO_THRESHOLDS.map(([board, share]) => ({ board, commercial_share: share, min_posts: 20, alerted: false, updated_at: options.now })),
    );
    // Through the published policies, as a platform's items would be, in the order they happened:
    // each batch is judged at its own time, so flags and rule hits carry realistic dates.
    const posts = community.posts.map((p) => postInputSchema.parse(p)).sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    for (const batch of chunks(posts, 200))
      await ingestPosts(
        trx,
        DEMO_SOURCE,
        batch,
        arrivedAt(
          batch.map((p) => p.postedAt),
          options.now,
        ),
        options.engine,
      );
    const orders = community.transactions
      .map((t) => transactionInputSchema.parse(t))
      .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
    for (const batch of chunks(orders, 100))
      await ingestTransactions(
        trx,
        DEMO_SOURCE,
        batch,
        arrivedAt(
          batch.map((t) => t.orderedAt),
          options.now,
        ),
        options.engine,
      );

    const postId = new Map<string, number>(
      (await trx('posts').where({ source: DEMO_SOURCE }).select('id', 'external_id')).map((r: { id: number; external_id: string }) => [
        r.external_id,
        r.id,
      ]),
    );
    const orderId = new Map<string, number>(
      (await trx('transactions').where({ source: DEMO_SOURCE }).select('id', 'external_id')).map(
        (r: { id: number; external_id: string }) => [r.external_id, r.id],
      ),
    );

    const mods = await moderatorIds(trx);
    for (const batch of chunks(community.flags, 200)) {
      const rows = batch.map((f) => ({
        subject_type: f.subjectType,
        subject_id: f.subjectType === 'post' ? postId.get(f.subject)! : orderId.get(f.subject)!,
        queue: f.queue,
        priority: f.priority,
        status: f.decision ? 'decided' : 'open',
        source: f.source,
        reason: f.reason,
        created_at: f.createdAt,
        decided_at: f.decision?.at ?? null,
      }));
      // A report on an item a rule already flagged in that queue joins the open flag rather than
      // duplicating it; a decided report closes that flag with its decision.
      const ids: number[] = [];
      for (const row of rows) {
        if (row.status === 'decided') {
          const closed = await trx('flags')
            .where({ subject_type: row.subject_type, subject_id: row.subject_id, queue: row.queue, status: 'open' })
            // The flag dates from its first evidence: the member's report, when that came before the rule's batch.
            .update({
              status: 'decided',
              decided_at: row.decided_at,
              priority: trx.raw('greatest(priority, ?)', [row.priority]),
              created_at: trx.raw('least(created_at, ?)', [row.created_at]),
            })
            .returning('id');
          if (closed.length) {
            ids.push(closed[0].id);
            continue;
          }
          const [inserted] = await trx('flags').insert(row).returning('id');
          ids.push(inserted.id);
          continue;
        }
        const result = await trx.raw(
          `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, created_at, decided_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (subject_type, subject_id, queue) where status = 'open'
           do update set priority = greatest(flags.priority, excluded.priority)
           returning id`,
          [row.subject_type, row.subject_id, row.queue, row.priority, row.status, row.source, row.reason, row.created_at, row.decided_at],
        );
        ids.push((result.rows as Array<{ id: number }>)[0]!.id);
      }
      const decisions = batch
        .map((f, i) => ({ f, flagId: ids[i]!, subjectId: rows[i]!.subject_id }))
        .filter(({ f }) => f.decision && mods.length)
        .map(({ f, flagId, subjectId }) => ({
          flag_id: flagId,
          subject_type: f.subjectType,
          subject_id: subjectId,
          action: f.decision!.action,
          reason_code: f.decision!.reasonCode,
          staff_id: mods[f.decision!.moderator % mods.length]!,
          automated: false,
          created_at: f.decision!.at,
        }));
      if (decisions.length) {
        const stored: Array<{ id: number; subject_type: string; subject_id: number; action: string; created_at: Date }> = await trx(
          'decisions',
        )
          .insert(decisions)
          .returning(['id', 'subject_type', 'subject_id', 'action', 'created_at']);
        // What moderators decided about a post counts for its author's discussion reputation.
        const postIds = stored.filter((d) => d.subject_type === 'post').map((d) => d.subject_id);
        const authors = new Map<number, number>(
          postIds.length
            ? (await trx('posts').whereIn('id', postIds).select('id', 'author_id')).map((p: { id: number; author_id: number }) => [
                p.id,
                p.author_id,
              ])
            : [],
        );
        await recordReputationEvents(
          trx,
          stored
            .filter((d) => d.subject_type === 'post')
            .map((d) => ({
              accountId: authors.get(d.subject_id)!,
              component: 'discussion' as const,
              weight: DECISION_WEIGHTS[d.action] ?? 0,
              causeType: 'decision' as const,
              causeId: d.id,
              at: d.created_at,
            })),
        );
      }
      // What the decisions did to the items, so the demo's posts and orders agree with its history.
      const removed = decisions.filter((d) => d.subject_type === 'post' && d.action === 'remove').map((d) => d.subject_id);
      const labelled = decisions.filter((d) => d.subject_type === 'post' && d.action === 'require_disclosure').map((d) => d.subject_id);
      const held = decisions.filter((d) => d.subject_type === 'transaction' && d.action === 'hold').map((d) => d.subject_id);
      if (removed.length) await trx('posts').whereIn('id', removed).update({ status: 'removed' });
      if (labelled.length) await trx('posts').whereIn('id', labelled).update({ status: 'labelled' });
      if (held.length) await trx('transactions').whereIn('id', held).update({ held: true });
    }
    await decideOldRuleFlags(trx, mods, anchor, options.seed ?? DEMO_SEED);
    await seedMemberReports(trx, options.seed ?? DEMO_SEED);
    await labelStoredDecisions(trx);
    await seedTeamSettings(trx, options.now);
    await appendAudit(trx, {
      actor: { kind: 'system' },
      action: 'seed.demo_community',
      detail: { seed: options.seed ?? DEMO_SEED, anchor: anchor.toISOString() },
      at: options.now,
    });
  });
  return { seeded: true, ...(await summary(db)) };
}

const UPHOLD: Record<string, string> = {
  spam: 'remove',
  scam: 'remove',
  contact_harvesting: 'remove',
  fake_review: 'remove',
  suspicious_order: 'hold',
  undisclosed_ad: 'require_disclosure',
  community: 'remove',
};

/**
 * Moderators have worked the rule flags too (board alerts are left to the community managers): the older a flag, the likelier it was decided
 * (compliance and review-fraud queues move slower), most of them upheld.
 */
async function decideOldRuleFlags(trx: Knex.Transaction, mods: number[], anchor: Date, seed: number): Promise<void> {
  if (mods.length === 0) return;
  const rnd = seededRandom(seed + 1);
  const DAY = 86_400_000;
  const open: Array<{ id: number; subject_type: string; subject_id: number; queue: string; created_at: Date }> = await trx('flags')
    .where({ status: 'open', source: 'rule' })
    .whereNot({ queue: 'community' })
    .orderBy('id')
    .select('id', 'subject_type', 'subject_id', 'queue', 'created_at');
  const decisions: Array<Record<string, unknown>> = [];
  for (const f of open) {
    const age = anchor.getTime() - f.created_at.getTime();
    const slow = f.queue === 'undisclosed_ad' || f.queue === 'fake_review';
    if (!rnd.chance(age > 5 * DAY ? (slow ? 0.6 : 0.95) : age > 2 * DAY ? (slow ? 0.25 : 0.5) : 0)) continue;
    const at = new Date(Math.min(f.created_at.getTime() + rnd.int(10, 60 * 30) * 60_000, anchor.getTime() - 60_000));
    const upheld = rnd.chance(0.85);
    decisions.push({
      flag_id: f.id,
      subject_type: f.subject_type,
      subject_id: f.subject_id,
      action: upheld ? UPHOLD[f.queue] : 'approve',
      reason_code: upheld ? f.queue : 'no_violation',
      staff_id: mods[rnd.int(0, mods.length - 1)],
      automated: false,
      created_at: at,
    });
  }
  for (const batch of chunks(decisions, 500)) {
    const stored: Array<{ id: number; flag_id: number; subject_type: string; subject_id: number; action: string; created_at: Date }> =
      await trx('decisions').insert(batch).returning(['id', 'flag_id', 'subject_type', 'subject_id', 'action', 'created_at']);
    for (const d of stored) await trx('flags').where({ id: d.flag_id }).update({ status: 'decided', decided_at: d.created_at });
    const posts = stored.filter((d) => d.subject_type === 'post');
    const byAction = (action: string) => posts.filter((d) => d.action === action).map((d) => d.subject_id);
    if (byAction('remove').length) await trx('posts').whereIn('id', byAction('remove')).update({ status: 'removed' });
    if (byAction('require_disclosure').length)
      await trx('posts').whereIn('id', byAction('require_disclosure')).update({ disclosure_required: true });
    const held = stored.filter((d) => d.subject_type === 'transaction' && d.action === 'hold').map((d) => d.subject_id);
    if (held.length) await trx('transactions').whereIn('id', held).update({ held: true });
    const authors = new Map<number, number>(
      posts.length
        ? (
            await trx('posts')
              .whereIn(
                'id',
                posts.map((d) => d.subject_id),
              )
              .select('id', 'author_id')
          ).map((p: { id: number; author_id: number }) => [p.id, p.author_id])
        : [],
    );
    await recordReputationEvents(
      trx,
      posts.map((d) => ({
        accountId: authors.get(d.subject_id)!,
        component: 'discussion' as const,
        weight: DECISION_WEIGHTS[d.action] ?? 0,
        causeType: 'decision' as const,
        causeId: d.id,
        at: d.created_at,
      })),
    );
  }
}

async function summary(db: Db): Promise<Omit<SeedSummary, 'seeded'>> {
  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await db(table).where(where).count({ c: '*' }).first())!.c);
  return {
    accounts: await count('accounts'),
    posts: await count('posts'),
    transactions: await count('transactions'),
    partnerships: await count('partnerships'),
    flags: await count('flags'),
    openFlags: await count('flags', { status: 'open' }),
    decisions: await count('decisions'),
  };
}
