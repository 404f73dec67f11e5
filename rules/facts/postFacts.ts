import { promoCueMaskReusing, promoCueNames, type PromoCueScan } from '../text/promoCues';
import type { Facts } from '../policy/evaluation';
import type { PolicyLists } from '../policy/operators';
import { analyzeText, mentionedBrands } from './textFacts';
import { disclosureSettings, disclosureVerdict } from '../disclosure/verdict';

const DAY = 86_400_000;

export interface PostForFacts {
  kind: string;
  board: string | null;
  title: string | null;
  body: string;
  rating: number | null;
  platformLabel: boolean;
  reach: number;
  hasProduct: boolean;
  postedAt: Date;
}

export interface AccountSnapshot {
  type: string;
  joinedAt: Date;
  reputation: number | null;
  violationsUpheld: number;
}

export interface PartnershipSnapshot {
  brandHandle: string;
  kind: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface BrandDirectory {
  brands: ReadonlyArray<{ handle: string; names: readonly string[] }>;
}

/** Counts over what was stored before the item, filled from SQL when live and from a stream in a backtest. */
export interface PostVelocity {
  authorPostsLast10m: number;
  authorPostsLastHour: number;
  identicalTextAccounts10m: number;
  productReviewsByNewAccounts24h: number;
}

export interface PostContext extends BrandDirectory {
  author: AccountSnapshot;
  authorPartnerships: readonly PartnershipSnapshot[];
  /** The thread this post is in (absent for a thread itself and for standalone reviews). */
  thread: { authorIsThisAuthor: boolean; authorType: string } | null;
  velocity: PostVelocity;
  scores: { spam: number; promo: number; cues?: PromoCueScan } | null;
  /** The post's board over the 24 hours before it, and the board's threshold; null for a post without a board. */
  board: BoardWindow | null;
}

export interface BoardWindow {
  posts24h: number;
  commercial24h: number;
  threshold: { share: number; minPosts: number } | null;
}

/** The board facts from a window, the same live and in a backtest. */
export function boardFacts(w: BoardWindow | null) {
  if (!w)
    return {
      boardPosts24h: undefined,
      boardCommercialShare24h: undefined,
      boardCommercialThreshold: undefined,
      boardOverThreshold: undefined,
    };
  const share = w.posts24h ? w.commercial24h / w.posts24h : undefined;
  return {
    boardPosts24h: w.posts24h,
    boardCommercialShare24h: share,
    boardCommercialThreshold: w.threshold?.share,
    boardOverThreshold: w.threshold !== null && share !== undefined && w.posts24h >= w.threshold.minPosts && share > w.threshold.share,
  };
}

export function activeAt(p: PartnershipSnapshot, at: Date): boolean {
  return p.startsAt.getTime() <= at.getTime() && (p.endsAt === null || p.endsAt.getTime() > at.getTime());
}

/** The facts of a post, as named in the catalogue. Pure: the same post and context give the same facts. */
export function computePostFacts(post: PostForFacts, ctx: PostContext, lists: PolicyLists): Facts {
  const text = post.title ? `${post.title}\n${post.body}` : post.body;
  const a = analyzeText(text);
  const brands = mentionedBrands(a.normalized, ctx.brands);
  // The classifier's featurizer scanned the same text for cues already when its body is this text.
  const promoCues = promoCueNames(promoCueMaskReusing(a.normalized, ctx.scores?.cues));
  const active = ctx.authorPartnerships.filter((p) => activeAt(p, post.postedAt));
  const partnerBrands = [...new Set(active.map((p) => p.brandHandle))];
  const verdict = disclosureVerdict({
    text,
    platformLabel: post.platformLabel,
    partnerships: active.map((p) => ({
      brand: p.brandHandle,
      kind: p.kind,
      names: ctx.brands.find((b) => b.handle === p.brandHandle)?.names ?? [],
    })),
    promoScore: ctx.scores?.promo,
    // The whole grammar and the affiliate list from the policy lists, as in the compliance report.
    settings: disclosureSettings(lists),
  });
  const readMarkers = verdict.evidence
    .filter((e) => e.kind === 'marker' || e.kind === 'weak_marker')
    .flatMap((e) => e.spans.filter((s) => s.kind !== 'brand').map((s) => text.slice(s.start, s.end)));
  const facts: Record<string, unknown> = {
    kind: post.kind,
    board: post.board ?? undefined,
    rating: post.rating ?? undefined,
    platformLabel: post.platformLabel,
    reach: post.reach,
    hasProduct: post.hasProduct,
    inVendorThread: ctx.thread ? ctx.thread.authorType === 'vendor' : post.kind === 'thread' && ctx.author.type === 'vendor',
    isThreadOwner: ctx.thread ? ctx.thread.authorIsThisAuthor : post.kind === 'thread',
    text: a.text,
    textLength: a.characters,
    links: a.links,
    linkDomains: a.linkDomains,
    linkCount: a.links.length,
    hasAffiliateLink:
      a.hasAffiliateLink ||
      verdict.evidence.some((e) => e.kind === 'affiliate_link' || e.kind === 'storefront_link' || e.kind === 'promo_code'),
    contactHandles: a.contactHandles.map(({ kind, value }) => ({ kind, value })),
    contactKinds: [...new Set(a.contactHandles.map((h) => h.kind))],
    contactCount: a.contactHandles.length,
    contactInvite: a.contactInvite,
    prices: a.prices,
    promoCues,
    promoCueCount: promoCues.length,
    disclosureMarkers: [...new Set(readMarkers)],
    hasDisclosure: readMarkers.length > 0 || post.platformLabel,
    disclosureVerdict: verdict.status,
    disclosureConfidence: verdict.confidence,
    emojiDensity: a.emojiDensity,
    mentionedBrands: brands,
    spamScore: ctx.scores?.spam,
    promoScore: ctx.scores?.promo,
    authorType: ctx.author.type,
    authorAgeDays: Math.max(0, (post.postedAt.getTime() - ctx.author.joinedAt.getTime()) / DAY),
    authorReputation: ctx.author.reputation ?? undefined,
    authorViolationsUpheld: ctx.author.violationsUpheld,
    authorPartnerBrands: partnerBrands,
    partneredBrandMentioned: brands.some((b) => partnerBrands.includes(b)),
    ...ctx.velocity,
    ...boardFacts(ctx.board),
  };
  // Unknown stays undefined, which json-rules-engine reads exactly as a missing fact. Every
  // item keeps every key in the same order, so all facts objects share one shape.
  return facts;
}
