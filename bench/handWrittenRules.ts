import { normalizeForMatch } from '../rules/text/normalize';
import type { PolicyDocument } from '../rules/policy/document';
import type { Facts } from '../rules/policy/evaluation';
import type { PolicyEvent } from '../rules/policy/events';

/**
 * The benchmark policy (bench/benchPolicy.ts) written by hand as one closure per rule: what a
 * programmer who knew the rules would write, and the floor for any evaluator of the policy in
 * JavaScript. The text is normalised once per item; phrase lists are one alternation each; numbers
 * are checked to be numbers (json-rules-engine never lets null compare as 0). bench:rules checks
 * that it fires the same rules as json-rules-engine on every item.
 */
export function handWrittenPolicy(
  doc: PolicyDocument,
  lists: Record<string, readonly string[]>,
): (facts: Facts) => PolicyEvent[] | undefined {
  const escape = (p: string) => p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const anyOf = (phrases: readonly string[]) => new RegExp(phrases.map((p) => escape(normalizeForMatch(p))).join('|'), 'u');
  const offPlatform = anyOf(lists.off_platform_payment_phrases!);
  const counterfeit = anyOf(lists.counterfeit_terms!);
  const reviewIncentive = anyOf(lists.review_incentive_phrases!);
  const giveaway = anyOf([
    '中奖',
    '领取奖品',
    '免费领取',
    'giveaway',
    'verify now',
    'account will be suspended',
    'send btc',
    'double your',
  ]);
  const jobScam = anyOf(['兼职日结', '月入过万', '刷单', 'make $500', 'work from home', 'no experience needed']);
  const phone = new RegExp('1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}', 'iu');
  const wechat = new RegExp('(?:威|薇|v)信|加\\s?v\\b', 'iu');
  const blocked = new Set(lists.blocked_domains!.map(normalizeForMatch));
  const blockedHost = (host: string) => {
    const parts = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < parts.length - 1; i++) if (blocked.has(parts.slice(i).join('.'))) return true;
    return false;
  };
  const n = (v: unknown) => (typeof v === 'number' ? v : NaN);

  type Test = (f: Facts, text: string) => boolean;
  const tests: Record<string, Test> = {
    'contact-handle-in-vendor-thread': (f) => n(f.contactCount) > 0 && f.inVendorThread === true && f.isThreadOwner === false,
    'contact-handle-with-invite': (f) => n(f.contactCount) > 0 && f.contactInvite === true,
    'contact-harvesting-evidence': (f) => n(f.contactCount) > 0 && (f.contactInvite === true || f.inVendorThread === true),
    'off-platform-payment-request': (_, t) => offPlatform.test(t),
    'off-platform-payment-hold': (f, t) => f.authorType === 'vendor' && offPlatform.test(t),
    'counterfeit-terms': (_, t) => counterfeit.test(t),
    'review-burst-new-accounts': (f) => f.kind === 'review' && n(f.authorAgeDays) < 7 && n(f.productReviewsByNewAccounts24h) >= 4,
    'review-for-cashback': (f, t) => f.kind === 'review' && reviewIncentive.test(t),
    'identical-comments-many-accounts': (f) => (f.kind === 'live_comment' || f.kind === 'reply') && n(f.identicalTextAccounts10m) >= 4,
    'affiliate-link-without-disclosure': (f) => f.hasAffiliateLink === true && f.hasDisclosure === false,
    'undisclosed-commercial-post': (f) => f.disclosureVerdict === 'undisclosed',
    'weakly-disclosed-post': (f) => f.disclosureVerdict === 'weakly_disclosed',
    'blocked-domain-link': (f) => Array.isArray(f.linkDomains) && f.linkDomains.some((d) => typeof d === 'string' && blockedHost(d)),
    'blocked-domain-flag': (f) => Array.isArray(f.linkDomains) && f.linkDomains.some((d) => typeof d === 'string' && blockedHost(d)),
    'classifier-spam': (f) => n(f.spamScore) >= 0.9,
    'promotion-on-saturated-board': (f) =>
      f.boardOverThreshold === true &&
      (f.disclosureVerdict === 'disclosed' || f.disclosureVerdict === 'weakly_disclosed' || f.disclosureVerdict === 'undisclosed'),
    'spam-score-high': (f) => n(f.spamScore) >= 0.95,
    'spam-score-new-account': (f) => n(f.spamScore) >= 0.7 && n(f.authorAgeDays) < 14,
    'promo-in-discussion-board': (f) =>
      n(f.promoScore) > 0.8 && (f.board === 'parenting' || f.board === 'food') && f.authorType !== 'vendor',
    'link-heavy-reply': (f) => f.kind === 'reply' && n(f.linkCount) >= 3,
    'emoji-flood': (f) => n(f.emojiDensity) > 0.3 && n(f.textLength) > 20,
    'phone-pattern': (f, t) => f.isThreadOwner === false && phone.test(t),
    'wechat-disguise-pattern': (_, t) => wechat.test(t),
    'giveaway-scam-words': (f, t) => n(f.linkCount) > 0 && giveaway.test(t),
    'job-scam-words': (_, t) => jobScam.test(t),
    'low-reputation-link': (f) => n(f.authorReputation) < 30 && n(f.linkCount) > 0,
    'repeat-offender': (f) => n(f.authorViolationsUpheld) >= 3 && (n(f.contactCount) > 0 || n(f.linkCount) > 0),
    'posting-burst': (f) => n(f.authorPostsLast10m) >= 8 && !(f.authorType === 'vendor' || f.authorType === 'brand'),
    'review-without-purchase-words': (f) => f.kind === 'review' && f.rating === 5 && n(f.textLength) < 15 && n(f.authorAgeDays) < 2,
    'creator-unlabelled-product-post': (f) =>
      f.authorType === 'creator' && f.hasProduct === true && f.hasDisclosure === false && n(f.promoScore) > 0.6,
  };
  // Reporting order: priority, highest first, then document order.
  const ordered = doc.rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.priority || 1) - (a.r.priority || 1) || a.i - b.i)
    .map(({ r }) => r);
  const rules = ordered.map((r) => {
    const test = tests[r.name];
    if (!test) throw new Error(`no hand-written closure for rule ${r.name}`);
    return { test, event: r.event };
  });
  let lastText: unknown;
  let normalized = '';
  return (f) => {
    if (f.text !== lastText) {
      lastText = f.text;
      normalized = typeof f.text === 'string' ? normalizeForMatch(f.text) : '';
    }
    let out: PolicyEvent[] | undefined;
    for (const rule of rules) if (rule.test(f, normalized)) (out ??= []).push(rule.event);
    return out;
  };
}
