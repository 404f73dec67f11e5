import type { PolicyDocument, PolicyRule } from '../rules/policy/document';
import { STARTER_POLICIES } from '../rules/starter/policies';
import { STARTER_LISTS } from '../rules/starter/lists';

/**
 * A realistic 30-rule post policy: every starter post rule, plus the kind of rules a community
 * manager adds over time (classifier thresholds, board-specific rules, patterns, reputation).
 */
export function benchmarkPolicy(): PolicyDocument {
  const starter: PolicyRule[] = STARTER_POLICIES.filter((p) => p.appliesTo === 'post').flatMap((p) => p.document.rules);
  const extra: PolicyRule[] = [
    {
      name: 'spam-score-high',
      priority: 10,
      conditions: { all: [{ fact: 'spamScore', operator: 'greaterThanInclusive', value: 0.95 }] },
      event: { type: 'flag', params: { queue: 'spam', priority: 50, reason: 'Classifier: very likely spam' } },
    },
    {
      name: 'spam-score-new-account',
      priority: 10,
      conditions: {
        all: [
          { fact: 'spamScore', operator: 'greaterThanInclusive', value: 0.7 },
          { fact: 'authorAgeDays', operator: 'lessThan', value: 14 },
        ],
      },
      event: { type: 'hold', params: { reason: 'Likely spam from a new account' } },
    },
    {
      name: 'promo-in-discussion-board',
      priority: 5,
      conditions: {
        all: [
          { fact: 'promoScore', operator: 'greaterThan', value: 0.8 },
          { fact: 'board', operator: 'in', value: ['parenting', 'food'] },
          { fact: 'authorType', operator: 'notEqual', value: 'vendor' },
        ],
      },
      event: { type: 'label', params: { label: 'commercial' } },
    },
    {
      name: 'link-heavy-reply',
      priority: 5,
      conditions: {
        all: [
          { fact: 'kind', operator: 'equal', value: 'reply' },
          { fact: 'linkCount', operator: 'greaterThanInclusive', value: 3 },
        ],
      },
      event: { type: 'flag', params: { queue: 'spam', priority: 40, reason: 'Reply with many links' } },
    },
    {
      name: 'emoji-flood',
      priority: 3,
      conditions: {
        all: [
          { fact: 'emojiDensity', operator: 'greaterThan', value: 0.3 },
          { fact: 'textLength', operator: 'greaterThan', value: 20 },
        ],
      },
      event: { type: 'flag', params: { queue: 'spam', priority: 30, reason: 'Mostly emoji' } },
    },
    {
      name: 'phone-pattern',
      priority: 8,
      conditions: {
        all: [
          { fact: 'text', operator: 'matchesPattern', value: '1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}' },
          { fact: 'isThreadOwner', operator: 'equal', value: false },
        ],
      },
      event: { type: 'flag', params: { queue: 'contact_harvesting', priority: 60, reason: 'Phone number pattern' } },
    },
    {
      name: 'wechat-disguise-pattern',
      priority: 8,
      conditions: { all: [{ fact: 'text', operator: 'matchesPattern', value: '(?:威|薇|v)信|加\\s?v\\b' }] },
      event: { type: 'flag', params: { queue: 'contact_harvesting', priority: 55, reason: 'Disguised WeChat mention' } },
    },
    {
      name: 'giveaway-scam-words',
      priority: 12,
      conditions: {
        all: [
          {
            fact: 'text',
            operator: 'containsAny',
            value: ['中奖', '领取奖品', '免费领取', 'giveaway', 'verify now', 'account will be suspended', 'send btc', 'double your'],
          },
          { fact: 'linkCount', operator: 'greaterThan', value: 0 },
        ],
      },
      event: { type: 'flag', params: { queue: 'scam', priority: 80, reason: 'Giveaway or account-notice scam with a link' } },
    },
    {
      name: 'job-scam-words',
      priority: 12,
      conditions: {
        all: [
          {
            fact: 'text',
            operator: 'containsAny',
            value: ['兼职日结', '月入过万', '刷单', 'make $500', 'work from home', 'no experience needed'],
          },
        ],
      },
      event: { type: 'flag', params: { queue: 'scam', priority: 65, reason: 'Job or task scam wording' } },
    },
    {
      name: 'low-reputation-link',
      priority: 6,
      conditions: {
        all: [
          { fact: 'authorReputation', operator: 'lessThan', value: 30 },
          { fact: 'linkCount', operator: 'greaterThan', value: 0 },
        ],
      },
      event: { type: 'flag', params: { queue: 'spam', priority: 45, reason: 'Link from a low-reputation account' } },
    },
    {
      name: 'repeat-offender',
      priority: 6,
      conditions: {
        all: [
          { fact: 'authorViolationsUpheld', operator: 'greaterThanInclusive', value: 3 },
          {
            any: [
              { fact: 'contactCount', operator: 'greaterThan', value: 0 },
              { fact: 'linkCount', operator: 'greaterThan', value: 0 },
            ],
          },
        ],
      },
      event: { type: 'hold', params: { reason: 'Repeat offender posting links or contacts' } },
    },
    {
      name: 'posting-burst',
      priority: 4,
      conditions: {
        all: [
          { fact: 'authorPostsLast10m', operator: 'greaterThanInclusive', value: 8 },
          { not: { fact: 'authorType', operator: 'in', value: ['vendor', 'brand'] } },
        ],
      },
      event: { type: 'flag', params: { queue: 'spam', priority: 35, reason: 'Posting burst' } },
    },
    {
      name: 'review-without-purchase-words',
      priority: 4,
      conditions: {
        all: [
          { fact: 'kind', operator: 'equal', value: 'review' },
          { fact: 'rating', operator: 'equal', value: 5 },
          { fact: 'textLength', operator: 'lessThan', value: 15 },
          { fact: 'authorAgeDays', operator: 'lessThan', value: 2 },
        ],
      },
      event: { type: 'flag', params: { queue: 'fake_review', priority: 40, reason: 'Very short five-star review from a day-old account' } },
    },
    {
      name: 'creator-unlabelled-product-post',
      priority: 4,
      conditions: {
        all: [
          { fact: 'authorType', operator: 'equal', value: 'creator' },
          { fact: 'hasProduct', operator: 'equal', value: true },
          { fact: 'hasDisclosure', operator: 'equal', value: false },
          { fact: 'promoScore', operator: 'greaterThan', value: 0.6 },
        ],
      },
      event: {
        type: 'flag',
        params: { queue: 'undisclosed_ad', priority: 50, reason: 'Creator product post that reads as promotion, no disclosure' },
      },
    },
    {
      name: 'qq-or-telegram',
      priority: 7,
      conditions: { all: [{ fact: 'contactKinds', operator: 'someFact:in', value: ['qq', 'telegram', 'whatsapp'] }] },
      event: { type: 'flag', params: { queue: 'contact_harvesting', priority: 60, reason: 'QQ, Telegram or WhatsApp handle' } },
    },
    {
      name: 'vendor-price-in-review',
      priority: 3,
      conditions: {
        all: [
          { fact: 'kind', operator: 'equal', value: 'review' },
          { fact: 'authorType', operator: 'equal', value: 'vendor' },
        ],
      },
      event: { type: 'flag', params: { queue: 'fake_review', priority: 50, reason: 'A vendor reviewing a product' } },
    },
    {
      name: 'high-reach-undisclosed-evidence',
      priority: 2,
      conditions: {
        all: [
          { fact: 'reach', operator: 'greaterThan', value: 20000 },
          { fact: 'partneredBrandMentioned', operator: 'equal', value: true },
          { fact: 'hasDisclosure', operator: 'equal', value: false },
        ],
      },
      event: {
        type: 'reputation_evidence',
        params: { component: 'discussion', weight: -2, reason: 'Undisclosed promotion with wide reach' },
      },
    },
  ];
  const rules = [...starter, ...extra];
  return { rules: rules.slice(0, 30) };
}

export function benchmarkLists(): Record<string, string[]> {
  return Object.fromEntries(STARTER_LISTS.map((l) => [l.name, l.items]));
}
