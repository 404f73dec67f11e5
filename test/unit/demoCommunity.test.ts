import { describe, expect, it } from 'vitest';
import { buildDemoCommunity } from '../../api/seed/demoCommunity';
import { postInputSchema, transactionInputSchema } from '../../contract/schemas/ingest';

const anchor = new Date('2026-11-25T00:00:00Z');

describe('demo community generator', () => {
  const c = buildDemoCommunity({ seed: 1, anchor });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = buildDemoCommunity({ seed: 1, anchor });
    expect(JSON.stringify(again.posts)).toBe(JSON.stringify(c.posts));
    const other = buildDemoCommunity({ seed: 2, anchor });
    expect(JSON.stringify(other.posts)).not.toBe(JSON.stringify(c.posts));
  });

  it('has the size and mix the demo promises', () => {
    expect(c.accounts.length).toBeGreaterThanOrEqual(60);
    for (const type of ['member', 'vendor', 'brand', 'creator']) expect(c.accounts.some((a) => a.type === type)).toBe(true);
    expect(c.posts.length).toBeGreaterThanOrEqual(3000);
    for (const kind of ['thread', 'reply', 'review', 'live_comment'])
      expect(c.posts.filter((p) => p.kind === kind).length).toBeGreaterThan(50);
    expect(c.transactions.length).toBeGreaterThanOrEqual(400);
    expect(c.transactions.filter((t) => t.referralPostId).length).toBeGreaterThan(100);
    const cats = [...c.categories.values()];
    for (const cat of ['spam', 'disclosed_promo', 'undisclosed_promo', 'contact_harvest', 'fake_review', 'live_flood', 'off_platform'])
      expect(cats.filter((x) => x === cat).length, cat).toBeGreaterThan(10);
    expect(c.posts.some((p) => p.lang === 'zh') && c.posts.some((p) => p.lang === 'en')).toBe(true);
    expect(c.flags.filter((f) => !f.decision).length).toBeGreaterThan(30);
  });

  it('spreads posts over 60 days before the anchor and never after it', () => {
    const times = c.posts.map((p) => Date.parse(String(p.postedAt)));
    expect(Math.max(...times)).toBeLessThanOrEqual(anchor.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(anchor.getTime() - 60 * 86_400_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(50 * 86_400_000);
  });

  it('places undisclosed promotion only by creators with a partnership active at posting time', () => {
    const undisclosed = c.posts.filter((p) => c.categories.get(p.id) === 'undisclosed_promo');
    expect(undisclosed.length).toBeGreaterThan(10);
    for (const p of undisclosed) {
      const at = Date.parse(String(p.postedAt));
      const active = c.partnerships.filter(
        (x) => x.creator === p.author.id && x.startsAt.getTime() <= at && (!x.endsAt || x.endsAt.getTime() > at),
      );
      expect(active.length, p.id).toBeGreaterThan(0);
      expect(p.body).not.toMatch(/广告|#ad\b|赞助|sponsored|paid partnership/i);
    }
  });

  it('emits only items the ingestion schemas accept', () => {
    for (const p of c.posts) expect(postInputSchema.safeParse(p).success, p.id).toBe(true);
    for (const t of c.transactions) expect(transactionInputSchema.safeParse(t).success, t.id).toBe(true);
  });
});
