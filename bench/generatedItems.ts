import { buildDemoCommunity } from '../api/seed/demoCommunity';
import { seededRandom } from '../rules/seededRandom';
import { computePostFacts, type PostContext } from '../rules/facts/postFacts';
import type { Facts } from '../rules/policy/evaluation';

/**
 * Realistic post facts: texts from the demo generator (many seeds, so texts and mixes vary),
 * authors, partnerships and velocity drawn from skewed distributions like a real community's.
 */
export function generatePostFacts(count: number, lists: Record<string, string[]>): Facts[] {
  const out: Facts[] = [];
  const rnd = seededRandom(7);
  const brands = [
    { handle: 'soundjoy', names: ['声悦', 'SoundJoy'] },
    { handle: 'clearskin', names: ['澄肌', 'ClearSkin'] },
    { handle: 'trailpeak', names: ['山野', 'TrailPeak'] },
    { handle: 'cozynest', names: ['暖居', 'CozyNest'] },
  ];
  for (let seed = 1; out.length < count; seed++) {
    const community = buildDemoCommunity({ seed, anchor: new Date('2026-11-25T00:00:00Z') });
    for (const p of community.posts) {
      if (out.length >= count) break;
      const postedAt = new Date(String(p.postedAt));
      const ctx: PostContext = {
        author: {
          type: p.author.type ?? 'member',
          joinedAt: new Date(postedAt.getTime() - rnd.int(0, 900) * 86_400_000),
          reputation: rnd.chance(0.2) ? null : rnd.int(5, 99),
          violationsUpheld: rnd.chance(0.9) ? 0 : rnd.int(1, 6),
        },
        authorPartnerships:
          p.author.type === 'creator'
            ? [
                {
                  brandHandle: rnd.pick(brands).handle,
                  kind: 'sponsorship',
                  startsAt: new Date(postedAt.getTime() - 86_400_000 * 10),
                  endsAt: null,
                },
              ]
            : [],
        thread:
          p.kind === 'thread' || !p.threadId
            ? null
            : { authorIsThisAuthor: rnd.chance(0.1), authorType: rnd.chance(0.2) ? 'vendor' : 'member' },
        brands,
        velocity: {
          authorPostsLast10m: rnd.chance(0.95) ? rnd.int(0, 2) : rnd.int(3, 15),
          authorPostsLastHour: rnd.int(0, 20),
          identicalTextAccounts10m: rnd.chance(0.97) ? 0 : rnd.int(1, 12),
          productReviewsByNewAccounts24h: p.kind === 'review' ? rnd.int(0, 8) : 0,
        },
        scores: { spam: rnd.next() ** 3, promo: rnd.next() ** 2 },
        board: p.board
          ? { posts24h: rnd.int(0, 200), commercial24h: rnd.int(0, 30), threshold: rnd.chance(0.5) ? { share: 0.2, minPosts: 20 } : null }
          : null,
      };
      out.push(
        computePostFacts(
          {
            kind: p.kind,
            board: p.board ?? null,
            title: p.title ?? null,
            body: p.body,
            rating: p.rating ?? null,
            platformLabel: p.platformLabel ?? false,
            reach: p.reach ?? 0,
            hasProduct: !!p.product,
            postedAt,
          },
          ctx,
          lists,
        ),
      );
    }
  }
  return out;
}
