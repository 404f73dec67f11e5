import type { PostVelocity } from '../facts/postFacts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface StreamPost {
  authorId: number;
  threadId: number | null;
  productId: number | null;
  kind: string;
  postedAt: Date;
  textHash: string;
  /** When the author joined; a review counts as "by a new account" within 7 days of it. */
  authorJoinedAt: Date;
}

/**
 * The velocity facts of posts seen in time order, counted from memory instead of SQL. The
 * windows mean the same as the live queries: posts strictly before the item, within 10 minutes,
 * an hour or a day. Feed posts in order of posted_at; posts sharing a timestamp must all be
 * measured before any of them is recorded, as none of them is "before" another.
 */
export function createPostVelocityStream() {
  const byAuthor = new Map<number, number[]>();
  // Thread, then text fingerprint: no key string to build for every post.
  const byThreadText = new Map<number, Map<string, Array<{ author: number; t: number }>>>();
  const reviewsByProduct = new Map<number, Array<{ t: number; byNewAccount: boolean }>>();
  let latest = -Infinity;

  const prune = <T>(list: T[], keepFrom: number, time: (x: T) => number) => {
    let drop = 0;
    while (drop < list.length && time(list[drop]!) < keepFrom) drop++;
    if (drop) list.splice(0, drop);
  };
  const countFrom = <T>(list: T[] | undefined, from: number, to: number, time: (x: T) => number, keep: (x: T) => boolean = () => true) => {
    let n = 0;
    if (list) for (const x of list) if (time(x) >= from && time(x) < to && keep(x)) n++;
    return n;
  };

  return {
    measure(p: StreamPost): PostVelocity {
      const t = p.postedAt.getTime();
      const authored = byAuthor.get(p.authorId);
      const sameText = p.threadId !== null ? byThreadText.get(p.threadId)?.get(p.textHash) : undefined;
      const others = new Set<number>();
      if (sameText) for (const x of sameText) if (x.t >= t - 10 * MINUTE && x.t < t && x.author !== p.authorId) others.add(x.author);
      return {
        authorPostsLast10m: countFrom(authored, t - 10 * MINUTE, t, (x) => x),
        authorPostsLastHour: countFrom(authored, t - HOUR, t, (x) => x),
        identicalTextAccounts10m: others.size,
        productReviewsByNewAccounts24h:
          p.kind === 'review' && p.productId !== null
            ? countFrom(
                reviewsByProduct.get(p.productId),
                t - DAY,
                t,
                (x) => x.t,
                (x) => x.byNewAccount,
              )
            : 0,
      };
    },
    record(p: StreamPost): void {
      const t = p.postedAt.getTime();
      if (t < latest) throw new Error('posts must be recorded in time order');
      latest = t;
      const authored = byAuthor.get(p.authorId) ?? [];
      authored.push(t);
      prune(authored, t - HOUR, (x) => x);
      byAuthor.set(p.authorId, authored);
      if (p.threadId !== null) {
        let texts = byThreadText.get(p.threadId);
        if (!texts) byThreadText.set(p.threadId, (texts = new Map()));
        const list = texts.get(p.textHash) ?? [];
        list.push({ author: p.authorId, t });
        prune(list, t - 10 * MINUTE, (x) => x.t);
        texts.set(p.textHash, list);
      }
      if (p.kind === 'review' && p.productId !== null) {
        const list = reviewsByProduct.get(p.productId) ?? [];
        list.push({ t, byNewAccount: p.authorJoinedAt.getTime() > t - 7 * DAY });
        prune(list, t - DAY, (x) => x.t);
        reviewsByProduct.set(p.productId, list);
      }
    },
  };
}
