/**
 * Every fact a policy can name, documented in one place. The API serves this list to the policy
 * editor, validation rejects any other name, and the fact builders must produce exactly these.
 */
export type FactType = 'string' | 'number' | 'boolean' | 'string[]' | 'object[]' | 'object';
export type Subject = 'post' | 'transaction';

export interface FactDefinition {
  name: string;
  type: FactType;
  subjects: readonly Subject[];
  group: 'text' | 'classifier' | 'author' | 'velocity' | 'item' | 'transaction' | 'community';
  description: string;
}

const P = ['post'] as const;
const T = ['transaction'] as const;

export const FACTS: readonly FactDefinition[] = [
  // The item itself.
  { name: 'kind', type: 'string', subjects: P, group: 'item', description: 'thread, reply, review or live_comment' },
  { name: 'board', type: 'string', subjects: P, group: 'item', description: 'the board (section) the post is in' },
  { name: 'rating', type: 'number', subjects: P, group: 'item', description: 'review stars 1–5; absent for other kinds' },
  { name: 'platformLabel', type: 'boolean', subjects: P, group: 'item', description: "the platform's own 'ad' label was set" },
  { name: 'reach', type: 'number', subjects: P, group: 'item', description: 'views reported by the platform' },
  { name: 'hasProduct', type: 'boolean', subjects: P, group: 'item', description: 'the post is attached to a product (a way to buy)' },
  {
    name: 'inVendorThread',
    type: 'boolean',
    subjects: P,
    group: 'item',
    description: 'the thread this post is in was started by a vendor',
  },
  { name: 'isThreadOwner', type: 'boolean', subjects: P, group: 'item', description: 'the author started the thread this post is in' },

  // Text: computed from title and body.
  { name: 'text', type: 'string', subjects: P, group: 'text', description: 'title and body as sent' },
  { name: 'textLength', type: 'number', subjects: P, group: 'text', description: 'characters in title and body' },
  { name: 'links', type: 'string[]', subjects: P, group: 'text', description: 'URLs in the text' },
  { name: 'linkDomains', type: 'string[]', subjects: P, group: 'text', description: 'host names of those URLs, lower case, without www.' },
  { name: 'linkCount', type: 'number', subjects: P, group: 'text', description: 'number of URLs' },
  {
    name: 'hasAffiliateLink',
    type: 'boolean',
    subjects: P,
    group: 'text',
    description: 'a URL carries an affiliate or referral parameter (aff, ref, utm_source, tag …) or a promo code is given',
  },
  {
    name: 'contactHandles',
    type: 'object[]',
    subjects: P,
    group: 'text',
    description: '{kind, value} for each contact handle: wechat, qq, phone, email, telegram, whatsapp, line',
  },
  { name: 'contactKinds', type: 'string[]', subjects: P, group: 'text', description: 'the distinct kinds among contactHandles' },
  { name: 'contactCount', type: 'number', subjects: P, group: 'text', description: 'number of contact handles' },
  {
    name: 'contactInvite',
    type: 'boolean',
    subjects: P,
    group: 'text',
    description: 'asks readers to get in touch privately (加我, 私聊, DM me, text me …)',
  },
  { name: 'prices', type: 'string[]', subjects: P, group: 'text', description: 'price mentions as written (¥199, 99元, $20)' },
  {
    name: 'promoCues',
    type: 'string[]',
    subjects: P,
    group: 'text',
    description:
      'promotion cues the text shows, in both languages (rules/text/promoCues.ts): price, discount, free_shipping, call_to_action, shop, presale, code, limited_time, restock, launch, link, giveaway, subscription, livestream, contact_to_buy; the classifier sees the same cues',
  },
  { name: 'promoCueCount', type: 'number', subjects: P, group: 'text', description: 'how many of those cues the text shows' },
  {
    name: 'disclosureMarkers',
    type: 'string[]',
    subjects: P,
    group: 'text',
    description: 'advertising disclosure markers found (广告, #ad, Paid partnership …), negated ones left out',
  },
  {
    name: 'hasDisclosure',
    type: 'boolean',
    subjects: P,
    group: 'text',
    description: 'at least one disclosure marker, or the platform label',
  },
  {
    name: 'disclosureVerdict',
    type: 'string',
    subjects: P,
    group: 'text',
    description:
      'disclosed, weakly_disclosed, undisclosed or not_commercial: commercial evidence (partnership with a brand the post names, affiliate links, the promo score) against disclosure a reader would see',
  },
  { name: 'disclosureConfidence', type: 'number', subjects: P, group: 'text', description: 'confidence of that verdict, 0–1' },
  { name: 'emojiDensity', type: 'number', subjects: P, group: 'text', description: 'emoji per character, 0–1' },
  {
    name: 'mentionedBrands',
    type: 'string[]',
    subjects: P,
    group: 'text',
    description: 'handles of brand accounts whose name appears in the text',
  },

  // Classifier.
  { name: 'spamScore', type: 'number', subjects: P, group: 'classifier', description: 'classifier probability that the text is spam, 0–1' },
  {
    name: 'promoScore',
    type: 'number',
    subjects: P,
    group: 'classifier',
    description: 'classifier probability that the text promotes something, 0–1',
  },

  // The author at posting time.
  { name: 'authorType', type: 'string', subjects: P, group: 'author', description: 'member, vendor, brand or creator' },
  { name: 'authorAgeDays', type: 'number', subjects: P, group: 'author', description: 'days since the account joined, at posting time' },
  {
    name: 'authorReputation',
    type: 'number',
    subjects: P,
    group: 'author',
    description: 'combined reputation 0–100; absent while unknown',
  },
  {
    name: 'authorViolationsUpheld',
    type: 'number',
    subjects: P,
    group: 'author',
    description: 'earlier moderator decisions against the author that stand',
  },
  {
    name: 'authorPartnerBrands',
    type: 'string[]',
    subjects: P,
    group: 'author',
    description: 'brands the author had an active partnership with at posting time',
  },
  {
    name: 'partneredBrandMentioned',
    type: 'boolean',
    subjects: P,
    group: 'author',
    description: 'the text mentions a brand the author had an active partnership with',
  },

  // Velocity: counted over what was stored before this item.
  {
    name: 'authorPostsLast10m',
    type: 'number',
    subjects: P,
    group: 'velocity',
    description: "the author's posts in the 10 minutes before this one",
  },
  {
    name: 'authorPostsLastHour',
    type: 'number',
    subjects: P,
    group: 'velocity',
    description: "the author's posts in the hour before this one",
  },
  {
    name: 'identicalTextAccounts10m',
    type: 'number',
    subjects: P,
    group: 'velocity',
    description: 'other accounts that posted the same text (normalised) in the same thread in the previous 10 minutes',
  },
  {
    name: 'productReviewsByNewAccounts24h',
    type: 'number',
    subjects: P,
    group: 'velocity',
    description: 'reviews of the same product in the previous 24 hours by accounts under 7 days old',
  },

  // Community: the board's 24 full hours before the hour of this post, from the counters kept on ingestion.
  {
    name: 'boardPosts24h',
    type: 'number',
    subjects: P,
    group: 'community',
    description: "posts in this post's board in the 24 full hours before the hour it was posted in",
  },
  {
    name: 'boardCommercialShare24h',
    type: 'number',
    subjects: P,
    group: 'community',
    description: 'share of those posts judged commercial (disclosed or not), 0–1; absent without posts',
  },
  {
    name: 'boardCommercialThreshold',
    type: 'number',
    subjects: P,
    group: 'community',
    description: 'the commercial share community managers set for this board, 0–1; absent when none is set',
  },
  {
    name: 'boardOverThreshold',
    type: 'boolean',
    subjects: P,
    group: 'community',
    description: "the board's last 24 hours are over its threshold (with at least its minimum number of posts)",
  },

  // Orders.
  { name: 'amount', type: 'number', subjects: T, group: 'transaction', description: 'order amount in major units (yuan, dollars)' },
  { name: 'currency', type: 'string', subjects: T, group: 'transaction', description: 'ISO 4217 code' },
  {
    name: 'status',
    type: 'string',
    subjects: T,
    group: 'transaction',
    description: 'pending, completed, refunded, disputed, chargeback or cancelled',
  },
  { name: 'buyerAgeDays', type: 'number', subjects: T, group: 'transaction', description: 'days since the buyer joined, at order time' },
  {
    name: 'buyerReputation',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "buyer's combined reputation 0–100; absent while unknown",
  },
  {
    name: 'buyerOrders90d',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "buyer's orders in the 90 days before this one",
  },
  {
    name: 'buyerRefunds90d',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "buyer's refunded orders in the 90 days before",
  },
  {
    name: 'buyerDisputes90d',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "buyer's disputed or charged-back orders in the 90 days before",
  },
  {
    name: 'buyerOrdersLastHour',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "buyer's orders in the hour before this one",
  },
  { name: 'vendorOrders90d', type: 'number', subjects: T, group: 'transaction', description: "vendor's orders in the 90 days before" },
  {
    name: 'vendorRefundRate90d',
    type: 'number',
    subjects: T,
    group: 'transaction',
    description: "share of the vendor's orders in the 90 days before that were refunded, disputed or charged back, 0–1",
  },
  {
    name: 'hasReferralPost',
    type: 'boolean',
    subjects: T,
    group: 'transaction',
    description: 'the platform attributes the order to a post',
  },
  {
    name: 'referralPostDisclosed',
    type: 'boolean',
    subjects: T,
    group: 'transaction',
    description: 'the referring post carries a disclosure; absent without a referral',
  },
  { name: 'hasAffiliate', type: 'boolean', subjects: T, group: 'transaction', description: 'an affiliate earns commission on the order' },
  {
    name: 'affiliatePartneredWithBrand',
    type: 'boolean',
    subjects: T,
    group: 'transaction',
    description: "the affiliate had an active partnership with the product's brand",
  },
];

export const FACTS_BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.name, f]));

export function factsFor(subject: Subject): FactDefinition[] {
  return FACTS.filter((f) => f.subjects.includes(subject));
}
