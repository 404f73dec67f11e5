import type { Db } from '../../api/db/connect';
import { ingestPosts } from '../../api/ingest/ingestPosts';
import { ingestTransactions } from '../../api/ingest/ingestTransactions';
import { postInputSchema, transactionInputSchema, type PostInput } from '../../contract/schemas/ingest';

export const T0 = new Date('2026-10-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

export function samplePost(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `p-${i}`,
    kind: 'thread',
    author: { id: `u-${i % 7}`, handle: `user${i % 7}` },
    board: i % 2 ? 'beauty' : 'digital',
    title: `Thread ${i}`,
    body: i % 3 ? `Does anyone know a good charger? number ${i}` : `这个耳机音质怎么样？第${i}个帖子`,
    postedAt: at(i),
    ...overrides,
  };
}

/** A small community: 20 threads, 40 replies, 10 orders, 3 partnerships, 6 flags, 3 decisions. */
export async function seedSmallCommunity(db: Db, moderatorId: number, source = 'testplatform'): Promise<void> {
  const threads = Array.from({ length: 20 }, (_, i) => postInputSchema.parse(samplePost(i)));
  const replies: PostInput[] = Array.from({ length: 40 }, (_, i) =>
    postInputSchema.parse(samplePost(100 + i, { kind: 'reply', threadId: `p-${i % 20}`, title: undefined, rating: undefined })),
  );
  const posts = await ingestPosts(db, source, [...threads, ...replies], T0);
  const orders = Array.from({ length: 10 }, (_, i) =>
    transactionInputSchema.parse({
      id: `o-${i}`,
      buyer: { id: `u-${i % 7}` },
      vendor: { id: `v-${i % 2}`, type: 'vendor' },
      amountCents: 1000 * (i + 1),
      status: i % 4 === 0 ? 'refunded' : 'completed',
      referralPostId: i % 2 ? `p-${i}` : undefined,
      orderedAt: at(200 + i),
    }),
  );
  await ingestTransactions(db, source, orders, T0);
  const creator = (await db('accounts').where({ external_id: 'u-1' }).first()).id;
  const [brand] = await db('accounts')
    .insert({ source, external_id: 'b-1', handle: 'brand1', type: 'brand', joined_at: T0, ingested_at: T0 })
    .returning('id');
  await db('partnerships').insert(
    (['sponsorship', 'gifted', 'affiliate'] as const).map((kind, i) => ({
      creator_id: creator,
      brand_id: brand.id,
      kind,
      starts_at: at(i * 10),
      ends_at: at(i * 10 + 5000),
      campaign: `c${i}`,
      created_at: T0,
    })),
  );
  const queues = ['spam', 'scam', 'contact_harvesting', 'fake_review', 'undisclosed_ad', 'spam'] as const;
  const flags = await db('flags')
    .insert(
      queues.map((queue, i) => ({
        subject_type: 'post',
        subject_id: posts[i]!.id,
        queue,
        priority: 10 * (i + 1),
        status: i < 3 ? 'decided' : 'open',
        source: 'rule',
        reason: `reason ${i}`,
        created_at: at(300 + i),
        decided_at: i < 3 ? at(400 + i) : null,
      })),
    )
    .returning('id');
  await db('decisions').insert(
    flags.slice(0, 3).map((f: { id: number }, i: number) => ({
      flag_id: f.id,
      subject_type: 'post',
      subject_id: posts[i]!.id,
      action: i === 0 ? 'approve' : 'remove',
      reason_code: i === 0 ? 'no_violation' : 'spam',
      staff_id: moderatorId,
      created_at: at(400 + i),
    })),
  );
}
